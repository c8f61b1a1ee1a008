"""Site-wide Celery tasks."""

from celery import shared_task

from website.services import record_heartbeat


@shared_task(name="website.tasks.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Record that beat and a worker are alive; `/readyz` reports its age."""
    record_heartbeat()
