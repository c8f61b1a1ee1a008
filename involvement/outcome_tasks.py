"""Celery tasks telling people what changed: thin wrappers that take IDs and call the services."""

from celery import shared_task

from involvement import outcomes


@shared_task(name="involvement.outcome_tasks.send_outcome_emails", acks_late=True,
             ignore_result=True)  # fmt: skip
def send_outcome_emails(update_id: int) -> None:
    """Send the emails an update owes, each once (queue: email)."""
    outcomes.send_outcome_emails(update_id=update_id)


@shared_task(name="involvement.outcome_tasks.sweep_outcome_emails", ignore_result=True)
def sweep_outcome_emails() -> None:
    """Queue again every update with emails owed and unclaimed (every minute, from beat)."""
    outcomes.sweep_outcome_emails()


@shared_task(name="involvement.outcome_tasks.delete_old_subscriptions", ignore_result=True)
def delete_old_subscriptions() -> None:
    """Delete addresses left 12 months ago and never used (daily, from beat)."""
    outcomes.delete_old_subscriptions()
