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
