"""Site-wide Celery tasks."""

from celery import shared_task

from website.audit import delete_expired_events
from website.services import record_heartbeat


@shared_task(name="website.tasks.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Record that beat and a worker are alive; `/readyz` reports its age."""
    record_heartbeat()


@shared_task(name="website.tasks.enforce_audit_retention", ignore_result=True)
def enforce_audit_retention() -> None:
    """Delete audit events older than six years (daily, from beat)."""
    delete_expired_events()
