"""Site-wide operations: heartbeats and the readiness report."""

from datetime import datetime

from kombu import Connection

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from website.models import Heartbeat

BEAT = "beat"


def record_heartbeat(*, name: str = BEAT, at: datetime | None = None) -> Heartbeat:
    """Note that a periodic job ran now; one row per job, updated in place."""
    beat, _ = Heartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": at or timezone.now()}
    )
    return beat


def broker_reachable() -> bool:
    """Whether the Celery broker answers within a second."""
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=1) as conn:
            conn.ensure_connection(max_retries=0, timeout=1)
        return True
    except Exception:  # noqa: BLE001 - any failure to connect means "not reachable"
        return False


def readiness() -> tuple[bool, dict]:
    """The readiness report: database, broker and the age of the last heartbeat.

    Returns (database ok, report); a broker outage only degrades the report.
    """
    report: dict = {"database": "ok", "broker": "ok", "heartbeat_age_seconds": None}
    try:
        # Reading the heartbeats is the database check: it fails if the database does not answer.
        beats = dict(Heartbeat.objects.values_list("name", "beat_at"))
    except DatabaseError:
        report["database"] = "unreachable"
        beats = {}
    now = timezone.now()
    if BEAT in beats:
        report["last_heartbeat"] = beats[BEAT].isoformat()
        report["heartbeat_age_seconds"] = round((now - beats[BEAT]).total_seconds())
    # Other periodic jobs (the feedback sweeper, say) record beats of their own.
    report["job_ages_seconds"] = {
        name: round((now - at).total_seconds()) for name, at in sorted(beats.items())
    }
    if not broker_reachable():
        report["broker"] = "unreachable"
    database_ok = report["database"] == "ok"
    report["status"] = "ok" if database_ok and report["broker"] == "ok" else "degraded"
    if not database_ok:
        report["status"] = "unavailable"
    return database_ok, report
