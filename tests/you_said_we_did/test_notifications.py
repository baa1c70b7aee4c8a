"""People who asked to hear back are told once per update, can stop, and are counted."""

import pytest
from django.core import mail
from django.core.signing import dumps
from django.utils import timezone

from surveys.models import HearBackRequest, Response, SurveyPage
from you_said_we_did.models import Notification
from you_said_we_did.notifications import (
    UNSUBSCRIBE_SALT,
    people_told_in_total,
    tell_people,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked_to_hear_back(themed_comment):
    """A survey respondent whose comment is about transport, and who left an email."""

    def make(email: str, text: str = "The taxi to school is late every day"):
        survey = SurveyPage.objects.get(slug="rochdale-young-people")
        response = Response.objects.create(
            survey=survey, audience="young_people", completed_at=timezone.now()
        )
        question = survey.active_questions()[0]
        answer = response.answers.create(question=question, comment=text)
        themed_comment(text, survey_answer=answer)
        return HearBackRequest.objects.create(response=response, email=email)

    return make


def test_publishing_tells_each_person_once_and_counts_them(
    make_change, asked_to_hear_back, django_capture_on_commit_callbacks
):
    asked_to_hear_back("a@example.com")
    asked_to_hear_back("b@example.com")
    asked_to_hear_back("A@example.com")  # the same person twice
    before = people_told_in_total()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_change()
    assert sorted(message.to[0].lower() for message in mail.outbox) == [
        "a@example.com",
        "b@example.com",
    ]
    assert "To stop these emails, open this link" in mail.outbox[0].body
    assert page.people_told().count == 2
    assert people_told_in_total().count == before.count + 2

    assert tell_people.call(page.pk, "status:heard") == 0  # a rerun sends nothing new
    assert len(mail.outbox) == 2


def test_a_new_status_is_told_once_and_the_same_status_never(
    make_change, asked_to_hear_back, django_capture_on_commit_callbacks
):
    asked_to_hear_back("c@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        page = make_change(status="planned")
        page.status = "done"
        page.save_revision().publish()
        page.save_revision().publish()  # published again, nothing new to say
    assert [m.subject for m in mail.outbox].count(f"You said, we did: {page.title}") == 2
    assert set(Notification.objects.filter(page=page).values_list("update", flat=True)) == {
        "status:planned",
        "status:done",
    }
    assert "it is now done" in mail.outbox[1].body
    assert page.people_told().count == 1  # one person, told twice


def test_nobody_unrelated_or_unsubscribed_or_with_the_lead_is_told(
    client, make_change, asked_to_hear_back, django_capture_on_commit_callbacks
):
    asked_to_hear_back("other@example.com", text="We need more respite")
    stopped = asked_to_hear_back("stop@example.com")
    asked_to_hear_back("lead@example.com", text="The taxi driver hits me")
    token = dumps(stopped.pk, salt=UNSUBSCRIBE_SALT)
    assert "Stop the emails" in client.get(f"/hear-back/stop/{token}/").content.decode()
    stopped.refresh_from_db()
    assert stopped.unsubscribed_at is None  # opening the link alone changes nothing
    client.post(f"/hear-back/stop/{token}/")
    stopped.refresh_from_db()
    assert stopped.unsubscribed_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        make_change()
    assert mail.outbox == []
    assert client.get("/hear-back/stop/forged/").status_code == 404


def test_focus_group_contacts_hear_about_what_their_group_said(
    client, make_change, themed_comment, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from engagement.roles import FACILITATOR
    from surveys.models import FocusGroupSession
    from tests.factories import UserFactory

    facilitator = UserFactory(roles=[FACILITATOR])
    session = FocusGroupSession.objects.create(
        title="Parent forum", held_on=timezone.localdate(), setting_type="parent_forum",
        consent="verbal",
    )  # fmt: skip
    session.facilitators.add(facilitator)
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/focus-groups/{session.pk}/contributions/",
            {"text": "The school taxi is always late", "speaker_type": "parent_carer",
             "kind": "quote"},
        )  # fmt: skip
    response = client.post(f"/focus-groups/{session.pk}/hear-back/", {"email": "not an email"})
    assert response.status_code == 400 and "like name@example.com" in response.content.decode()
    assert 'value="not an email"' in response.content.decode()
    client.post(f"/focus-groups/{session.pk}/hear-back/", {"email": "forum@example.com"})
    with django_capture_on_commit_callbacks(execute=True):
        make_change()
    assert [message.to for message in mail.outbox] == [["forum@example.com"]]
