from django import template

from engagement.numbers import plain_number as format_plain

register = template.Library()


@register.filter
def plain_number(value) -> str:
    """{{ value|plain_number }}: see engagement.numbers."""
    return format_plain(value)
