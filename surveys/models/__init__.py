from .focus_groups import (
    ADJUSTMENTS,
    Contribution,
    FocusGroupSession,
    SessionPrompt,
    SettingType,
    SpeakerType,
)
from .responses import Answer, HearBackRequest, Response
from .scales import AnswerScale, CountsAs, ScaleOption
from .survey import Audience, Channel, SurveyLink, SurveyPage, SurveyQuestion

__all__ = [
    "ADJUSTMENTS",
    "Contribution",
    "FocusGroupSession",
    "SessionPrompt",
    "SettingType",
    "SpeakerType",
    "Answer",
    "AnswerScale",
    "Audience",
    "Channel",
    "CountsAs",
    "HearBackRequest",
    "Response",
    "ScaleOption",
    "SurveyLink",
    "SurveyPage",
    "SurveyQuestion",
]
