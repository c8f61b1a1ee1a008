"""Site-wide Celery tasks."""

from celery import shared_task

from django.core.management import call_command

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


@shared_task(name="website.tasks.publish_scheduled_pages", ignore_result=True)
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish those past expiry (every minute,
    from beat): Wagtail's own publish_scheduled command."""
    call_command("publish_scheduled")
