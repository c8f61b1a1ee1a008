import pytest
from django_redis import get_redis_connection

from django.test import RequestFactory

from feedback.ratelimit import ROTATION_SECONDS, client_key, hit

NOON = 1_800_000_000 - (1_800_000_000 % ROTATION_SECONDS) + 12 * 3600


def request_from(address):
    return RequestFactory().post("/feedback/x/", REMOTE_ADDR=address)


def test_key_hides_the_address():
    key = client_key(request_from("203.0.113.7"), scope="feedback", now=NOON)
    assert "203.0.113.7" not in key
    assert key.startswith("ratelimit:feedback:") and len(key.rsplit(":", 1)[1]) == 32


def test_key_is_stable_within_a_day_and_rotates_the_next():
    request = request_from("203.0.113.7")
    assert client_key(request, scope="feedback", now=NOON) == client_key(
        request, scope="feedback", now=NOON + 3600
    )
    assert client_key(request, scope="feedback", now=NOON) != client_key(
        request, scope="feedback", now=NOON + ROTATION_SECONDS
    )


def test_key_depends_on_the_salt(settings):
    request = request_from("203.0.113.7")
    settings.RATE_LIMIT_SALT = "one"
    first = client_key(request, scope="feedback", now=NOON)
    settings.RATE_LIMIT_SALT = "two"
    assert client_key(request, scope="feedback", now=NOON) != first


def test_limit_counts_per_client_in_redis():
    alice, bob = request_from("203.0.113.7"), request_from("198.51.100.9")
    verdicts = [hit(alice, scope="t", limit=3, window=600, now=NOON).allowed for _ in range(4)]
    assert verdicts == [True, True, True, False]
    assert hit(bob, scope="t", limit=3, window=600, now=NOON).allowed
    key = f"{client_key(alice, scope='t', now=NOON)}:{int(NOON // 600)}"
    assert int(get_redis_connection("default").get(key)) == 4  # counted in the real Redis
    assert 0 < get_redis_connection("default").ttl(key) <= 601


def test_retry_after_is_the_rest_of_the_window():
    alice = request_from("203.0.113.7")
    start = NOON - (NOON % 600) + 100
    hit(alice, scope="t", limit=1, window=600, now=start)
    verdict = hit(alice, scope="t", limit=1, window=600, now=start)
    assert not verdict.allowed and verdict.retry_after == 500


def test_a_new_window_starts_afresh():
    alice = request_from("203.0.113.7")
    hit(alice, scope="t", limit=1, window=600, now=NOON)
    assert not hit(alice, scope="t", limit=1, window=600, now=NOON).allowed
    assert hit(alice, scope="t", limit=1, window=600, now=NOON + 600).allowed


@pytest.mark.usefixtures("redis_outage")
def test_fails_open_when_redis_is_down():
    alice = request_from("203.0.113.7")
    assert all(hit(alice, scope="t", limit=1, window=600, now=NOON).allowed for _ in range(5))
