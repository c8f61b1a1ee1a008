"""The heartbeat task through a real Celery worker on the real Redis."""

import pytest

from tests.realservices import wait_until
from website.models import Heartbeat
from website.services import BEAT, WORKER
from website.tasks import heartbeat

pytestmark = pytest.mark.integration


def test_heartbeat_runs_in_a_real_worker_and_readyz_reports_its_age(celery_worker, client):
    # given no heartbeat yet
    assert not Heartbeat.objects.filter(name=BEAT).exists()
    # when the task goes through the broker to the worker
    heartbeat.delay()
    # then the worker writes the row
    beat = wait_until(lambda: Heartbeat.objects.filter(name=BEAT).first(), timeout=30)
    assert beat.beat_at is not None
    # and the worker's own 15 s heartbeat has been written since the last test's flush
    assert wait_until(lambda: Heartbeat.objects.filter(name=WORKER).exists(), timeout=30)
    report = client.get("/readyz").json()
    assert report["status"] == "ok", report["reasons"]
    assert report["broker"] == "ok"
    assert 0 <= report["beat_heartbeat_age_seconds"] < 30


def test_beat_sends_its_first_heartbeat_as_it_starts(celery_worker):
    # given no beat heartbeat yet
    from website.celery_app import first_beat_heartbeat

    assert not Heartbeat.objects.filter(name=BEAT).exists()
    # when beat starts (its beat_init signal), before any schedule interval has passed
    first_beat_heartbeat()
    # then the worker records beat's heartbeat through the broker
    assert wait_until(lambda: Heartbeat.objects.filter(name=BEAT).exists(), timeout=30)
