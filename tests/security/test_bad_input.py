"""Hostile and broken input on every public form and upload: each gets a clear 4xx message or is
stored safely escaped, never a 500, and nothing saved earlier is lost."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from engagement.dashboard.periods import recent_quarters
from engagement.models import CommentImport, Voice
from engagement.roles import FACILITATOR, OFFICER
from outcomes_cms.models import IndicatorValue, OutcomeIndicator, OutcomePage
from surveys.models import (
    Answer,
    AnswerScale,
    Contribution,
    FocusGroupSession,
    HearBackRequest,
    SurveyPage,
)
from tests.factories import UserFactory
from tests.surveys.conftest import Respondent
from tests.url_walk import url_conf_routes

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = {
    "script": SCRIPT,
    "sql": "'; DROP TABLE surveys_answer; --",
    "null byte": "before\x00after",
    "emoji and right-to-left": "😀👍🏽 مرحبا بالعالم ‮reversed‬",
    "control characters": "a\x07b\x1bc\x7f",
    "oversized": "x" * 100_000,
    "only spaces": "   \n\t ",
}
# What each should meet: stored (and shown escaped) or refused with a message.
REFUSED = {"null byte", "oversized"}
EMPTY = "only spaces"  # no comment at all: an optional comment is dropped, a quote refused

BAD_FILES = {
    "binary named .csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "invalid UTF-8": b"text,speaker_type\n\xff\xfe\xfa bad bytes,young person\n",
    "wrong headers": b"name,age,school\nSam,12,Oak Road\n",
    "more cells than headers": b"text,speaker_type\nI like it, a lot,young person,yes,extra\n",
    "empty": b"",
    "oversized": b"text,speaker_type\n" + b"y" * 6_000_000 + b",young person\n",
}


@pytest.fixture
def respondent(client):
    return Respondent(client, SurveyPage.objects.get(slug="pupil-voice-annual-review"))


def not_a_server_error(response) -> None:
    assert response.status_code < 500, response.status_code


@pytest.mark.parametrize("name", HOSTILE_TEXT)
def test_a_survey_answer_with_hostile_text_is_refused_or_stored_escaped(client, respondent, name):
    respondent.start()
    respondent.answer(1, "Yes", comment="My first answer")
    first = Answer.objects.latest("pk")
    data = {"answer": respondent.option_value(2, "Yes"), "comment": HOSTILE_TEXT[name]}
    posted = client.post(respondent.url("question", 2), data)
    assert Answer.objects.get(pk=first.pk).comment == "My first answer"  # nothing earlier lost
    if name in REFUSED:
        assert posted.status_code == 400 and "Error: " in posted.content.decode()
        return
    assert posted.status_code == 302
    stored = Answer.objects.get(response=first.response, question__sort_order=1)
    assert stored.comment == ("" if name == EMPTY else HOSTILE_TEXT[name])
    page = client.get(respondent.url("question", 2)).content.decode()
    assert SCRIPT not in page
    if name == "script":
        assert "&lt;script&gt;" in page  # shown back, escaped


def test_a_forged_resume_token_and_a_made_up_step_are_a_calm_404(client, respondent):
    not_a_server_error(client.get(respondent.url("resume", "forged-token-" + "a" * 40)))
    respondent.start()
    assert client.get(respondent.url("question", 999)).status_code == 404
    refused = client.post(respondent.url("question", 1), {"answer": "not-an-option"})
    assert refused.status_code == 400 and "Error: " in refused.content.decode()


def test_a_post_without_its_csrf_token_is_refused(respondent):
    strict = Client(enforce_csrf_checks=True)
    refused = strict.post(respondent.url(), {})
    assert refused.status_code == 403
    assert "form" in refused.content.decode().lower()  # our 403_csrf page says what to do


@pytest.fixture
def facilitator_client(client):
    facilitator = UserFactory(roles=[FACILITATOR])
    session = FocusGroupSession.objects.create(
        title="Group", held_on=datetime.date(2026, 11, 1), setting_type="college",
        young_people_count=6, consent="verbal",
    )  # fmt: skip
    session.facilitators.add(facilitator)
    client.force_login(facilitator)
    return client, session


@pytest.mark.parametrize("name", HOSTILE_TEXT)
def test_a_contribution_with_hostile_text_is_refused_or_stored_escaped(
    facilitator_client, name, django_capture_on_commit_callbacks
):
    client, session = facilitator_client
    url = f"/focus-groups/{session.pk}/contributions/"
    base = {"kind": "quote", "speaker_type": "young_person"}
    with django_capture_on_commit_callbacks(execute=True):  # checked, so shown on the page
        client.post(url, {**base, "text": "Kept words", "client_key": str(uuid.uuid4())})
        hostile = {**base, "text": HOSTILE_TEXT[name], "client_key": str(uuid.uuid4())}
        posted = client.post(url, hostile)
    assert Contribution.objects.filter(text="Kept words").count() == 1
    if name in REFUSED or name == EMPTY:
        assert posted.status_code == 400
        assert Contribution.objects.filter(session=session).count() == 1
        return
    assert posted.status_code == 302
    assert Voice.objects.filter(contribution__session=session).count() == 2
    page = client.get(f"/focus-groups/{session.pk}/").content.decode()
    assert SCRIPT not in page
    if name == "script":
        assert "&lt;script&gt;" in page


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_broken_upload_gets_a_clear_message_and_imports_nothing(facilitator_client, name):
    client, session = facilitator_client
    upload = SimpleUploadedFile("notes.csv", BAD_FILES[name], "text/csv")
    posted = client.post(
        f"/focus-groups/{session.pk}/import/", {"csv_file": upload, "speaker_type": "young_person"}
    )
    assert posted.status_code in (200, 400, 413), posted.status_code
    assert not Contribution.objects.filter(session=session).exists()  # nothing until confirmed


BAD_EMAILS = {
    "script": f"{SCRIPT}@example.org",
    "sql": "x'; DROP TABLE surveys_hearbackrequest; --@example.org",
    "null byte": "me\x00@example.org",
    "oversized": "a" * 100_000 + "@example.org",
    "emoji and right-to-left": "😀‮gro.elpmaxe@em",
    "not an address": "my mum's phone",
}


@pytest.mark.parametrize("name", BAD_EMAILS)
def test_a_hear_back_address_that_is_not_one_is_refused_and_the_answers_kept(
    client, respondent, name
):
    respondent.start()
    respondent.answer_all("Yes", comment="My TA helps me")
    response = Answer.objects.latest("pk").response
    posted = client.post(respondent.url("check"), {"email": BAD_EMAILS[name]})
    assert posted.status_code == 400
    page = posted.content.decode()
    assert "Error: " in page and "Enter an email address like name@example.com" in page
    assert SCRIPT not in page
    response.refresh_from_db()
    assert response.completed_at is None and not HearBackRequest.objects.exists()
    assert response.answers.count() == 10  # nothing earlier lost
    assert client.post(respondent.url("check"), {"email": ""}).status_code == 302


@pytest.mark.parametrize("name", BAD_EMAILS)
def test_a_focus_group_hear_back_address_that_is_not_one_is_refused(facilitator_client, name):
    client, session = facilitator_client
    posted = client.post(f"/focus-groups/{session.pk}/hear-back/", {"email": BAD_EMAILS[name]})
    assert posted.status_code == 400
    assert "Enter an email address" in posted.content.decode()
    assert SCRIPT not in posted.content.decode()
    assert not HearBackRequest.objects.filter(session=session).exists()


# Another tool's export may have any headers (the officer picks the column) and bytes that are not
# UTF-8 are read as Windows-1252, as Excel writes them: these two reach the preview.
READABLE_EXPORTS = {"invalid UTF-8", "wrong headers"}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_broken_comment_export_gets_a_clear_message_and_imports_nothing(client, name):
    client.force_login(UserFactory(roles=[OFFICER]))
    posted = client.post(
        "/admin/comment-imports/",
        {
            "title": f"Hostile {SCRIPT}",
            "tool": "other",
            "audience": "parent_carer",
            "csv_file": SimpleUploadedFile("export.csv", BAD_FILES[name], "text/csv"),
        },
    )
    not_a_server_error(posted)
    if name in READABLE_EXPORTS:  # a preview to check, the title shown escaped
        assert posted.status_code == 302
        preview = client.get(posted["Location"]).content.decode()
        assert SCRIPT not in preview and "&lt;script&gt;" in preview
    else:
        assert posted.status_code == 400
        assert "Error: " in posted.content.decode()
        assert not CommentImport.objects.exists()
    assert not Voice.objects.filter(comment_import__isnull=False).exists()  # none before confirming


@pytest.mark.parametrize("name", ["script", "sql", "null byte", "oversized"])
def test_the_erase_tool_refuses_hostile_references_calmly(client, name):
    client.force_login(UserFactory(roles=[OFFICER]))
    posted = client.post("/admin/survey-results/erase/", {"reference": HOSTILE_TEXT[name]})
    assert posted.status_code == 400
    assert SCRIPT not in posted.content.decode()


INDICATOR_IMPORT = "/admin/snippets/outcomes_cms/indicatorvalue/import/"


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_broken_indicator_values_file_gets_a_clear_message_and_saves_nothing(client, name):
    client.force_login(UserFactory(roles=[OFFICER]))
    before = IndicatorValue.objects.count()
    file = SimpleUploadedFile("values.csv", BAD_FILES[name], "text/csv")
    posted = client.post(INDICATOR_IMPORT, {"csv_file": file})
    assert posted.status_code == 400
    assert "Error: " in posted.content.decode() and 'name="rows"' not in posted.content.decode()
    assert IndicatorValue.objects.count() == before


@pytest.mark.parametrize("name", HOSTILE_TEXT)
def test_hostile_text_in_an_indicator_values_file_is_escaped_or_refused(client, name):
    client.force_login(UserFactory(roles=[OFFICER]))
    indicator = OutcomeIndicator.objects.filter(kind="quantitative").first()
    quarter = recent_quarters(2)[1].start
    source = HOSTILE_TEXT[name].replace('"', '""')
    data = f'indicator,quarter_starting,value,source\n"{indicator.name}",{quarter},5,"{source}"\n'
    posted = client.post(
        INDICATOR_IMPORT,
        {"csv_file": SimpleUploadedFile("values.csv", data.encode(), "text/csv")},
    )
    not_a_server_error(posted)
    page = posted.content.decode()
    assert SCRIPT not in page
    if name in REFUSED or name == EMPTY:
        assert posted.status_code == 400 and 'name="rows"' not in page
    else:
        assert posted.status_code == 200 and 'name="rows"' in page
    assert not IndicatorValue.objects.filter(period_start=quarter).exists()


# Ids no database column can hold, or that are not numbers at all: asked for through the address
# or a filter, each is "not found" or a refused filter with its message, never a server error.
# tests/security/test_every_route.py sends them to every route; these are the ones that broke.
OVERSIZED = "9" * 40
DASHBOARD_PAGES = ["/dashboard/", "/dashboard/themes/", "/dashboard/reach/", "/dashboard/loop/"]
EXPORTS = ["/dashboard/figures.csv", "/dashboard/figures.xlsx", "/dashboard/report.pdf"]


@pytest.mark.parametrize("path", [*DASHBOARD_PAGES, *EXPORTS, "/admin/comments/"])
def test_a_40_digit_outcome_filter_is_refused_with_its_message(client, path):
    client.force_login(UserFactory(roles=[OFFICER]))
    response = client.get(path, {"outcome": OVERSIZED})
    assert response.status_code == 200
    if path in DASHBOARD_PAGES:  # the figures for everything, and the filter says what is wrong
        page = response.content.decode()
        assert "Select a valid choice" in page and "All time, everyone." in page


def chooser_routes() -> list[str]:
    """Every admin chooser's chosen/<id>/ address, as its URL conf names them."""
    return sorted(
        route.label
        for route in url_conf_routes()
        if route.name == "chosen" and route.label.startswith("/admin/")
    )


