"""Security headers Django 5.2 does not send itself: Content-Security-Policy and Permissions-Policy.

Referrer-Policy, X-Content-Type-Options and X-Frame-Options come from Django's own middleware
(SECURE_REFERRER_POLICY, SECURE_CONTENT_TYPE_NOSNIFF, X_FRAME_OPTIONS in settings).
"""

from __future__ import annotations

from django.conf import settings


class HeaderKeamanan:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.KINERJA_CSP)
        response.headers.setdefault("Permissions-Policy", settings.KINERJA_PERMISSIONS_POLICY)
        return response
