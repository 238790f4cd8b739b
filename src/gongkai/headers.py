"""Response headers of every page: the Content-Security-Policy and the Permissions-Policy.

The Content-Security-Policy is django-csp's (`settings.CONTENT_SECURITY_POLICY`): scripts only from the site
itself on the public side, where our templates have no inline script (the form's behaviour is in
portal/static/portal/apply.js). The Wagtail admin's own templates still write inline scripts (panels, date
widgets), so under /admin/ `CSPMiddleware` adds 'unsafe-inline' to script-src; everything else (no plugins, no
foreign frames or forms, base URI) holds there too. Styles may be inline (the report tables' and charts' CSS).
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware as _CSPMiddleware
from csp.middleware import PolicyParts

POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", POLICY)
        return response


class CSPMiddleware(_CSPMiddleware):
    """django-csp's middleware, with the admin's allowance for Wagtail's inline scripts."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith("/admin/") and parts.update is None:
            parts.update = {"script-src": ["'unsafe-inline'"]}
        return parts
