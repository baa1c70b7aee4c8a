"""A possible disclosure is shown in no view but the safeguarding leads' queue, until a lead
marks it "no concern"."""

import csv
import io

import pytest
from django.test import Client
from django.utils import timezone

from engagement.models import SafeguardingCase
from engagement.roles import FACILITATOR, OFFICER, SAFEGUARDING_LEAD
from surveys.models import Contribution, FocusGroupSession, SurveyPage
from tests.factories import UserFactory
from tests.surveys.conftest import Respondent

pytestmark = pytest.mark.django_db

DISCLOSURE = "sometimes i want to kill myself after school"
WORDS = "kill myself"


@pytest.fixture
def officer(client):
    client.force_login(UserFactory(roles=[OFFICER]))
    return client


@pytest.fixture
def survey_disclosure(django_capture_on_commit_callbacks):
    """A young person's survey comment that discloses, through the real survey pages."""
    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    respondent = Respondent(Client(), survey)  # their own browser, not the staff member's
    with django_capture_on_commit_callbacks(execute=True):
        respondent.start()
        respondent.answer(1, "Yes", comment=DISCLOSURE)
        respondent.send()  # sent, so only the safeguarding check stands between it and staff
    case = SafeguardingCase.objects.get(voice__text=DISCLOSURE)
    return survey, case


@pytest.fixture
def focus_group_disclosure(client, django_capture_on_commit_callbacks):
    facilitator = UserFactory(roles=[FACILITATOR])
    session = FocusGroupSession.objects.create(
        title="Year 9 group", held_on=timezone.localdate(), setting_type="mainstream_school",
        consent="verbal",
    )  # fmt: skip
    session.facilitators.add(facilitator)
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/focus-groups/{session.pk}/contributions/",
            {"text": DISCLOSURE, "speaker_type": "young_person", "kind": "quote"},
        )
    contribution = Contribution.objects.get(text=DISCLOSURE)
    return session, contribution, facilitator


def test_only_the_lead_reads_it(client, survey_disclosure):
    _, case = survey_disclosure
    client.force_login(UserFactory(roles=[SAFEGUARDING_LEAD]))
    assert WORDS in client.get(f"/safeguarding/{case.pk}/").content.decode()


def test_not_in_the_officers_comment_list_or_any_page_of_it(officer, survey_disclosure):
    _, case = survey_disclosure
    assert WORDS not in officer.get("/admin/comments/?q=kill").content.decode()
    assert WORDS not in officer.get("/admin/comments/?theme=unthemed").content.decode()
    inspect = officer.get(f"/admin/comments/inspect/{case.voice.pk}/")
    assert inspect.status_code == 404
    confirm = officer.get(f"/admin/bulk/engagement/voice/accept_themes/?id={case.voice.pk}")
    assert WORDS not in confirm.content.decode()


def test_not_in_theme_suggestions(officer, survey_disclosure):
    assert "kill" not in officer.get("/admin/theme-suggestions/").content.decode()


def test_not_in_the_answers_export(officer, survey_disclosure):
    survey, case = survey_disclosure
    response = officer.get(f"/admin/survey-results/{survey.pk}/answers.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert WORDS not in body
    responses = {row["response"] for row in csv.DictReader(io.StringIO(body))}
    # Left out whole, like an erased response: no blank that says which words went where.
    assert str(case.voice.survey_answer.response_id) not in responses


def test_not_on_the_focus_group_page_even_for_its_facilitator(client, focus_group_disclosure):
    session, contribution, facilitator = focus_group_disclosure
    page = client.get(f"/focus-groups/{session.pk}/").content.decode()
    assert WORDS not in page
    assert "Not shown: these words are being checked, or only the safeguarding lead" in page
    edit = client.get(f"/focus-groups/{session.pk}/contributions/{contribution.pk}/")
    assert edit.status_code == 302
    client.force_login(UserFactory(roles=[OFFICER]))  # officers see every session
    page = client.get(f"/focus-groups/{session.pk}/").content.decode()
    # Not even listed for anyone but whoever wrote it down: "Not shown" long after checking
    # would say which contribution went to the lead.
    assert WORDS not in page and f"contribution-{contribution.pk}" not in page
    edit = client.get(f"/focus-groups/{session.pk}/contributions/{contribution.pk}/")
    assert edit.status_code == 404  # nor does its edit page say it exists


def test_cleared_by_a_lead_it_is_shown_redacted_like_any_other(officer, survey_disclosure):
    _, case = survey_disclosure
    case.status = SafeguardingCase.Status.NO_CONCERN
    case.save()
    assert WORDS in officer.get("/admin/comments/?q=kill").content.decode()
