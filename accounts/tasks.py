"""Celery tasks for staff accounts: thin wrappers that take IDs and call the services."""

from celery import shared_task

from accounts import password_reset


@shared_task(name="accounts.tasks.send_password_reset", ignore_result=True)
def send_password_reset(user_id: int) -> None:
    """Email one account its password reset link (routed to the `email` queue)."""
    password_reset.send_password_reset(user_id=user_id)
