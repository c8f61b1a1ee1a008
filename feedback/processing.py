"""Processing a stored response: themes, sentiment, safeguarding flag, rollups; then the alert.

Safe to run any number of times, concurrently: one conditional UPDATE claims the response and
writes its analysis in the same transaction as the rollups, so only one run ever counts it.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from feedback.alerts import ALERT_LEASE
from feedback.choices import SafeguardingStatus, Status
from feedback.models import ContactRequest, Feedback
from feedback.rollups import apply_themes_to_rollups, apply_to_rollups
from feedback.safeguarding import risk_in
from feedback.sentiment import analyse_sentiment
from feedback.themes import match_themes

logger = logging.getLogger(__name__)

# The sweeper leaves a response alone this long after it arrived (or was last re-queued, doubled
# per attempt), so a queue that is merely busy is not flooded with duplicates.
SWEEP_GRACE = timedelta(minutes=2)
MAX_ATTEMPTS = 5
# Rows re-queued per sweep: a minute's sweep must finish well within the minute, and a backlog
# larger than this is drained by the next sweeps.
SWEEP_BATCH_SIZE = 500
# Rows deleted per statement by retention: keeps each write transaction (and SQLite's lock) short.
RETENTION_BATCH_SIZE = 500


# All the worker reads of a response: its analysis needs no other column.
PROCESSING_FIELDS = ("service", "given_on", "channel", "lifecycle_stage", "fft_answer", "text",
                     "answers", "status")  # fmt: skip


@dataclass(frozen=True)
class Analysis:
    """What the worker learns from a response's anonymised text."""

    theme_ids: list[int]
    sentiment: str
    sentiment_score: float | None
    safeguarding_reasons: list[str]


def analyse(text: str, answers: list[dict] | None = None) -> Analysis:
    """Themes and sentiment of the anonymised text; safeguarding reasons from it and from the
    free-text answers to extra questions (a disclosure can come in either)."""
    sentiment, compound = analyse_sentiment(text)
    return Analysis(
        theme_ids=match_themes(text),
        sentiment=sentiment,
        sentiment_score=compound,
        safeguarding_reasons=risk_in(text=text, answers=answers or []),
    )


@lru_cache(maxsize=1)
def _load_sql() -> str:
    # Raw SQL for the one read on the worker's hot path: the ORM's query building costs more than
    # the query itself, and the benchmark (bench/pipeline.py) counts every tenth of a millisecond.
    qn = connection.ops.quote_name
    columns = ", ".join(qn(Feedback._meta.get_field(f).column) for f in PROCESSING_FIELDS)
    return f"SELECT id, {columns} FROM {qn(Feedback._meta.db_table)} WHERE id = %s"  # noqa: S608


def _insert_themes(feedback_id: int, theme_ids: list[int]) -> None:
    # One multi-row INSERT on the hot path (bulk_create builds model instances first).
    if not theme_ids:
        return
    qn = connection.ops.quote_name
    table = qn(Feedback.themes.through._meta.db_table)
    values = ", ".join(["(%s, %s)"] * len(theme_ids))
    sql = f"INSERT INTO {table} (feedback_id, theme_id) VALUES {values}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [v for theme_id in theme_ids for v in (feedback_id, theme_id)])


def process_feedback(*, feedback_id: int) -> bool:
    """Analyse one response, count it in the rollups and mark it processed, exactly once.

    Returns True if this call did the work, False if the response was already processed (or is
    gone). Failed responses are still processed if a delivery arrives for them.
    """
    feedback = next(iter(Feedback.objects.raw(_load_sql(), [feedback_id])), None)
    if feedback is None or feedback.status == Status.PROCESSED:
        return False
    analysis = analyse(feedback.text, feedback.answers)
    now = timezone.now()
    flag = SafeguardingStatus.AWAITING if analysis.safeguarding_reasons else ""
    with transaction.atomic():
        claimed = (
            Feedback.objects.filter(pk=feedback_id)
            .exclude(status=Status.PROCESSED)
            .update(
                status=Status.PROCESSED,
                processed_at=now,
                sentiment=analysis.sentiment,
                sentiment_score=analysis.sentiment_score,
                safeguarding_status=flag,
                safeguarding_reasons=analysis.safeguarding_reasons,
                last_error="",
            )
        )
        if not claimed:
            return False
        feedback.sentiment = analysis.sentiment
        feedback.safeguarding_status = flag
        _insert_themes(feedback_id, analysis.theme_ids)
        apply_to_rollups(feedback, theme_ids=analysis.theme_ids)
        if flag:
            # The alert goes only once this analysis is committed: a rollback sends nothing.
            transaction.on_commit(lambda: enqueue_alert(feedback_id=feedback_id))
    return True


