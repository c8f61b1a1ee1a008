"""Middleware for staff sessions: the second step before anything else, and a 12-hour limit."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts import mfa

SIGNED_IN_AT = "accounts_signed_in_at"
# What an account signed in with its password alone may still reach: signing in and out, the
# second step itself, password reset, and what those pages load.
OPEN_VIEWS = frozenset({
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "accounts:verify",
    "accounts:enrol",
    "healthz",
    "readyz",
})  # fmt: skip
OPEN_VIEW_PREFIXES = ("wagtailadmin_password_reset",)


class RequireSecondFactorMiddleware:
    """Every request of a signed-in account needs a verified device (django-otp) first."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.MFA_REQUIRED:
            return None
        user = request.user
        if not user.is_authenticated or mfa.is_verified(user=user):
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in OPEN_VIEWS or name.startswith(OPEN_VIEW_PREFIXES):
            return None
        step = "accounts:verify" if mfa.is_enrolled(user=user) else "accounts:enrol"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


class SessionLimitsMiddleware:
    """Ends a session SESSION_MAX_AGE_SECONDS after sign-in, however active (idle: cookie age)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            if started is None:
                request.session[SIGNED_IN_AT] = time.time()
            elif time.time() - started > settings.SESSION_MAX_AGE_SECONDS:
                # Carry on signed out: admin pages then ask for a sign-in, and a form being sent
                # is kept (accounts.session_ended).
                logout(request)
        return self.get_response(request)
