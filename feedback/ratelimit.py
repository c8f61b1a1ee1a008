"""Rate limits per client, keyed by a salted hash of the address that changes every day.

The address is the one website.client_address finds behind TRUSTED_PROXY_COUNT proxies, so people
behind one load balancer are limited separately; an IPv6 client is counted by its /64.

The address itself is never stored: only an HMAC of it, in the cache, for one window. The counter
lives in the cache's Redis; when Redis is down the limit fails open, because losing feedback is
worse than letting a burst through.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass

from django_redis import get_redis_connection
from redis.exceptions import RedisError

from django.conf import settings
from django.http import HttpRequest

from website.client_address import rate_limit_subject

# The hash key changes daily, so yesterday's keys cannot be linked to today's.
ROTATION_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Verdict:
    """Whether a request may go ahead, and if not, how many seconds until it may."""

    allowed: bool
    retry_after: int = 0


def client_key(request: HttpRequest, *, scope: str, now: float | None = None) -> str:
    """A cache key for this client: an HMAC of its address (IPv6: its /64) under a daily salt."""
    now = time.time() if now is None else now
    salt = settings.RATE_LIMIT_SALT or settings.SECRET_KEY
    period = int(now // ROTATION_SECONDS)
    address = rate_limit_subject(request)
    digest = hmac.new(f"{salt}:{period}".encode(), address.encode(), hashlib.sha256).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def hit(
    request: HttpRequest, *, scope: str, limit: int, window: int, now: float | None = None
) -> Verdict:
    """Count one request against the client's limit for the current fixed window."""
    now = time.time() if now is None else now
    key = f"{client_key(request, scope=scope, now=now)}:{int(now // window)}"
    try:
        # INCR and EXPIRE in one round trip; the key names its window, so the expiry only
        # clears it away once the window is over.
        pipeline = get_redis_connection("default").pipeline(transaction=False)
        pipeline.incr(key)
        pipeline.expire(key, window + 1)
        count, _ = pipeline.execute()
    except RedisError:
        return Verdict(allowed=True)  # Redis is down: fail open, losing feedback is worse
    if count <= limit:
        return Verdict(allowed=True)
    return Verdict(allowed=False, retry_after=max(1, window - int(now % window)))


def feedback_verdict(request: HttpRequest) -> Verdict:
    """The feedback form's limit, from FEEDBACK_RATE_LIMIT per FEEDBACK_RATE_WINDOW_SECONDS."""
    return hit(
        request,
        scope="feedback",
        limit=settings.FEEDBACK_RATE_LIMIT,
        window=settings.FEEDBACK_RATE_WINDOW_SECONDS,
    )
