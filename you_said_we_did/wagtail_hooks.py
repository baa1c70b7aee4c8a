"""Ambassadors' checks and overrides, written on the page's history in words people read;
no "Publish" where the ambassadors have not checked the draft."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter

from engagement.models import Theme

from .coproduction import CHECK_LOGGED, words_said
from .from_theme import write_from_theme
from .review_gate import OVERRIDE_LOGGED, ambassador_tasks, may_publish, why_not
from .review_override import publish_without_check


@hooks.register("register_log_actions")
def ambassador_check_log(actions):
    @actions.register_action(CHECK_LOGGED)
    class AmbassadorCheck(LogFormatter):
        label = "Checked by ambassadors"

        def format_message(self, log_entry):
            data = log_entry.data
            group = (data.get("group") or "ambassadors").lower()
            answer = "it is right" if data.get("decision") == "approve" else "it needs changing"
            when = date_format(log_entry.timestamp, "j F Y")
            words = words_said(data["task_state"]) if data.get("task_state") else ""
            said = f': "{words}"' if words else ""
            return f"Checked by the {group}s on {when}: {answer}{said}"


@hooks.register("register_log_actions")
def review_override_log(actions):
    @actions.register_action(OVERRIDE_LOGGED)
    class ReviewOverride(LogFormatter):
        label = "Published without the ambassadors' check"

        def format_message(self, log_entry):
            reason = log_entry.data.get("reason", "")
            return f"Published without the ambassadors' check. Reason: {reason}"


@hooks.register("register_admin_urls")
def review_override_urls():
    return [
        path(
            "pages/<int:page_id>/publish-without-check/",
            publish_without_check,
            name="publish_without_ambassadors_check",
        )
    ]


@hooks.register("register_admin_urls")
def write_from_theme_url():
    officers = permission_required("engagement.review_comments", raise_exception=True)
    return [
        path(
            "themes/<int:pk>/you-said-we-did/",
            officers(write_from_theme),
            name="you_said_we_did_from_theme",
        )
    ]


class PublishWithoutCheckMenuItem(ActionMenuItem):
    label = "Publish without the ambassadors' check…"
    name = "action-publish-without-check"
    icon_name = "warning"

    def get_url(self, parent_context):
        return reverse("publish_without_ambassadors_check", args=[parent_context["page"].pk])


@hooks.register("construct_page_action_menu")
def no_publish_before_the_ambassadors(menu_items, request, context):
    """Where publishing would be refused, "Publish" gives way to the override, so an officer
    sees both ways on: submit to the review, or publish saying why."""
    page = context.get("page")
    if context.get("view") == "create":
        page = context.get("parent_page")  # a new page is under its parent's workflow
        if page is None or not ambassador_tasks(page):
            return
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
        return
    if page is None or page.pk is None or not ambassador_tasks(page):
        return
    revision = page.get_latest_revision()
    if revision is not None and may_publish(page, revision):
        return
    # Publish is already gone (the page's permissions wait for the review): offer the override
    # to whoever may publish otherwise.
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    permissions = page.specific.permissions_for_user(request.user)
    if getattr(permissions, "may_publish_ignoring_review", permissions.can_publish)():
        menu_items.append(PublishWithoutCheckMenuItem(order=90))


@hooks.register("before_publish_page")
def refuse_publishing_before_the_ambassadors(request, page):
    """The editor's Publish (from an old tab, say): the draft is kept, a message says why and
    what to do. `ReviewedBeforePublishing.publish` would refuse anyway, with a bare 403."""
    revision = page.get_latest_revision()
    if revision is not None and not may_publish(page, revision):
        messages.error(request, why_not(page))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_snippet_listing_buttons")
def write_from_theme_button(snippet, user, next_url=None):

    if isinstance(snippet, Theme) and user.has_perm("engagement.review_comments"):
        yield ListingButton(
            'Write a "You said, we did"',
            reverse("you_said_we_did_from_theme", args=[snippet.pk]),
            priority=20,
        )
