"""The Content-Security-Policy header (django-csp), with the allowances the Wagtail admin needs.

Public pages, the staff area and sign-in get the strict policy in settings.CONTENT_SECURITY_POLICY:
nothing inline. Wagtail 8's admin still writes inline <script> blocks (its editor's settings)
and style attributes into its own templates, without nonces, so under /admin/ alone inline
scripts and styles are allowed; nothing from another site is, there either
(tests/browser/test_admin_csp.py watches the browser for refusals).
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    ADMIN_PREFIX = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(self.ADMIN_PREFIX):
            parts.update = {
                **(parts.update or {}),
                "script-src": [UNSAFE_INLINE],
                "style-src": [UNSAFE_INLINE],
            }
        return parts
