"""Health endpoints: /healthz touches nothing; /readyz reports database, broker and heartbeat."""

import pytest

from django.test import override_settings

from website.services import WORKER, record_heartbeat


def test_healthz_needs_no_database(client):
    # No django_db mark: any database query here would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_ok_and_heartbeat_age(client):
    record_heartbeat()
    record_heartbeat(name=WORKER)
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["database"] == {"read": "ok", "write": "ok"}
    assert body["broker"] == "ok"
    assert 0 <= body["beat_heartbeat_age_seconds"] < 5


@pytest.mark.django_db
def test_readyz_with_redis_stopped_is_degraded_not_an_error(client, redis_outage):
    # given the real Redis has been stopped by the fixture
    assert not redis_outage.running
    # when
    response = client.get("/readyz")
    # then
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"] == "unreachable"
    assert response.json()["database"]["read"] == "ok"


@pytest.mark.django_db
def test_pages_still_render_with_redis_stopped(client, site_tree, redis_outage):
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_readyz_with_unreachable_broker_url(client):
    assert client.get("/readyz").json()["broker"] == "unreachable"
