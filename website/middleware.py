"""Middleware: the content security policy, strict on public pages and looser in the admin."""

from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    """Public pages get the strict policy; Wagtail's admin gets the allowances it needs."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts
