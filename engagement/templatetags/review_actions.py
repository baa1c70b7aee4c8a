"""The comments list's bulk actions, every one in view.

Wagtail shows a listing's first four bulk actions and puts the rest under "More", beside its
own "Delete" for every snippet. Comments are never deleted in the admin (ViewOnlyPolicy), and
officers use "Move to another theme" and "No theme applies" daily, so this footer lists the
review actions only, all as buttons.
"""

from django import template
from django.urls import reverse
from wagtail.admin.widgets import ListingButton

from engagement.bulk_actions import ReviewBulkAction

register = template.Library()


def _review_actions():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(subclasses(ReviewBulkAction), key=lambda action: action.action_priority)


@register.inclusion_tag("wagtailadmin/shared/buttons.html")
def review_bulk_actions():
    return {
        "buttons": [
            ListingButton(
                action.display_name,
                reverse("wagtail_bulk_action", args=["engagement", "voice", action.action_type]),
                attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
                priority=action.action_priority,
                classname=" ".join(action.classes | {"bulk-action-btn"}),
            )
            for action in _review_actions()
        ]
    }
