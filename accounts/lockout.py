"""Sign-in lockout with django-axes: who is counted, what a locked-out person sees, unlocking.

Axes counts failures in a database cache table under SHA-256 keys, so neither a client address
nor a user agent is ever stored (design §4); the address is keyed with HMAC first, because an
unsalted hash of an IPv4 address can be reversed by trying them all.
"""

import hashlib
import hmac

from axes.helpers import get_cache, make_cache_key_list
from axes.utils import reset

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from website import audit
from website.client_address import rate_limit_subject


def client_address(request: HttpRequest) -> str:
    """The key axes counts a client's failures under: a keyed hash of its address group."""
    # Behind TRUSTED_PROXY_COUNT proxies, and an IPv6 client by its /64, as rate limits count.
    address = rate_limit_subject(request)
    key = (settings.RATE_LIMIT_SALT or settings.SECRET_KEY).encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """The cool-off page: the same words whether or not the username exists."""
    # Rendered here: axes swaps it in after the view, past the point where Django renders.
    return render(
        request,
        "accounts/locked_out.html",
        {"cooloff_minutes": settings.LOGIN_COOLOFF_MINUTES},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def failures_for(*, username: str) -> int:
    """Failed sign-ins counted against this username in the current cool-off window."""
    key = make_cache_key_list([{"username": username}])[0]
    return get_cache().get(key, 0) or 0


def unlock(*, username: str, by) -> None:
    """Let the account sign in again at once (an administrator's action, audited)."""
    reset(username=username)
    user = _user_named(username)
    audit.record(user=by, action="login.unlocked", obj=user)


def _user_named(username: str):
    model = get_user_model()
    return model.objects.filter(**{model.USERNAME_FIELD: username}).first()


def failure_limit() -> int:
    """Failed sign-ins that lock an account or an address."""
    return settings.AXES_FAILURE_LIMIT
