from django import template

from engagement.staff_security import where_they_were_going

register = template.Library()


@register.simple_tag(takes_context=True)
def carry_on_url(context) -> str:
    """Where the two-step set-up's last page leads on to (engagement/staff_security.py)."""
    return where_they_were_going(context["request"])
