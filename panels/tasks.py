"""Celery tasks for panels: thin wrappers that take IDs and call the services."""

from celery import shared_task

from panels import emails, retention, services


@shared_task(name="panels.tasks.send_confirmation", acks_late=True, ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=True, max_retries=4)  # fmt: skip
def send_confirmation(member_id: int, language: str = "") -> None:
    """Email the link that confirms a sign-up, in the language of the sign-up (queue: email)."""
    emails.send_confirmation(member_id=member_id, language=language)


@shared_task(name="panels.tasks.send_already_member", acks_late=True, ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=True, max_retries=4)  # fmt: skip
def send_already_member(member_id: int, language: str = "") -> None:
    """Email an existing member who signed up again, in the language they used this time
    (queue: email)."""
    emails.send_already_member(member_id=member_id, language=language)


@shared_task(name="panels.tasks.delete_unconfirmed", ignore_result=True)
def delete_unconfirmed() -> None:
    """Delete sign-ups not confirmed within 7 days (daily, from beat)."""
    services.delete_unconfirmed()


@shared_task(name="panels.tasks.send_invitations", acks_late=True, ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=True, max_retries=4)  # fmt: skip
def send_invitations(invitation_ids: list[int]) -> None:
    """Email invitations with their yes-or-no links, each once however often this runs
    (queue: email)."""
    emails.send_invitations(invitation_ids=invitation_ids)


@shared_task(name="panels.tasks.send_renewal_warning", acks_late=True, ignore_result=True,
             autoretry_for=(OSError,), retry_backoff=True, max_retries=4)  # fmt: skip
def send_renewal_warning(member_id: int, level: int) -> None:
    """Warn a member their consent lapses soon, with a renewal link, once (queue: email)."""
    emails.send_renewal_warning(member_id=member_id, level=level)


@shared_task(name="panels.tasks.enforce_retention", ignore_result=True)
def enforce_retention() -> None:
    """Warn members whose consent lapses soon, delete lapsed members and old consent records
    (daily, from beat)."""
    retention.enforce()
