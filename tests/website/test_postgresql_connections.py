"""Kept PostgreSQL connections: one the server closed is replaced before a request uses it.

Run against the real server in the PostgreSQL pass of `make test`; skipped on SQLite.
"""

import time

import psycopg
import pytest

from django.db import close_old_connections, connection

from website.models import Heartbeat

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


@pytest.fixture
def other_session():
    """A second session on the same database, to end the first from outside."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as session:
        yield session


def test_a_connection_the_server_closed_is_replaced_before_the_next_request_uses_it(
    other_session,
):
    # given the server terminates the connection (as on a restart or an idle timeout)
    Heartbeat.objects.count()
    pid = connection.connection.info.backend_pid
    other_session.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 10
    while other_session.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
        assert time.monotonic() < deadline, "the backend was not terminated"
        time.sleep(0.05)
    # when the next request starts (Django's request_started signal runs this)
    close_old_connections()
    # then its first query runs on a new connection instead of failing
    assert Heartbeat.objects.count() >= 0
    assert connection.connection.info.backend_pid != pid
