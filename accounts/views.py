"""The second step of signing in, setting it up, and administrators' help for locked-out staff."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts import lockout, mfa
from accounts.forms import CodeForm
from website.permissions import is_administrator

WRONG_CODE = (
    "That code was not accepted. Enter the 6-digit code your app shows now, or one of your "
    "recovery codes. After a wrong code, wait a few seconds before trying again."
)


def _next_url(request: HttpRequest) -> str:
    """Where to go after this step: a forged or foreign `next` falls back to the dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


@never_cache
@sensitive_post_parameters("code")
def verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the authenticator app, or a recovery code."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    if not mfa.is_enrolled(user=request.user):
        return redirect(_with_next("accounts:enrol", next_url))
    form = CodeForm(
        request.POST or None,
        help_text="Open your authenticator app and enter the 6-digit code it shows for Involve.",
    )
    if form.is_valid():
        if mfa.verify(request=request, token=form.cleaned_data["code"]):
            return redirect(next_url)
        form.add_error("code", WRONG_CODE)
    return TemplateResponse(
        request, "accounts/verify.html", {"form": form, "next": next_url}, status=200
    )


@never_cache
@sensitive_post_parameters("code")
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code (or type the key), then confirm one code."""
    next_url = _next_url(request)
    if mfa.is_enrolled(user=request.user):
        return redirect(_with_next("accounts:verify", next_url))
    device = mfa.pending_device(user=request.user)
    form = CodeForm(
        request.POST or None, help_text="Enter the 6-digit code your app shows after scanning."
    )
    if form.is_valid():
        codes = mfa.confirm_enrolment(
            request=request, device=device, token=form.cleaned_data["code"]
        )
        if codes is not None:
            # Shown in this response only: nothing keeps them where they could be shown again.
            return TemplateResponse(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url}
            )
        form.add_error("code", WRONG_CODE)
    return TemplateResponse(request, "accounts/enrol.html", {
        "form": form,
        "next": next_url,
        "qr_svg": mfa.qr_svg(device=device),
        "setup_key": mfa.setup_key(device=device),
    })  # fmt: skip


def _staff_member(request: HttpRequest, user_id: int):
    if not is_administrator(request.user):
        raise PermissionDenied
    return get_object_or_404(get_user_model(), pk=user_id)


def user_security(request: HttpRequest, user_id: int) -> HttpResponse:
    """For administrators: one account's second factor and sign-in lock, with the fixes."""
    member = _staff_member(request, user_id)
    failures = lockout.failures_for(username=member.get_username())
    return TemplateResponse(request, "accounts/user_security.html", {
        "page_title": f"Sign-in security: {member.get_username()}",
        "header_icon": "lock",
        "member": member,
        "enrolled": mfa.is_enrolled(user=member),
        "recovery_codes_left": mfa.recovery_codes_left(user=member),
        "failures": failures,
        "locked": failures >= lockout.failure_limit(),
    })  # fmt: skip


@require_POST
def reset_two_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    """Remove a member of staff's devices (a lost phone): they set up a new app at sign-in."""
    member = _staff_member(request, user_id)
    mfa.reset(user=member, by=request.user)
    messages.success(
        request,
        f"Two-factor authentication reset for {member.get_username()}: they set up a new "
        "authenticator app the next time they sign in.",
    )
    return redirect("accounts:user_security", user_id=member.pk)


@require_POST
def unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    """Clear an account's failed sign-ins so that it can sign in again at once."""
    member = _staff_member(request, user_id)
    lockout.unlock(username=member.get_username(), by=request.user)
    messages.success(request, f"{member.get_username()} can sign in again.")
    return redirect("accounts:user_security", user_id=member.pk)
