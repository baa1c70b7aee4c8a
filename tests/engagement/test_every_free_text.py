"""Every free text a person gives is a comment in the pool: checked for safeguarding and redacted
before anyone but the lead reads it. And the lead's case outlives any erasure."""

import csv
import io

import pytest
from django.test import Client

from engagement.models import SafeguardingCase, Voice
from engagement.roles import OFFICER, SAFEGUARDING_LEAD
from surveys.models import HearBackRequest, Response, SurveyPage
from tests.factories import UserFactory
from tests.surveys.conftest import Respondent

pytestmark = pytest.mark.django_db

DISCLOSURE = "my step dad hits me and i am scared to go home. ring me on 07700 900123 jayden"
PERSONAL = "Sarah Jones takes me to clubs, call her on 07700 900456"


@pytest.fixture
def rochdale_survey():
    return SurveyPage.objects.get(slug="rochdale-young-people")


def free_text_number(survey: SurveyPage) -> int:
    questions = survey.active_questions()
    return next(n for n, q in enumerate(questions, start=1) if q.scale.is_free_text)


@pytest.fixture
def free_text_answers(rochdale_survey, django_capture_on_commit_callbacks, mailoutbox):
    """Two young people answer "What stops you going to clubs?" in their own words, through
    the real pages: one discloses, one names someone."""
    UserFactory(roles=[SAFEGUARDING_LEAD], email="lead@council.example")
    responses = []
    for words in (DISCLOSURE, PERSONAL):
        respondent = Respondent(Client(), rochdale_survey)
        with django_capture_on_commit_callbacks(execute=True):
            respondent.start()
            respondent.client.post(
                respondent.url("question", free_text_number(rochdale_survey)), {"text": words}
            )
        response = Response.objects.filter(survey=rochdale_survey).latest("pk")
        HearBackRequest.objects.create(response=response, email="me@example.org")
        responses.append((respondent, response))
    return responses


def answers_csv(client, survey) -> list[dict]:
    client.force_login(UserFactory(roles=[OFFICER]))
    response = client.get(f"/admin/survey-results/{survey.pk}/answers.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_a_disclosure_in_a_free_text_answer_reaches_the_lead_only(
    client, rochdale_survey, free_text_answers, mailoutbox
):
    case = SafeguardingCase.objects.get(text=DISCLOSURE)
    assert "Free-text answer to 'What stops you going to clubs" in case.source
    assert mailoutbox[-1].to == ["lead@council.example"] and "07700" not in mailoutbox[-1].body

    for respondent, _ in free_text_answers:
        respondent.send()
    rows = answers_csv(client, rochdale_survey)
    body = str(rows)
    assert "scared to go home" not in body and "07700" not in body
    assert "[name] takes me to clubs, call her on [phone]" in body  # the other one, redacted
    assert not Voice.objects.filter(text=DISCLOSURE).exists()

    client.force_login(UserFactory(roles=[SAFEGUARDING_LEAD]))
    assert "scared to go home" in client.get(f"/safeguarding/{case.pk}/").content.decode()


@pytest.mark.parametrize("who", ["respondent", "officer"])
def test_erasing_the_answers_keeps_the_leads_case(client, free_text_answers, who):
    respondent, response = free_text_answers[0]
    case = SafeguardingCase.objects.get(text=DISCLOSURE)
    case.notes = "Rang the school's DSL"
    case.status = SafeguardingCase.Status.REFERRED
    case.save()
    if who == "respondent":
        page = respondent.client.post(respondent.url("delete"))
        assert "keeps their own copy" in page.content.decode()
    else:
        client.force_login(UserFactory(roles=[OFFICER]))
        client.post("/admin/survey-results/erase/", {"reference": response.pk, "confirm": "yes"})
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not Voice.including_withheld.filter(text=DISCLOSURE).exists()

    case.refresh_from_db()
    assert (case.voice, case.text, case.status) == (None, DISCLOSURE, "referred")
    assert case.notes == "Rang the school's DSL" and case.source_erased_at is not None
    assert case.contact_email == "me@example.org"  # the one way left to reach them
    client.force_login(UserFactory(roles=[SAFEGUARDING_LEAD]))
    page = client.get(f"/safeguarding/{case.pk}/").content.decode()
    assert "scared to go home" in page and "Their answers were deleted on" in page
    assert "me@example.org" in page


def test_changing_the_words_afterwards_never_wipes_them_from_the_case(
    client, rochdale_survey, free_text_answers, django_capture_on_commit_callbacks
):
    """Whoever holds the device or the resume link can change an answer; the case keeps what
    was flagged, and each later version beside it."""
    respondent, _ = free_text_answers[0]
    with django_capture_on_commit_callbacks(execute=True):
        respondent.client.post(
            respondent.url("question", free_text_number(rochdale_survey)), {"text": "I like clubs"}
        )
    case = SafeguardingCase.objects.get(text=DISCLOSURE)
    assert [version["text"] for version in case.later_words] == ["I like clubs"]
    assert case.status == "new" and case.voice.safeguarding_flag  # still with the lead
    client.force_login(UserFactory(roles=[SAFEGUARDING_LEAD]))
    page = client.get(f"/safeguarding/{case.pk}/").content.decode()
    assert "scared to go home" in page and "I like clubs" in page
