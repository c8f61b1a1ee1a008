"""Celery tasks for feedback: thin wrappers that take IDs and call the services."""

import logging

from celery import shared_task

from django.db import InterfaceError, OperationalError, connection

from feedback import alerts, maintenance, processing
from website.services import record_heartbeat

logger = logging.getLogger(__name__)

# Errors worth trying again: a locked or briefly unreachable database. Anything else is a bug;
# the row stays `received` and the sweeper retries it until it is marked failed.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MAX_RETRIES = 4
SWEEP_HEARTBEAT = "sweep"


def _backoff(retries: int) -> int:
    return min(2 ** (retries + 1), 60)


@shared_task(bind=True, name="feedback.tasks.process_feedback", acks_late=True, ignore_result=True,
             max_retries=MAX_RETRIES)  # fmt: skip
def process_feedback(self, feedback_id: int) -> None:
    """Analyse one stored response and count it, once, however often it is delivered."""
    try:
        processing.process_feedback(feedback_id=feedback_id)
    except TRANSIENT_ERRORS as exc:
        # A broken connection would fail every later task too: start the retry on a fresh one
        # (unless a caller's transaction is open, as when a test runs the task in-process).
        if not connection.in_atomic_block:
            connection.close()
        try:
            processing.record_failure(feedback_id=feedback_id, error=exc)
        except TRANSIENT_ERRORS as note_exc:
            # The fault being retried may block this write too; the retry matters more.
            logger.warning(
                "Feedback %s: failure not recorded (%s)", feedback_id, type(note_exc).__name__
            )
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(bind=True, name="feedback.tasks.send_safeguarding_alert", acks_late=True,
             ignore_result=True, max_retries=None)  # fmt: skip
def send_safeguarding_alert(self, feedback_id: int) -> None:
    """Email the safeguarding leads about one flagged response, once.

    Whatever stops it is retried with a growing wait; the row counts the attempts (not Celery),
    so after the last one the alert is marked failed and this task stops retrying.
    """
    try:
        alerts.send_safeguarding_alert(feedback_id=feedback_id)
    except Exception as exc:
        try:
            delay = alerts.next_attempt_in(feedback_id=feedback_id)
        except TRANSIENT_ERRORS:
            # The database is what failed: try again soon; the lease keeps the send single.
            delay = _backoff(self.request.retries)
        if delay is None:
            return  # given up: listed for administrators and reported by /readyz
        raise self.retry(exc=exc, countdown=delay) from exc


@shared_task(name="feedback.tasks.sweep_stuck_feedback", ignore_result=True)
def sweep_stuck_feedback() -> dict[str, int]:
    """Every minute: re-queue stuck responses and unsent alerts; give up on hopeless ones."""
    counts = maintenance.sweep_stuck_feedback()
    record_heartbeat(name=SWEEP_HEARTBEAT)
    if any(counts.values()):
        logger.info("Feedback sweep: %s", counts)
    return counts


@shared_task(name="feedback.tasks.enforce_retention", ignore_result=True)
def enforce_retention() -> dict[str, int]:
    """Daily: delete feedback and contact requests older than their retention periods."""
    counts = maintenance.enforce_retention()
    logger.info("Retention: deleted %s", counts)
    return counts
