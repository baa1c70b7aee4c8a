"""A page under the Co-production review is published only after the ambassadors' approval,
or with an officer's override and reason, which the page's history shows."""

import pytest
from django.apps import apps
from wagtail.models import Page, PageLogEntry, TaskState, Workflow, WorkflowPage

from engagement.roles import OFFICER, PARENT_CARER_AMBASSADOR, YOUNG_AMBASSADOR
from tests.factories import UserFactory
from you_said_we_did.review_gate import (
    OVERRIDE_LOGGED,
    NotCheckedByAmbassadors,
    ReviewedBeforePublishing,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(roles=[OFFICER])


@pytest.fixture
def under_review(index):
    """The index is under the Co-production review, as the demo and a council set it up."""
    WorkflowPage.objects.create(
        page=index, workflow=Workflow.objects.get(name="Co-production review")
    )
    return index


def edit_form(page) -> dict:
    return {
        "title": page.title,
        "slug": page.slug,
        "you_said": page.you_said,
        "easy_read": page.easy_read,
        "we_did": page.we_did,
        "status": page.status,
        "themes": [t.pk for t in page.themes.all()],
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
        "quotes-MIN_NUM_FORMS": "0",
        "quotes-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }


def ambassadors_approve(client, page, officer):
    page.save_revision(user=officer)
    Workflow.objects.get(name="Co-production review").start(page, officer)
    for role in (YOUNG_AMBASSADOR, PARENT_CARER_AMBASSADOR):
        state = TaskState.objects.get(status="in_progress")
        client.force_login(UserFactory(roles=[role]))
        client.post(f"/review/{state.pk}/", {"decision": "approve", "comment": ""})
    client.force_login(officer)


def test_every_page_type_keeps_the_rule():
    page_models = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    assert page_models
    assert [m for m in page_models if not issubclass(m, ReviewedBeforePublishing)] == []


def test_an_officer_cannot_publish_before_the_ambassadors_check(
    client, officer, under_review, make_change
):
    page = make_change(publish=False, live=False, you_said="You said the bus is late")
    revision = page.save_revision(user=officer)
    with pytest.raises(NotCheckedByAmbassadors):
        revision.publish(user=officer)

    client.force_login(officer)
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in edit
    assert "Publish without the ambassadors" in edit
    # Pressing Publish anyway (an old tab, a crafted request) publishes nothing.
    client.post(f"/admin/pages/{page.pk}/edit/", {**edit_form(page), "action-publish": "1"})
    page.refresh_from_db()
    assert not page.live
    # Nor does the bulk action.
    client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/",
        {"include_descendants": ""},
    )
    page.refresh_from_db()
    assert not page.live
    # Nor the admin API's publish action, which calls Wagtail's publish action directly.
    api = client.post(f"/admin/api/main/pages/{page.pk}/action/publish/")
    page.refresh_from_db()
    assert api.status_code in (400, 403) and not page.live
    assert not page.permissions_for_user(officer).can_publish()

    # Sent to review while the ambassadors have not yet answered: still refused.
    Workflow.objects.get(name="Co-production review").start(page, officer)
    with pytest.raises(NotCheckedByAmbassadors):
        page.get_latest_revision().publish(user=officer)


def test_after_the_ambassadors_approve_the_officer_publishes(
    client, officer, under_review, make_change
):
    page = make_change(publish=False, live=False)
    ambassadors_approve(client, page, officer)
    assert 'name="action-publish"' in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    client.post(f"/admin/pages/{page.pk}/edit/", {**edit_form(page), "action-publish": "1"})
    page.refresh_from_db()
    assert page.live
    # A later edit is a new draft the ambassadors have not seen.
    page.we_did = "Something else entirely"
    with pytest.raises(NotCheckedByAmbassadors):
        page.save_revision(user=officer).publish(user=officer)


def test_an_override_needs_a_reason_and_the_history_shows_it(
    client, officer, under_review, make_change
):
    page = make_change(publish=False, live=False)
    client.force_login(officer)
    url = f"/admin/pages/{page.pk}/publish-without-check/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": " "})
    assert refused.status_code == 400 and "Say why it cannot wait" in refused.content.decode()
    page.refresh_from_db()
    assert not page.live

    client.post(url, {"reason": "Fixes a wrong phone number the ambassadors already checked"})
    page.refresh_from_db()
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action=OVERRIDE_LOGGED)
    assert entry.user == officer
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Published without the ambassadors&#x27; check" in history or (
        "Published without the ambassadors' check" in history
    )
    assert "Fixes a wrong phone number the ambassadors already checked" in history


def test_a_page_no_one_reviews_has_no_override_page(client, officer):
    """The tree's root is no page type the ambassadors review: not found, never an error."""
    client.force_login(officer)
    assert client.get("/admin/pages/1/publish-without-check/").status_code == 404


def test_pages_outside_the_review_publish_as_usual(client, officer, index, make_change):
    page = make_change(publish=False, live=False)
    page.save_revision(user=officer).publish(user=officer)
    page.refresh_from_db()
    assert page.live


def test_the_officers_approval_at_the_workflows_last_step_publishes(
    client, officer, under_review, make_change
):
    page = make_change(publish=False, live=False)
    ambassadors_approve(client, page, officer)
    last_step = TaskState.objects.get(status="in_progress")
    assert last_step.task.name == "An officer publishes"
    last_step.task.specific.on_action(last_step, officer, "approve")
    page.refresh_from_db()
    assert page.live
