"""Ambassadors' checks, written on the page's history in words people read."""

from django.utils.formats import date_format
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .coproduction import CHECK_LOGGED, words_said


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


@hooks.register("register_admin_urls")
def write_from_theme_url():
    from django.contrib.auth.decorators import permission_required
    from django.urls import path

    from .from_theme import write_from_theme

    officers = permission_required("engagement.review_comments", raise_exception=True)
    return [
        path(
            "themes/<int:pk>/you-said-we-did/",
            officers(write_from_theme),
            name="you_said_we_did_from_theme",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def write_from_theme_button(snippet, user, next_url=None):
    from django.urls import reverse
    from wagtail.admin.widgets import ListingButton

    from engagement.models import Theme

    if isinstance(snippet, Theme) and user.has_perm("engagement.review_comments"):
        yield ListingButton(
            'Write a "You said, we did"',
            reverse("you_said_we_did_from_theme", args=[snippet.pk]),
            priority=20,
        )
