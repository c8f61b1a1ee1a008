"""Site-wide operations: heartbeats and the readiness report."""

import logging
from datetime import datetime

from kombu import Connection

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Min
from django.utils import timezone

from website.models import Heartbeat

logger = logging.getLogger(__name__)

BEAT = "beat"
WORKER = "worker"
READYZ = "readyz"
READYZ_WRITE_WAIT_MS = 1000


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


def is_lock_error(error: BaseException) -> bool:
    """Whether a database error means another transaction holds a lock (or a timeout hit)."""
    text = str(error).lower()
    return any(
        word in text for word in ("locked", "lock timeout", "statement timeout", "canceling")
    )


def database_write() -> str:
    """Try one quick write (the "readyz" heartbeat): "ok", "locked" or "unreachable"."""
    sqlite = connection.vendor == "sqlite"
    try:
        if sqlite:
            # SQLite takes its write lock at BEGIN IMMEDIATE: shorten the wait before it.
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {READYZ_WRITE_WAIT_MS}")
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # A write lock must show within a second or two, not after a long wait.
                    with connection.cursor() as cursor:
                        cursor.execute(f"SET LOCAL lock_timeout = {READYZ_WRITE_WAIT_MS}")
                        cursor.execute(f"SET LOCAL statement_timeout = {2 * READYZ_WRITE_WAIT_MS}")
                record_heartbeat(name=READYZ)
                # A lock on feedback's table alone (PostgreSQL's LOCK TABLE, a migration) stops
                # every submission while other tables still take writes: ask for a row lock on it
                # too, under the same timeout (SQLite locks the whole file, seen above).
                feedback_model = apps.get_model("feedback", "Feedback")
                feedback_model.objects.select_for_update().filter(pk=0).exists()
        finally:
            if sqlite:
                timeout_ms = int(settings.DATABASES["default"]["OPTIONS"].get("timeout", 5) * 1000)
                with connection.cursor() as cursor:
                    cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        return "ok"
    except DatabaseError as exc:
        return "locked" if is_lock_error(exc) else "unreachable"


def _backlog() -> dict:
    # Read through the app registry: the website app does not import feedback's code.
    feedback_model = apps.get_model("feedback", "Feedback")
    figures = feedback_model.objects.filter(status="received").aggregate(
        count=Count("pk"), oldest=Min("received_at")
    )
    count = figures["count"]
    oldest = figures["oldest"]
    age = round((timezone.now() - oldest).total_seconds()) if oldest else None
    return {"received": count, "oldest_age_seconds": age}


def _safeguarding() -> dict:
    # Feedback's own querysets say what is overdue (working days) or failed; read via the
    # app registry, as above. Each count reads a small partial index.
    feedback_model = apps.get_model("feedback", "Feedback")
    contact_model = apps.get_model("feedback", "ContactRequest")
    return {
        "alerts_failed": feedback_model.objects.alert_failed().count(),
        "cases_overdue": feedback_model.objects.overdue_cases().count(),
        "contact_requests_overdue": contact_model.objects.overdue().count(),
    }


# One plain sentence per kind of safeguarding work left undone, for /readyz's reasons.
SAFEGUARDING_REASONS = {
    "alerts_failed": "{n} safeguarding alert(s) could not be sent after every attempt.",
    "cases_overdue": "{n} safeguarding case(s) not acknowledged within 1 working day.",
    "contact_requests_overdue": "{n} contact request(s) without an outcome after 2 working days.",
}


def readiness() -> tuple[bool, dict]:
    """The readiness report (see the README): database, broker, heartbeats and backlog.

    Returns (database readable, report); anything else only degrades the report.
    """
    reasons: list[str] = []
    report: dict = {
        "status": "ok",
        "reasons": reasons,
        "database": {"read": "ok", "write": "ok"},
        "broker": "ok",
        "worker_heartbeat_age_seconds": None,
        "beat_heartbeat_age_seconds": None,
        "backlog": {"received": 0, "oldest_age_seconds": None},
        "job_ages_seconds": {},
        "safeguarding": dict.fromkeys(SAFEGUARDING_REASONS, 0),
    }
    try:
        beats = dict(Heartbeat.objects.values_list("name", "beat_at"))
        report["backlog"] = _backlog()
        report["safeguarding"] = _safeguarding()
    except DatabaseError:
        report["database"] = {"read": "unreachable", "write": "unreachable"}
        report["status"] = "unavailable"
        reasons.append("The database cannot be read.")
        if not broker_reachable():
            report["broker"] = "unreachable"
        return False, report
    now = timezone.now()
    ages = {name: round((now - at).total_seconds()) for name, at in sorted(beats.items())}
    ages.pop(READYZ, None)
    report["job_ages_seconds"] = ages
    report["worker_heartbeat_age_seconds"] = ages.get(WORKER)
    report["beat_heartbeat_age_seconds"] = ages.get(BEAT)

    write = database_write()
    report["database"]["write"] = write
    if write != "ok":
        reasons.append(f"The database refuses writes ({write}).")
    if not broker_reachable():
        report["broker"] = "unreachable"
        reasons.append("The broker (Redis) is unreachable.")
    checks = (
        ("worker", ages.get(WORKER), settings.READYZ_WORKER_MAX_AGE),
        ("beat", ages.get(BEAT), settings.READYZ_BEAT_MAX_AGE),
    )
    for name, age, limit in checks:
        if age is None:
            reasons.append(f"No {name} heartbeat has been recorded.")
        elif age > limit:
            reasons.append(f"The {name} heartbeat is {age} s old (limit {limit} s).")
    oldest = report["backlog"]["oldest_age_seconds"]
    if oldest is not None and oldest > settings.READYZ_BACKLOG_MAX_AGE:
        reasons.append(
            f"The oldest unprocessed response is {oldest} s old "
            f"(limit {settings.READYZ_BACKLOG_MAX_AGE} s)."
        )
    for name, count in report["safeguarding"].items():
        if count:
            reasons.append(SAFEGUARDING_REASONS[name].format(n=count))
    if reasons:
        report["status"] = "degraded"
    return True, report
