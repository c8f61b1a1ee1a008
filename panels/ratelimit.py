"""A per-client limit on sign-ups, keyed like feedback's: an HMAC of the client's address group
under a salt that changes daily, so no address is stored. Fails open when the cache is down."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from website.client_address import rate_limit_subject

# Sign-ups (and the emails they send) per client per window: enough for a family on one
# connection, too few to flood the table or anyone's inbox.
SIGN_UP_LIMIT = 10
SIGN_UP_WINDOW_SECONDS = 600
ROTATION_SECONDS = 24 * 60 * 60


def sign_up_allowed(request: HttpRequest, *, now: float | None = None) -> bool:
    """Count one sign-up POST against the client's limit; False once it is over."""
    now = time.time() if now is None else now
    salt = settings.RATE_LIMIT_SALT or settings.SECRET_KEY
    digest = hmac.new(f"{salt}:{int(now // ROTATION_SECONDS)}".encode(),
                      rate_limit_subject(request).encode(), hashlib.sha256).hexdigest()  # fmt: skip
    key = f"ratelimit:panel-sign-up:{digest[:32]}:{int(now // SIGN_UP_WINDOW_SECONDS)}"
    cache.add(key, 0, timeout=SIGN_UP_WINDOW_SECONDS + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between the two calls, or the cache is down
        return True
    return count is None or count <= SIGN_UP_LIMIT
