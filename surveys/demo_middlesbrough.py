"""The demo's Middlesbrough survey: progress on the 8-point scale, symbols, a captioned video.

Middlesbrough records progress towards each outcome at the annual review on its 8-point scale
("Outcome achieved much better than expected" ... "Regressed"). This survey asks the young
person the same, with a picture beside every answer, and one question comes with a short video
and WebVTT captions (made by scripts/make_demo_video.sh and committed, so seeding needs no
ffmpeg). Created only when missing, like every demo survey.
"""

from pathlib import Path

from django.core.files import File
from wagtail.documents import get_document_model

from outcomes_cms.models import HomePage

from .demo import _outcomes, _survey
from .demo_scales import FIVE_FACES, PROGRESS, WHERE_SUPPORT, seed_scales
from .models import Audience, SurveyPage

SLUG = "middlesbrough-annual-review"
VIDEO_FOLDER = Path(__file__).resolve().parent.parent / "engagement" / "demo_data" / "video"
VIDEO_TITLE = "Demo video: How relaxed and happy do you feel?"
CAPTIONS_TITLE = "Demo captions: How relaxed and happy do you feel?"

# (statement, easy read, scale, Middlesbrough outcome, symbol from the set for the question)
QUESTIONS = [
    (
        "How are you getting on with making choices and decisions?",
        "Can you make your own choices?",
        PROGRESS,
        "Making choices and decisions",
        "1F914",
    ),
    (
        "How are you getting on with doing things for yourself?",
        "Can you do more things on your own?",
        PROGRESS,
        "Develop independence skills",
        "1F6B6",
    ),
    (
        "How relaxed and happy do you feel?",
        "Do you feel calm and happy?",
        FIVE_FACES,
        "Be relaxed and happy",
        "",  # this question has the video instead
    ),
    (
        "How are you getting on with learning?",
        "Are you learning new things?",
        PROGRESS,
        "Take part in education and learning",
        "1F4DA",
    ),
    (
        "How happy are you with life at home?",
        "Are you happy at home?",
        FIVE_FACES,
        "Happy with life at home",
        "1F3E0",
    ),
    ("Where do you get support?", "Who helps you?", WHERE_SUPPORT, "", ""),
]


def seed_middlesbrough_review(home: HomePage) -> SurveyPage:
    scales = seed_scales()
    outcomes = {outcome.title: outcome for outcome in _outcomes("Middlesbrough")}
    video, captions = _demo_video()
    questions = []
    for statement, easy_read, scale, outcome, symbol_key in QUESTIONS:
        question = {
            "statement": statement,
            "easy_read": easy_read,
            "scale": scales[scale],
            "outcome": outcomes.get(outcome),
            "symbol_key": symbol_key,
            "comment_prompt": "Do you want to tell us more?",
        }
        if scale == FIVE_FACES and not symbol_key:
            question.update(video=video, captions=captions)
        questions.append(question)
    return _survey(
        home,
        slug=SLUG,
        title="My annual review: how am I getting on?",
        intro="Before your annual review, tell us how things are going. Pick the picture that "
        "fits best. There are no wrong answers.",
        audience=Audience.YOUNG_PEOPLE,
        minutes=5,
        questions=questions,
    )


def _demo_video():
    """The video and its captions as Wagtail documents, uploaded once."""
    Document = get_document_model()
    documents = []
    for title, name in (
        (VIDEO_TITLE, "relaxed-and-happy.mp4"),
        (CAPTIONS_TITLE, "relaxed-and-happy.vtt"),
    ):
        document = Document.objects.filter(title=title).first()
        if document is None:
            with open(VIDEO_FOLDER / name, "rb") as source:
                document = Document(title=title, file=File(source, name=name))
                document._set_document_file_metadata()  # size and hash, as Wagtail's form does
                document.save()
        documents.append(document)
    return documents
