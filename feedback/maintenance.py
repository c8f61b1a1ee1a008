"""Upkeep: the sweeper re-queues work the broker lost; retention deletes old rows.

Both run from beat (feedback/tasks.py). The stored rows are the record of work owed, so the
sweeper needs nothing from the broker but the ability to queue again.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from feedback.alerts import ALERT_LEASE, ALERT_MAX_ATTEMPTS, retry_delay
from feedback.choices import Status
from feedback.contact_requests import expired_details
from feedback.models import Feedback
from feedback.queue import enqueue_alert, enqueue_processing

# The sweeper leaves a response alone this long after it arrived (or was last re-queued, doubled
# per attempt), so a queue that is merely busy is not flooded with duplicates.
SWEEP_GRACE = timedelta(seconds=settings.FEEDBACK_SWEEP_GRACE_SECONDS)
MAX_ATTEMPTS = 5
# Rows re-queued per sweep: a minute's sweep must finish well within the minute, and a backlog
# larger than this is drained by the next sweeps.
SWEEP_BATCH_SIZE = 500
# Rows deleted per statement by retention: keeps each write transaction (and SQLite's lock) short.
RETENTION_BATCH_SIZE = 500


def _due(attempts: int, now: datetime) -> Q:
    """Rows last queued (or, never re-queued, received) longer ago than this attempt's wait."""
    before = now - SWEEP_GRACE * (2**attempts)
    return Q(queued_at__lt=before) | Q(queued_at__isnull=True, received_at__lt=before)


def sweep_stuck_feedback(*, now: datetime | None = None) -> dict[str, int]:
    """Re-queue responses still `received` past their grace; give up after MAX_ATTEMPTS.

    Each re-queue counts an attempt and doubles the wait before the next, so a long backlog is
    not mistaken for failure. Also re-queues alerts for flagged responses that were never sent.
    Returns counts: requeued, failed, alerts.
    """
    now = now or timezone.now()
    gave_up = Feedback.objects.filter(
        _due(MAX_ATTEMPTS, now), status=Status.RECEIVED, attempts__gte=MAX_ATTEMPTS
    ).update(status=Status.FAILED, last_error="Gave up after repeated attempts")
    due = Q()
    for attempts in range(MAX_ATTEMPTS):
        due |= Q(attempts=attempts) & _due(attempts, now)
    stuck = list(
        Feedback.objects.filter(due, status=Status.RECEIVED)
        .order_by("received_at")
        .values_list("pk", "attempts")[:SWEEP_BATCH_SIZE]
    )
    requeued = 0
    for pk, attempts in stuck:
        if not enqueue_processing(pk):
            break  # the broker is down: leave the rest for the next sweep
        Feedback.objects.filter(pk=pk, status=Status.RECEIVED, attempts=attempts).update(
            attempts=attempts + 1, queued_at=now
        )
        requeued += 1
    alerts = 0
    unclaimed = Q(alert_claimed_at__isnull=True) | Q(alert_claimed_at__lt=now - ALERT_LEASE)
    # A failed attempt is retried by its own task after retry_delay; the sweeper steps in only
    # once that retry is overdue too (the worker died), so attempts are not counted twice.
    due = Q(alert_attempts=0)
    for attempts in range(1, ALERT_MAX_ATTEMPTS):
        wait = timedelta(seconds=retry_delay(attempts)) + SWEEP_GRACE
        due |= Q(alert_attempts=attempts, alert_attempted_at__lt=now - wait)
    unsent = Feedback.objects.filter(
        unclaimed,
        due,
        status=Status.PROCESSED,
        alert_sent_at__isnull=True,
        alert_failed_at__isnull=True,
        processed_at__lt=now - SWEEP_GRACE,
    ).exclude(safeguarding_status="")
    for pk in unsent.values_list("pk", flat=True)[:SWEEP_BATCH_SIZE]:
        if not enqueue_alert(pk):
            break
        alerts += 1
    return {"requeued": requeued, "failed": gave_up, "alerts": alerts}


def enforce_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Delete contact details CONTACT_RETENTION_DAYS after their request's outcome (never
    before there is one) and feedback older than FEEDBACK_RETENTION_DAYS, in small batches;
    rollups are kept, and so is each request's outcome. Returns counts deleted."""
    now = now or timezone.now()
    feedback_cutoff = now - timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    return {
        "contact_requests": _erase_contact_details(now),
        "feedback": _delete_in_batches(Feedback.objects.filter(received_at__lt=feedback_cutoff)),
    }


def _erase_contact_details(now: datetime) -> int:
    erased = 0
    expired = expired_details(now=now)
    while batch := list(expired.values_list("pk", flat=True)[:RETENTION_BATCH_SIZE]):
        erased += expired.filter(pk__in=batch).update(details=b"", details_deleted_at=now)
    return erased


def _delete_in_batches(queryset: QuerySet) -> int:
    deleted = 0
    while True:
        batch = list(queryset.values_list("pk", flat=True)[:RETENTION_BATCH_SIZE])
        if not batch:
            return deleted
        with transaction.atomic():
            queryset.model.objects.filter(pk__in=batch).delete()
        deleted += len(batch)
