from django import template

from engagement.csp import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    """The response's CSP nonce, for an inline <script> the admin cannot do without. Works
    where the template has no `request` (a form widget's template)."""
    return current_nonce()
