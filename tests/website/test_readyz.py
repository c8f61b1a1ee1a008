"""/readyz: every field of the report and each reason it gives for "degraded"."""

import sqlite3
import threading
import time
from datetime import timedelta

import pytest

from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

from feedback.choices import Status
from feedback.factories import FeedbackFactory, FeedbackServiceFactory
from website.services import BEAT, WORKER, record_heartbeat

FIELDS = {
    "status",
    "reasons",
    "database",
    "broker",
    "worker_heartbeat_age_seconds",
    "beat_heartbeat_age_seconds",
    "backlog",
    "job_ages_seconds",
    "safeguarding",
}


@pytest.fixture
def service(site_tree):
    return FeedbackServiceFactory(title="Maternity services", slug="maternity")


def _alive():
    record_heartbeat(name=WORKER)
    record_heartbeat(name=BEAT)


@pytest.mark.django_db
def test_all_fresh_is_ok_with_every_field(client):
    _alive()
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200
    assert set(body) == FIELDS
    assert body["status"] == "ok", body["reasons"]
    assert body["reasons"] == []
    assert body["database"] == {"read": "ok", "write": "ok"}
    assert body["broker"] == "ok"
    assert 0 <= body["worker_heartbeat_age_seconds"] < 5
    assert 0 <= body["beat_heartbeat_age_seconds"] < 5
    assert body["backlog"] == {"received": 0, "oldest_age_seconds": None}
    assert set(body["job_ages_seconds"]) == {WORKER, BEAT}
    assert body["safeguarding"] == {
        "alerts_failed": 0, "cases_overdue": 0, "contact_requests_overdue": 0
    }  # fmt: skip


@pytest.mark.django_db
def test_no_heartbeats_at_all_is_degraded(client):
    body = client.get("/readyz").json()
    assert body["status"] == "degraded"
    assert body["worker_heartbeat_age_seconds"] is None
    assert body["beat_heartbeat_age_seconds"] is None
    assert "No worker heartbeat has been recorded." in body["reasons"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "limit"), [(WORKER, 90), (BEAT, 150)])
def test_a_stale_heartbeat_is_degraded(client, name, limit):
    _alive()
    record_heartbeat(name=name, at=timezone.now() - timedelta(seconds=limit + 10))
    body = client.get("/readyz").json()
    assert body["status"] == "degraded"
    assert body[f"{name}_heartbeat_age_seconds"] >= limit + 10
    assert any(f"The {name} heartbeat" in reason for reason in body["reasons"])


@pytest.mark.django_db
def test_the_backlog_counts_received_and_its_oldest(client, service):
    _alive()
    now = timezone.now()
    FeedbackFactory(service=service, received_at=now - timedelta(seconds=30))
    FeedbackFactory(service=service, received_at=now - timedelta(seconds=5))
    FeedbackFactory(service=service, received_at=now - timedelta(hours=1), status=Status.PROCESSED)
    body = client.get("/readyz").json()
    assert body["backlog"]["received"] == 2
    assert 30 <= body["backlog"]["oldest_age_seconds"] < 40
    assert body["status"] == "ok"


@pytest.mark.django_db
@override_settings(READYZ_BACKLOG_MAX_AGE=60)
def test_an_old_backlog_is_degraded(client, service):
    _alive()
    FeedbackFactory(service=service, received_at=timezone.now() - timedelta(seconds=120))
    body = client.get("/readyz").json()
    assert body["status"] == "degraded"
    assert any("oldest unprocessed response" in reason for reason in body["reasons"])


@pytest.mark.django_db
def test_an_unreachable_broker_is_degraded(client, redis_outage):
    _alive()
    body = client.get("/readyz").json()
    assert (body["status"], body["broker"]) == ("degraded", "unreachable")
    assert "The broker (Redis) is unreachable." in body["reasons"]


def _hold_write_lock(table: str, ready: threading.Event, release: threading.Event) -> None:
    settings_dict = connections["default"].settings_dict
    if connection.vendor == "sqlite":
        other = sqlite3.connect(settings_dict["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
    else:
        import psycopg

        other = psycopg.connect(
            dbname=settings_dict["NAME"],
            user=settings_dict["USER"],
            password=settings_dict["PASSWORD"],
            host=settings_dict["HOST"],
            port=settings_dict["PORT"],
        )
        # EXCLUSIVE blocks every write and still lets /readyz read (ACCESS EXCLUSIVE would
        # block the read too, which is the 503 case, not "locked").
        other.execute("BEGIN")
        other.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
    ready.set()
    release.wait(10)
    other.rollback()
    other.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("table", ["website_heartbeat", "feedback_feedback"])
def test_a_write_locked_database_is_degraded_quickly(client, table):
    # given: another connection holds the write lock (SQLite) or locks a table (PostgreSQL): the
    # heartbeats /readyz writes, or feedback's alone, which stops every submission
    _alive()
    ready, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(table, ready, release))
    holder.start()
    assert ready.wait(5)
    try:
        started = time.monotonic()
        body = client.get("/readyz").json()
        elapsed = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    # then
    assert body["database"] == {"read": "ok", "write": "locked"}
    assert body["status"] == "degraded"
    assert "The database refuses writes (locked)." in body["reasons"]
    assert elapsed < 2.5


@pytest.mark.django_db
def test_safeguarding_work_left_undone_is_degraded(client, service, travel):
    # given (Wednesday 10:00): a failed alert, a case received Monday morning and still new, and a
    # contact request from last Friday with no outcome; plus work that is on time
    from feedback.choices import SafeguardingStatus
    from feedback.factories import ContactRequestFactory
    from feedback.models import ContactRequest

    _alive()
    now = timezone.now()
    flagged = {"status": Status.PROCESSED, "safeguarding_status": SafeguardingStatus.NEW}
    FeedbackFactory(service=service, **flagged, alert_sent_at=now, received_at=now)
    FeedbackFactory(service=service, **flagged, received_at=now, alert_failed_at=now,
                    alert_attempts=5)  # fmt: skip
    FeedbackFactory(service=service, **flagged, alert_sent_at=now,
                    received_at=now - timedelta(days=2, hours=1))  # fmt: skip
    old_request = ContactRequestFactory(feedback=FeedbackFactory(service=service))
    ContactRequest.objects.filter(pk=old_request.pk).update(created_at=now - timedelta(days=5))
    ContactRequestFactory(feedback=FeedbackFactory(service=service))
    # when
    body = client.get("/readyz").json()
    # then
    assert body["status"] == "degraded"
    assert body["safeguarding"] == {
        "alerts_failed": 1, "cases_overdue": 1, "contact_requests_overdue": 1
    }  # fmt: skip
    assert "1 safeguarding alert(s) could not be sent after every attempt." in body["reasons"]
    assert "1 safeguarding case(s) not acknowledged within 1 working day." in body["reasons"]
    assert "1 contact request(s) without an outcome after 2 working days." in body["reasons"]
