"""A question's video (MP4 or WebM, e.g. in BSL) with WebVTT captions, from upload to the page."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from engagement.roles import OFFICER
from outcomes_cms.models import HomePage
from surveys.demo_middlesbrough import VIDEO_FOLDER, seed_middlesbrough_review
from tests.factories import UserFactory
from tests.surveys.conftest import Respondent

pytestmark = pytest.mark.django_db

WEBM_HEAD = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01webm"


@pytest.fixture
def middlesbrough():
    return seed_middlesbrough_review(HomePage.objects.get())


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(roles=[OFFICER]))
    return client


def upload(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("bsl.mp4", (VIDEO_FOLDER / "relaxed-and-happy.mp4").read_bytes()),
        ("bsl.webm", WEBM_HEAD + b"\x00" * 64),
        ("bsl.vtt", (VIDEO_FOLDER / "relaxed-and-happy.vtt").read_bytes()),
        ("bsl-bom.vtt", b"\xef\xbb\xbfWEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"),
    ],
)
def test_officer_uploads_an_mp4_or_webm_video_and_webvtt_captions(officer_client, name, content):
    response = upload(officer_client, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.filter(title=name).exists()


def test_the_admin_says_how_big_a_video_may_be(officer_client, settings):
    html = officer_client.get("/admin/documents/add/").content.decode()
    assert "50.0" in html  # Wagtail's "Maximum filesize" is the video limit
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1000
    response = upload(officer_client, "minutes.pdf", b"%PDF-1.4 " + b"x" * 2000)
    assert "A file can be at most 1000" in response.content.decode()


def test_a_question_refuses_a_document_as_its_video_and_a_video_as_its_captions(middlesbrough):
    question = middlesbrough.questions.get(video__isnull=False)
    pdf = Document.objects.create(title="Minutes", file=SimpleUploadedFile("minutes.pdf", b"%PDF"))
    question.video, question.captions = pdf, question.video
    with pytest.raises(ValidationError) as refused:
        question.full_clean()
    assert "'Minutes' is not a video. Choose or upload an MP4 or WebM file." in str(refused.value)
    assert "is not a captions file" in str(refused.value)

    question.video, question.captions = None, Document.objects.get(title__startswith="Demo cap")
    with pytest.raises(ValidationError) as refused:
        question.full_clean()
    assert "Captions go with a video" in str(refused.value)


def test_the_page_plays_the_video_with_captions_on(client, middlesbrough):
    respondent = Respondent(client, middlesbrough)
    respondent.start()
    html = client.get(respondent.url("question", 3)).content.decode()
    video = re.search(r"<video [^>]*>.*?</video>", html, re.S).group(0)
    assert "controls" in video and 'preload="none"' in video
    track = re.search(r"<track [^>]*>", video).group(0)
    assert 'kind="captions"' in track and 'srclang="en"' in track and "default" in track

    for pattern, content_type in (
        (r'<video [^>]*src="([^"]+)"', "video/mp4"),
        (r'<track [^>]*src="([^"]+)"', "text/vtt"),
    ):
        served = client.get(re.search(pattern, video).group(1))
        assert served.status_code == 200 and served["Content-Type"] == content_type
        body = b"".join(served.streaming_content)
        assert body[4:8] == b"ftyp" if content_type == "video/mp4" else body.startswith(b"WEBVTT")


def test_seeding_the_middlesbrough_survey_twice_adds_nothing(middlesbrough):
    documents = Document.objects.count()
    again = seed_middlesbrough_review(HomePage.objects.get())
    assert again.pk == middlesbrough.pk and Document.objects.count() == documents
    questions = list(middlesbrough.active_questions())
    progress = [q for q in questions if q.scale.name == "Middlesbrough progress scale"]
    assert len(progress) >= 3 and all(q.outcome for q in progress)
    assert len(progress[0].scale.options.all()) == 8
    assert all(o.symbol_key for q in questions for o in q.scale.options.all())
