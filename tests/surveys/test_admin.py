"""Officers build surveys and read results in the Wagtail admin."""

import csv
import io

import pytest
from django.db.models import F
from django.utils import timezone

from engagement.disclosure import PEOPLE_HEARD, Records, publish
from engagement.models import Voice
from engagement.roles import COMMISSIONER, OFFICER
from surveys.models import AnswerScale, SurveyPage
from tests.factories import UserFactory
from tests.surveys.conftest import Respondent

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(roles=[OFFICER]))
    return client


def test_officer_sees_rounded_counts_and_completion_rate(officer_client, bradford):
    """Rounded like every published count: the same responses give the same figure here as
    on the dashboard."""
    html = officer_client.get("/admin/survey-results/").content.decode()
    started = Records.of(bradford.responses.values_list("pk", flat=True))
    completed = Records.of(
        bradford.responses.filter(completed_at__isnull=False).values_list("pk", flat=True)
    )
    shown_started = publish(PEOPLE_HEARD, started)
    shown_completed = publish(PEOPLE_HEARD, completed)
    assert bradford.title in html
    assert f"<td>{shown_started}</td>" in html and f"<td>{shown_completed}</td>" in html
    assert f"<td>{round(100 * shown_completed.value / shown_started.value)}%</td>" in html
    assert "rounded to a multiple of 5" in html


def test_answers_csv_has_one_row_per_answer_and_no_emails(
    client, bradford, django_capture_on_commit_callbacks
):
    # The demo's comments as if checked (a response with a withheld one is left out whole).
    Voice.including_withheld.update(analysed_at=timezone.now(), analysed_text=F("text"))
    respondent = Respondent(client, bradford)
    with django_capture_on_commit_callbacks(execute=True):  # the comments are analysed
        respondent.start()
        respondent.answer_all("Yes", comment="=HYPERLINK(1) Ring Mrs Khan on 07700 900123")
        client.post(respondent.url("check"), {"email": "secret.parent@example.org"})

    client.force_login(UserFactory(roles=[OFFICER]))
    response = client.get(f"/admin/survey-results/{bradford.pk}/answers.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    sent = bradford.responses.filter(completed_at__isnull=False)
    assert bradford.responses.filter(completed_at=None).exists()  # not sent: not exported
    assert len(rows) == sum(response.answers.count() for response in sent)
    assert "secret.parent@example.org" not in body
    assert {row["question_number"] for row in rows} >= {"1", "10"}
    comments = {row["your_voice_comment_redacted"] for row in rows}
    assert "'=HYPERLINK(1) Ring [name] on [phone]" in comments  # redacted, and no formula
    assert not any("07700" in comment for comment in comments)


@pytest.mark.parametrize("role", [COMMISSIONER, "Facilitator"])
def test_other_roles_cannot_export_answers(client, bradford, role):
    client.force_login(UserFactory(roles=[role]))
    response = client.get(f"/admin/survey-results/{bradford.pk}/answers.csv")
    assert response.status_code in (302, 403)


def test_officer_can_manage_answer_scales(officer_client):
    assert officer_client.get("/admin/snippets/surveys/answerscale/").status_code == 200
    scale = AnswerScale.objects.get(name="Five faces")
    assert (
        officer_client.get(f"/admin/snippets/surveys/answerscale/edit/{scale.pk}/").status_code
        == 200
    )


def test_an_answered_question_cannot_be_deleted_only_archived(officer_client, bradford):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    questions = list(bradford.questions.all())
    forms = []
    for index, question in enumerate(questions):
        forms.append(
            {
                "id": question.pk,
                "statement": question.statement,
                "easy_read": question.easy_read,
                "parent_carer_wording": "",
                "hint": "",
                "symbol_alt_text": "",
                "scale": question.scale_id,
                "comment_prompt": question.comment_prompt,
                "required": "on",
                "outcome": question.outcome_id or "",
                "skip_if_answer_is": "",
                "skip_to_question": "",
                "ORDER": index + 1,
                **({"DELETE": "on"} if index == 0 else {}),
            }
        )
    data = nested_form_data(
        {
            "title": bradford.title,
            "slug": bradford.slug,
            "intro": bradford.intro,
            "audience": bradford.audience,
            "minutes_to_complete": 5,
            "who_sees_answers": bradford.who_sees_answers,
            "thank_you": bradford.thank_you,
            "offer_hear_back": "on",
            "questions": inline_formset(forms, initial=len(forms)),
            "links": inline_formset([]),
        }
    )
    response = officer_client.post(f"/admin/pages/{bradford.pk}/edit/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "cannot be deleted" in html and "Archived" in html
    assert SurveyPage.objects.get(pk=bradford.pk).questions.count() == len(questions)


def test_officer_can_share_the_survey_and_its_tagged_links(officer_client, bradford):
    from surveys.models import SurveyLink

    link = SurveyLink.objects.create(page=bradford, label="Annual reviews", channel="annual_review")
    html = officer_client.get(f"/admin/survey-results/{bradford.pk}/share/").content.decode()
    assert f"/s/{link.code}/" in html and "Annual reviews" in html
    qr = officer_client.get(f"/s/{link.code}/qr/")
    assert qr["Content-Type"] == "image/svg+xml"
