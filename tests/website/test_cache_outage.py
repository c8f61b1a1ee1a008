"""A cache (Redis) outage logs one warning, not a traceback per request."""

import logging
import time

import pytest

from website.cache_logging import CacheOutageFilter


@pytest.mark.django_db
def test_many_requests_during_a_cache_outage_log_one_warning(
    client, site_tree, redis_outage, caplog
):
    # given the real Redis is stopped
    assert not redis_outage.running
    for outage_filter in logging.getLogger("django_redis").filters:
        outage_filter.reset()  # an outage an earlier test began may still be counted
    # when many requests use the cache
    with caplog.at_level(logging.INFO, logger="django_redis"):
        for _ in range(10):
            assert client.get("/").status_code == 200
    # then one short warning, no tracebacks
    records = [r for r in caplog.records if r.name == "django_redis"]
    assert len(records) == 1
    assert records[0].levelname == "WARNING"
    assert "unreachable" in records[0].getMessage()
    assert records[0].exc_info is None


def test_the_end_of_an_outage_is_logged_once_quiet(caplog):
    outage = CacheOutageFilter(quiet_seconds=0.2)
    failure = logging.LogRecord("django_redis", logging.ERROR, __file__, 1, "boom", None, None)
    assert outage.filter(failure) is True
    assert outage.filter(failure) is False
    with caplog.at_level(logging.INFO, logger="website.cache"):
        time.sleep(0.6)
    assert [r.getMessage() for r in caplog.records if r.name == "website.cache"] == [
        "Cache (Redis) reachable again: no failure for 0.2 s"
    ]
