"""Celery tasks for involvement: thin wrappers that take IDs and call the services."""

from celery import shared_task

from involvement import interest_emails, interest_staff


@shared_task(
    name="involvement.tasks.send_interest_confirmation",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=4,
)
def send_interest_confirmation(interest_id: int, language: str = "") -> None:
    """Email someone who registered interest what happens next, in the language they
    registered in (queue: email)."""
    interest_emails.send_confirmation(interest_id=interest_id, language=language)


@shared_task(
    name="involvement.tasks.send_interest_invitation",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=4,
)
def send_interest_invitation(interest_id: int) -> None:
    """Email a researcher's invitation to someone who registered interest (queue: email)."""
    interest_emails.send_invitation(interest_id=interest_id)


@shared_task(name="involvement.tasks.delete_expired_interest", ignore_result=True)
def delete_expired_interest() -> None:
    """Delete interest 90 days after its opportunity ends (daily, from beat)."""
    interest_staff.delete_expired_interest()
