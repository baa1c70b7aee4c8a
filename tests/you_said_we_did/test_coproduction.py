"""Ambassadors check drafts in plain view; their check is on the page's history."""

import pytest
from wagtail.models import PageLogEntry, TaskState, Workflow

from engagement.models import SafeguardingCase, Voice
from engagement.roles import COMMISSIONER, OFFICER, PARENT_CARER_AMBASSADOR, YOUNG_AMBASSADOR
from outcomes_cms.models import OutcomePage
from tests.factories import UserFactory
from you_said_we_did.coproduction import CHECK_LOGGED

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(roles=[OFFICER])


def submit(page, officer):
    """The officer sends the draft to the "Co-production review" workflow."""
    page.save_revision(user=officer)
    Workflow.objects.get(name="Co-production review").start(page, officer)
    return TaskState.objects.filter(status="in_progress").latest("pk")


def test_young_ambassadors_check_a_draft_and_the_history_says_so(
    client, make_change, officer, django_capture_on_commit_callbacks
):
    page = make_change(publish=False, you_said="You said the bus is too early")
    state = submit(page, officer)
    ambassador = UserFactory(roles=[YOUNG_AMBASSADOR])
    client.force_login(ambassador)

    assert page.title in client.get("/review/").content.decode()
    draft = client.get(f"/review/{state.pk}/").content.decode()
    assert "You said the bus is too early" in draft and "Does this say what you meant?" in draft
    with django_capture_on_commit_callbacks(execute=True):  # the words are checked
        check = {"decision": "approve", "comment": "Yes, that is it, ask Sarah on 07700 900123"}
        client.post(f"/review/{state.pk}/", check)

    state.refresh_from_db()
    assert state.status == "approved" and state.finished_by == ambassador
    following = TaskState.objects.get(status="in_progress")
    assert following.task.name == "Parent carer ambassadors check"
    entry = PageLogEntry.objects.get(page=page, action=CHECK_LOGGED)
    assert entry.message.startswith("Checked by the young ambassadors on ")
    assert entry.message.endswith(': it is right: "Yes, that is it, ask [name] on [phone]"')
    assert "07700" not in str(entry.data)

    client.force_login(officer)
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Checked by the young ambassadors" in history


def test_asking_for_changes_needs_words_and_sends_the_draft_back(client, make_change, officer):
    state = submit(make_change(publish=False), officer)
    client.force_login(UserFactory(roles=[YOUNG_AMBASSADOR]))
    response = client.post(f"/review/{state.pk}/", {"decision": "reject", "comment": " "})
    assert response.status_code == 400
    assert "Tell us what needs changing" in response.content.decode()
    state.refresh_from_db()
    assert state.status == "in_progress"
    client.post(f"/review/{state.pk}/", {"decision": "reject", "comment": "Say taxi, not bus"})
    state.refresh_from_db()
    assert state.status == "rejected" and state.comment == ""  # the words are in the pool
    voice = Voice.including_withheld.get(review=state)
    assert (voice.text, voice.channel, voice.audience) == (
        "Say taxi, not bus",
        "review",
        "young_person",
    )


def test_an_ambassadors_disclosure_reaches_the_lead_only(
    client, make_change, officer, django_capture_on_commit_callbacks
):
    page = make_change(publish=False)
    state = submit(page, officer)
    client.force_login(UserFactory(roles=[YOUNG_AMBASSADOR]))
    words = "It needs changing. Also my uncle hurts me and I am scared to go home"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/review/{state.pk}/", {"decision": "reject", "comment": words})
    assert SafeguardingCase.objects.get(text=words).source.startswith("Ambassadors' check")
    client.force_login(officer)
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Checked by the young ambassadors" in history and "scared" not in history


def test_each_group_sees_only_its_own_step(client, make_change, officer):
    state = submit(make_change(publish=False), officer)
    client.force_login(UserFactory(roles=[PARENT_CARER_AMBASSADOR]))
    assert client.get(f"/review/{state.pk}/").status_code == 404
    for role in (COMMISSIONER, OFFICER):
        client.force_login(UserFactory(roles=[role]))
        assert client.get("/review/").status_code == 403


def test_a_reworded_outcome_statement_is_checked_beside_the_old_words(client, officer):
    outcome = OutcomePage.objects.get(title="I am emotionally well")
    outcome.title = "I feel happy and calm most days"
    state = submit(outcome, officer)
    client.force_login(UserFactory(roles=[YOUNG_AMBASSADOR]))
    draft = client.get(f"/review/{state.pk}/").content.decode()
    assert "I feel happy and calm most days" in draft
    assert "The words now are: <q>I am emotionally well</q>" in draft
