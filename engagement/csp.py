"""The Content-Security-Policy header (django-csp), and the Wagtail admin's inline scripts.

Every page gets the strict policy in settings.CONTENT_SECURITY_POLICY: everything from this
site, nothing inline. Wagtail 8's admin still writes a few inline <script> elements of its own:
each chooser widget's set-up (BaseChooser.render), an inline panel's and a multiple chooser
panel's (panels/*.html), and the date and time pickers' (widgets/*_input.html). Under /admin/
those run only with this response's nonce, which nonce_wagtail_choosers() and the overrides in
engagement/templates/wagtailadmin/ give them: an injected script has no nonce and is refused.
Inline style attributes (Wagtail's templates have many) are still allowed there, and only there.
tests/browser/test_admin_csp.py watches Chromium for refusals.
"""

from contextvars import ContextVar

from csp.constants import NONCE, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.utils.safestring import mark_safe

# The request being answered, for code that renders without one (a form widget's template).
_answering: ContextVar = ContextVar("csp_request", default=None)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    ADMIN_PREFIX = "/admin/"

    def process_request(self, request):
        super().process_request(request)
        request._csp_context_token = _answering.set(request)

    def process_response(self, request, response):
        token = getattr(request, "_csp_context_token", None)
        if token is not None:
            _answering.reset(token)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(self.ADMIN_PREFIX):
            parts.update = {
                **(parts.update or {}),
                "script-src": [NONCE],  # added only if a page asked for its nonce
                "style-src": [UNSAFE_INLINE],
            }
        return parts


def current_nonce() -> str:
    """This response's nonce (made on first use, and only then sent in the header)."""
    request = _answering.get()
    return str(request.csp_nonce) if request is not None else ""


def nonce_wagtail_choosers() -> None:
    """Give the <script> that BaseChooser.render appends to every chooser widget the nonce.

    Only that last element is touched: the widget's own HTML before it is escaped template
    output, never markup from the data. Called once, from EngagementConfig.ready.
    """
    from wagtail.admin.widgets.chooser import BaseChooser

    wagtail_render = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        html = wagtail_render(self, name, value, attrs, renderer)
        widget, script, code = html.rpartition("<script>")
        if not script or not current_nonce():
            return html
        return mark_safe(f'{widget}<script nonce="{current_nonce()}">{code}')  # noqa: S308

    BaseChooser.render = render
