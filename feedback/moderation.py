"""Staff moderation of stored responses: retag, hide, requeue a failed one (cases: casework)."""

from django.db import transaction
from django.utils import timezone

from feedback.choices import Status
from feedback.models import Feedback
from feedback.queue import enqueue_processing
from feedback.rollups import apply_themes_to_rollups


def retag_feedback(*, feedback: Feedback, theme_ids: list[int]) -> None:
    """Replace a processed response's themes and move its theme counts in the rollups to match."""
    with transaction.atomic():
        current = set(feedback.themes.values_list("pk", flat=True))
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


def requeue_failed(*, feedback: Feedback) -> bool:
    """Give a failed response a fresh set of attempts and queue it once that is committed."""
    done = Feedback.objects.filter(pk=feedback.pk, status=Status.FAILED).update(
        status=Status.RECEIVED, attempts=0, last_error="", queued_at=timezone.now()
    )
    if done:
        pk = feedback.pk
        transaction.on_commit(lambda: enqueue_processing(pk))
    return bool(done)
