"""The PostgreSQL backend's health check: no round trip on a quiet idle connection, a query else.

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
    """A second session on the same database, to watch and signal the first from outside."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as session:
        yield session


def _last_query(session, pid: int) -> str:
    return session.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()[0]


def test_a_quiet_idle_connection_is_usable_without_a_query(other_session):
    # given the connection's last statement is known
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'before the check'")
    pid = connection.connection.info.backend_pid
    # when
    usable = connection.is_usable()
    # then the server saw nothing new
    assert usable is True
    assert _last_query(other_session, pid) == "SELECT 'before the check'"


def test_a_connection_with_an_open_transaction_is_checked_with_a_query(other_session):
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with connection.connection.cursor() as cursor:
        cursor.execute("BEGIN")
        try:
            assert connection.is_usable() is True
            assert _last_query(other_session, pid) == "SELECT 1"
        finally:
            cursor.execute("ROLLBACK")


def test_waiting_data_means_a_query_is_sent(other_session):
    # given the server has something to say on the idle connection (a notification)
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with connection.connection.cursor() as cursor:
        cursor.execute("LISTEN involve_test")
    other_session.execute("NOTIFY involve_test")
    time.sleep(0.2)
    # when / then: checked with a query, which the connection passes
    assert connection.is_usable() is True
    assert _last_query(other_session, pid) == "SELECT 1"
    with connection.connection.cursor() as cursor:
        cursor.execute("UNLISTEN *")


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
    # then the check sees it
    assert connection.is_usable() is False
    # and the next request's first query runs on a new connection instead of failing
    close_old_connections()
    assert Heartbeat.objects.count() >= 0
    assert connection.connection.info.backend_pid != pid