def enqueue_alert(*, feedback_id: int) -> None:
    """Queue the safeguarding alert; if the broker is down, the sweeper sends it later."""
    from feedback.tasks import send_safeguarding_alert

    try:
        send_safeguarding_alert.delay(feedback_id)
    except Exception:  # noqa: BLE001 - any broker failure: the sweeper finds unsent alerts
        logger.warning("Could not queue the safeguarding alert for feedback %s", feedback_id)


def record_failure(*, feedback_id: int, error: BaseException) -> None:
    """Note why the last attempt failed: the exception's type only, never any text."""
    Feedback.objects.filter(pk=feedback_id, status=Status.RECEIVED).update(
        last_error=type(error).__name__[:200]
    )


def retag_feedback(*, feedback: Feedback, theme_ids: list[int]) -> None:
    """Replace a processed response's themes and move its theme counts in the rollups to match."""
    with transaction.atomic():
        current = set(Feedback.themes.through.objects.filter(feedback=feedback).values_list(
            "theme_id", flat=True))  # fmt: skip
        wanted = set(theme_ids)
        removed, added = sorted(current - wanted), sorted(wanted - current)
        feedback.themes.remove(*removed)
        feedback.themes.add(*added)
        # Read afresh: only a response already counted has theme counts to move.
        if Feedback.objects.filter(pk=feedback.pk, status=Status.PROCESSED).exists():
            apply_themes_to_rollups(feedback, theme_ids=removed, sign=-1)
            apply_themes_to_rollups(feedback, theme_ids=added)


def set_hidden(*, feedback: Feedback, hidden: bool) -> None:
    """Hide a response from staff lists and examples (or show it again); counts are unchanged."""
    Feedback.objects.filter(pk=feedback.pk).update(hidden=hidden)
    feedback.hidden = hidden


def mark_actioned(*, feedback: Feedback) -> bool:
    """Record that a person acted on a flagged response; False if it was not awaiting action."""
    done = Feedback.objects.filter(
        pk=feedback.pk, safeguarding_status=SafeguardingStatus.AWAITING
    ).update(safeguarding_status=SafeguardingStatus.ACTIONED)
    if done:
        feedback.safeguarding_status = SafeguardingStatus.ACTIONED
    return bool(done)


def requeue_failed(*, feedback: Feedback) -> bool:
    """Give a failed response a fresh set of attempts and queue it now."""
    from feedback.tasks import process_feedback as process_task

    done = Feedback.objects.filter(pk=feedback.pk, status=Status.FAILED).update(
        status=Status.RECEIVED, attempts=0, last_error="", queued_at=timezone.now()
    )
    if done:
        transaction.on_commit(lambda: _publish(process_task, feedback.pk))
    return bool(done)


def _publish(task, feedback_id: int) -> bool:
    try:
        task.delay(feedback_id)
        return True
    except Exception:  # noqa: BLE001 - any broker failure: the sweeper tries again
        logger.warning("Could not queue feedback %s", feedback_id)
        return False


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
    from feedback.tasks import process_feedback as process_task

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
        if not _publish(process_task, pk):
            break  # the broker is down: leave the rest for the next sweep
        Feedback.objects.filter(pk=pk, status=Status.RECEIVED, attempts=attempts).update(
            attempts=attempts + 1, queued_at=now
        )
        requeued += 1
    alerts = 0
    unclaimed = Q(alert_claimed_at__isnull=True) | Q(alert_claimed_at__lt=now - ALERT_LEASE)
    unsent = Feedback.objects.filter(
        unclaimed,
        status=Status.PROCESSED,
        alert_sent_at__isnull=True,
        processed_at__lt=now - SWEEP_GRACE,
    ).exclude(safeguarding_status="")
    for pk in unsent.values_list("pk", flat=True)[:SWEEP_BATCH_SIZE]:
        enqueue_alert(feedback_id=pk)
        alerts += 1
    return {"requeued": requeued, "failed": gave_up, "alerts": alerts}


def enforce_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Delete feedback older than FEEDBACK_RETENTION_DAYS and contact requests older than
    CONTACT_RETENTION_DAYS, in small batches; rollups are kept. Returns counts deleted."""
    from django.conf import settings

    now = now or timezone.now()
    contact_cutoff = now - timedelta(days=settings.CONTACT_RETENTION_DAYS)
    feedback_cutoff = now - timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    return {
        "contact_requests": _delete_in_batches(
            ContactRequest.objects.filter(created_at__lt=contact_cutoff)
        ),
        "feedback": _delete_in_batches(Feedback.objects.filter(received_at__lt=feedback_cutoff)),
    }


def _delete_in_batches(queryset) -> int:
    deleted = 0
    while True:
        batch = list(queryset.values_list("pk", flat=True)[:RETENTION_BATCH_SIZE])
        if not batch:
            return deleted
        with transaction.atomic():
            queryset.model.objects.filter(pk__in=batch).delete()
        deleted += len(batch)