def test_every_chooser_answers_an_id_that_is_not_one_with_not_found(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    routes = chooser_routes()
    assert len(routes) >= 6  # images, documents and each snippet (comments, themes, ...)
    for route in routes:
        for bad in ("abc", OVERSIZED, "-1"):
            assert client.get(route.replace("<str:pk>", bad)).status_code == 404, (route, bad)
        multiple = route.replace("chosen/<str:pk>/", "chosen-multiple/")
        for bad in ("abc", OVERSIZED):
            assert client.get(multiple, {"id": bad}).status_code < 500, (multiple, bad)


def test_a_survey_results_address_with_a_40_digit_id_is_not_found(client):
    client.force_login(UserFactory(roles=[OFFICER]))
    for step in ("share/", "answers.csv"):
        assert client.get(f"/admin/survey-results/{OVERSIZED}/{step}").status_code == 404


def test_wagtails_error_test_page_is_not_there(client):
    """/admin/failwhale/ raises an error on purpose: never on this site, even for a superuser."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/admin/failwhale/").status_code == 404


def test_a_delete_request_to_an_admin_delete_page_deletes_nothing(client):
    """Django's DeleteView deletes on HTTP DELETE, around Wagtail's confirmation and checks."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    scale = AnswerScale.objects.first()
    refused = client.delete(f"/admin/snippets/surveys/answerscale/delete/{scale.pk}/")
    assert refused.status_code == 405
    assert AnswerScale.objects.filter(pk=scale.pk).exists()


def test_an_id_no_column_can_hold_matches_nothing(demo_site):
    """In the database itself: through a relation, in a list or in a range (on SQLite these
    were OverflowError; on PostgreSQL a comparison as numeric that no index serves)."""
    outcome = OutcomePage.objects.first()
    Voice.objects.create(
        text="words", channel="survey", audience="young_person", outcome=outcome,
        said_at=timezone.now(),
    )  # fmt: skip
    huge = int(OVERSIZED)
    assert not Voice.objects.filter(outcome=huge).exists()
    assert not Voice.objects.filter(outcome_id=-huge).exists()
    assert list(Voice.objects.filter(outcome__in=[huge, outcome.pk])) == list(
        Voice.objects.filter(outcome=outcome)
    )
    assert Voice.objects.exclude(outcome__in=[huge]).count() == Voice.objects.count()
    assert not SurveyPage.objects.filter(pk=huge).exists()  # a page's link to its parent row
    assert not Answer.objects.filter(pk__in=[huge, -huge]).exists()
    assert Answer.objects.filter(pk__range=(-huge, huge)).count() == Answer.objects.count()
    assert not Answer.objects.filter(pk__range=(huge, huge + 1)).exists()


MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
BAD_MEDIA = {
    "text named .mp4": ("question.mp4", b"Not a video at all, just words.", "is not a MP4 video"),
    "a page named .webm": ("question.webm", b"<html><script>x</script></html>", "WebM video"),
    "captions without WEBVTT": (
        "captions.vtt",
        b"1\n00:00:01,000 --> 00:00:02,000\nHi\n",
        "WEBVTT",
    ),
    "a video too big": ("question.mp4", MP4_HEAD + b"\x00" * 3000, "can be at most 2.0"),
    "a QuickTime file": ("question.mov", MP4_HEAD, "File extension"),
}


@pytest.mark.parametrize("name", BAD_MEDIA)
def test_a_bad_video_or_captions_upload_gets_a_clear_message_and_saves_nothing(
    client, settings, name
):
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    settings.SURVEY_VIDEO_MAX_UPLOAD_SIZE = 2048
    filename, content, message = BAD_MEDIA[name]
    client.force_login(UserFactory(roles=[OFFICER]))
    before = Document.objects.count()
    posted = client.post(
        "/admin/documents/add/",
        {
            "title": "BSL question",
            "file": SimpleUploadedFile(filename, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    not_a_server_error(posted)
    assert message in posted.content.decode()
    assert Document.objects.count() == before
