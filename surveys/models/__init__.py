from .responses import Answer, HearBackRequest, Response
from .scales import AnswerScale, CountsAs, ScaleOption
from .survey import Audience, Channel, SurveyLink, SurveyPage, SurveyQuestion

__all__ = [
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
