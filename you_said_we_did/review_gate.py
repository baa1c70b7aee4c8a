"""The ambassadors' check cannot be skipped.

Wagtail lets anyone who may publish a page publish it directly, workflow or not. A page under a
workflow with ambassadors' checks (the "Co-production review") is published by a person only
when every ambassadors' check in the page's latest run of the workflow said "it is right", or
when an officer records an override with a reason, which the page's history shows.

The rule lives in the `ReviewedBeforePublishing` mixin that every page type of this site
inherits (a test checks that none lacks it), in two places Wagtail always asks: the page's
permission tester (`can_publish`, which the editor's Publish button, bulk publishing, the admin
API's publish action and Wagtail's publish actions check) and `Page.publish` (reverting, the
workflow's last step, code). Publishing with no user (the demo seed, Wagtail's scheduled
publishing of a revision that passed this check when it was scheduled) is the system's own and
passes.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from wagtail.models import PageLogEntry, PagePermissionTester, TaskState, WorkflowState

OVERRIDE_LOGGED = "you_said_we_did.review_override"


class NotCheckedByAmbassadors(PermissionDenied):
    pass


def ambassador_tasks(page) -> list:
    """The active ambassadors' checks of the workflow this page is under (none: no rule)."""
    from .models import AmbassadorCheckTask

    state = page.current_workflow_state
    workflow = page.get_workflow() or (state.workflow if state else None)
    if workflow is None or not workflow.active:
        return []
    return list(AmbassadorCheckTask.objects.filter(active=True, workflow_tasks__workflow=workflow))


def ambassadors_approved(page, revision) -> bool:
    """Did every ambassadors' check in the page's latest run of the workflow approve it?

    While the run is in progress, approvals stand through an officer's later edits (Wagtail's
    default: `WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT` is off). Once the run has finished,
    they cover only revisions made before it finished: a later edit goes to review again.
    """
    tasks = ambassador_tasks(page)
    if not tasks:
        return True
    run = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    if run is None or run.status not in (run.STATUS_IN_PROGRESS, run.STATUS_APPROVED):
        return False
    approvals = run.task_states.filter(status=TaskState.STATUS_APPROVED)
    if not {task.pk for task in tasks} <= set(approvals.values_list("task_id", flat=True)):
        return False
    if run.status == run.STATUS_APPROVED:
        # Max ignores a step with no finish time (PostgreSQL sorts NULL first when descending).
        finished = run.task_states.aggregate(last=Max("finished_at"))["last"]
        return finished is not None and revision.created_at <= finished
    return True


def overridden(page, revision) -> bool:
    return PageLogEntry.objects.filter(
        page=page, action=OVERRIDE_LOGGED, revision=revision
    ).exists()


def may_publish(page, revision) -> bool:
    return ambassadors_approved(page, revision) or overridden(page, revision)


def why_not(page) -> str:
    return (
        f"“{page.title}” has not been checked by the ambassadors yet. Submit it to the "
        "Co-production review, or publish it without their check and say why."
    )


class ReviewedPagePermissions(PagePermissionTester):
    """Wagtail's permissions, except that publishing the latest draft waits for the
    ambassadors (or an override); `may_publish_ignoring_review` is the plain permission, for
    offering the override itself."""

    def may_publish_ignoring_review(self) -> bool:
        return super().can_publish()

    def can_publish(self) -> bool:
        if not super().can_publish():
            return False
        revision = self.page.get_latest_revision()
        return revision is None or may_publish(self.page, revision)

    # Wagtail ties these to can_publish; they are not publishing a draft.
    def can_set_view_restrictions(self) -> bool:
        return self.may_publish_ignoring_review()

    def can_unschedule(self) -> bool:
        return self.may_publish_ignoring_review()


class ReviewedBeforePublishing:
    """Mix into every page type: refuses a person's publish the ambassadors have not checked."""

    def permissions_for_user(self, user):
        return ReviewedPagePermissions(user, self)

    def publish(self, revision, user=None, **kwargs):
        if user is not None and not may_publish(self, revision):
            raise NotCheckedByAmbassadors(why_not(self))
        return super().publish(revision, user=user, **kwargs)
