"""The Content-Security-Policy header (django-csp), with the one allowance the Wagtail admin needs.

Public pages get the strict policy in settings.CONTENT_SECURITY_POLICY. Wagtail's admin (its
editors, choosers and tooltips) still writes style attributes into its markup, so under /admin/
alone inline styles are allowed; scripts stay 'self' everywhere.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    ADMIN_PREFIX = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(self.ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
