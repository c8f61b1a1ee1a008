"""Staff moderation of stored responses: retag, hide, requeue a failed one (cases: casework)."""

from django.db import transaction
from django.utils import timezone

from feedback.choices import Status, ThemeReviewOutcome
from feedback.models import Feedback, FeedbackTheme, ThemeReview
from feedback.queue import enqueue_processing
from feedback.rollups import apply_themes_to_rollups


def retag_feedback(*, feedback: Feedback, theme_ids: list[int], user=None) -> None:
    """Replace a processed response's themes, move its theme counts in the rollups to match, and
    record the review: which automatic themes staff kept or removed, and which they added."""
    with transaction.atomic():
        links = dict(
            FeedbackTheme.objects.filter(feedback=feedback).values_list("theme_id", "polarity")
        )
        current, wanted = set(links), set(theme_ids)
        removed, added = sorted(current - wanted), sorted(wanted - current)
        feedback.themes.remove(*removed)
        feedback.themes.add(*added)
        # Read afresh: only a response already counted has theme counts to move.
        if Feedback.objects.filter(pk=feedback.pk, status=Status.PROCESSED).exists():
            apply_themes_to_rollups(feedback, theme_ids=removed, sign=-1, polarities=links)
            apply_themes_to_rollups(feedback, theme_ids=added)
        record_review(feedback=feedback, links=links, wanted=wanted, user=user)


def record_review(*, feedback: Feedback, links: dict[int, str], wanted: set[int], user) -> None:
    """Staff's verdict on the automatic themes, against what the matcher chose (links with a
    polarity, or an earlier review's kept or removed), replacing any earlier review."""
    earlier = ThemeReview.objects.filter(feedback=feedback)
    automatic = {theme_id for theme_id, polarity in links.items() if polarity}
    automatic |= set(earlier.exclude(outcome=ThemeReviewOutcome.ADDED)
                     .values_list("theme_id", flat=True))  # fmt: skip
    outcomes = {t: ThemeReviewOutcome.KEPT if t in wanted else ThemeReviewOutcome.REMOVED
                for t in automatic}  # fmt: skip
    outcomes |= dict.fromkeys(wanted - automatic, ThemeReviewOutcome.ADDED)
    earlier.delete()
    ThemeReview.objects.bulk_create(
        ThemeReview(feedback=feedback, theme_id=theme_id, outcome=outcome, reviewed_by=user)
        for theme_id, outcome in outcomes.items()
    )


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
