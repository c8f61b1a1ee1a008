"""Rate limits per client, keyed by a salted hash of the address that changes every day.

The address itself is never stored: only an HMAC of it, in the cache, for one window. The counter
lives in the cache's Redis; when Redis is down the limit fails open, because losing feedback is
worse than letting a burst through. A caller may read one other key in the same round trip (the
feedback form reads its cached definition), since each round trip costs as much as the counting.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass

from django_redis import get_redis_connection
from redis.commands.core import Script
from redis.exceptions import RedisError

from django.conf import settings
from django.http import HttpRequest

# The hash key changes daily, so yesterday's keys cannot be linked to today's.
ROTATION_SECONDS = 24 * 60 * 60
# Count, start the counter's expiry with its window, and read KEYS[2] if given: one atomic call.
_COUNT_AND_READ = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if KEYS[2] then return {count, redis.call('GET', KEYS[2])} end
return {count, false}
"""
_script: Script | None = None


@dataclass(frozen=True)
class Verdict:
    """Whether a request may go ahead, and if not, how many seconds until it may."""

    allowed: bool
    retry_after: int = 0
    # What `read_key` held, or None when it was missing or Redis could not be reached.
    value: bytes | None = None


def client_key(request: HttpRequest, *, scope: str, now: float | None = None) -> str:
    """A cache key for this client: an HMAC of its address under a salt that rotates daily."""
    now = time.time() if now is None else now
    salt = settings.RATE_LIMIT_SALT or settings.SECRET_KEY
    period = int(now // ROTATION_SECONDS)
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(f"{salt}:{period}".encode(), address.encode(), hashlib.sha256).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def hit(
    request: HttpRequest,
    *,
    scope: str,
    limit: int,
    window: int,
    now: float | None = None,
    read_key: str | None = None,
) -> Verdict:
    """Count one request against the client's limit for the current fixed window."""
    global _script
    now = time.time() if now is None else now
    bucket = int(now // window)
    key = f"{client_key(request, scope=scope, now=now)}:{bucket}"
    keys = [key, read_key] if read_key else [key]
    try:
        connection = get_redis_connection("default")
        if _script is None:
            _script = connection.register_script(_COUNT_AND_READ)
        count, value = _script(keys=keys, args=[window + 1], client=connection)
    except RedisError:
        return Verdict(allowed=True)  # Redis is down: fail open, losing feedback is worse
    if count <= limit:
        return Verdict(allowed=True, value=value)
    return Verdict(allowed=False, retry_after=max(1, window - int(now % window)), value=value)


def feedback_verdict(request: HttpRequest, *, read_key: str | None = None) -> Verdict:
    """The feedback form's limit, from FEEDBACK_RATE_LIMIT per FEEDBACK_RATE_WINDOW_SECONDS."""
    return hit(
        request,
        scope="feedback",
        limit=settings.FEEDBACK_RATE_LIMIT,
        window=settings.FEEDBACK_RATE_WINDOW_SECONDS,
        read_key=read_key,
    )
