"""A form sent after the session ended is kept: signing in again on the spot sends it on.

When a staff POST arrives with no signed-in user (30 minutes idle, 12 hours, signed out in
another tab), the answer is a page that asks for the password (and the security code) and
carries what was typed back in hidden fields of the same form, posted to the same address. The
typed text lives only in that page and the next request: nothing is stored (design §3).
"""

from django.conf import settings
from django.contrib.auth import authenticate, login
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.template.response import TemplateResponse

from accounts import mfa
from accounts.middleware import OPEN_VIEW_PREFIXES, OPEN_VIEWS

REAUTH = "_reauth"
USERNAME, PASSWORD, CODE = "_reauth_username", "_reauth_password", "_reauth_code"
NOT_CARRIED = {"csrfmiddlewaretoken", REAUTH, USERNAME, PASSWORD, CODE}
SIGN_IN_FAILED = "Your username, password or security code was not right. Try again."


class SessionEndedMiddleware:
    """Between CSRF and the second-step check: a staff POST without a session signs in again."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.user.is_authenticated or request.FILES:
            return None
        # Only a form sent by the browser itself: the admin's own scripts get Wagtail's answer.
        if not request.path_info.startswith("/admin/") or not _is_page_request(request):
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in OPEN_VIEWS or name.startswith(OPEN_VIEW_PREFIXES):
            return None
        if REAUTH in request.POST and _sign_in_again(request):
            request.POST = _without_sign_in_fields(request)
            return None
        return _session_ended_page(request, failed=REAUTH in request.POST)


def _sign_in_again(request: HttpRequest) -> bool:
    # authenticate() with the request, so django-axes counts failures here as at the login page.
    user = authenticate(
        request, username=request.POST.get(USERNAME, ""), password=request.POST.get(PASSWORD, "")
    )
    if user is None:
        return False
    needs_code = settings.MFA_REQUIRED or mfa.is_enrolled(user=user)
    login(request, user)
    if needs_code and not mfa.verify(request=request, token=request.POST.get(CODE, "")):
        # The password was right but the code was not: no half-signed-in session is left.
        request.session.flush()
        request.user = AnonymousUser()
        return False
    return True


def _is_page_request(request: HttpRequest) -> bool:
    return "text/html" in request.headers.get("Accept", "") and not request.headers.get(
        "X-Requested-With"
    )


def _without_sign_in_fields(request: HttpRequest):
    data = request.POST.copy()
    for field in (REAUTH, USERNAME, PASSWORD, CODE):
        data.pop(field, None)
    return data


def _session_ended_page(request: HttpRequest, *, failed: bool) -> TemplateResponse:
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NOT_CARRIED
        for value in values
    ]
    return TemplateResponse(
        request,
        "accounts/session_ended.html",
        {
            "carried": carried,
            "action": request.get_full_path(),
            "error": SIGN_IN_FAILED if failed else "",
            "ask_for_code": settings.MFA_REQUIRED,
        },
    )
