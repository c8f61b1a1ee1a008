"""The worker step: analyse a stored response, count it in the rollups once, then queue its alert.

Safe to run any number of times, concurrently: one conditional UPDATE claims the response and
writes its analysis in the same transaction as the rollups, so only one run ever counts it.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from feedback.choices import SafeguardingStatus, Status
from feedback.models import Feedback, FeedbackTheme
from feedback.queue import enqueue_alert
from feedback.rollups import apply_to_rollups
from feedback.safeguarding import risk_in
from feedback.sentiment import analyse_sentiment
from feedback.themes import find_themes
from website.services import is_lock_error

# All the worker reads of a response: its analysis and its rollup keys need no other column.
PROCESSING_FIELDS = ("service", "given_on", "channel", "lifecycle_stage", "fft_answer", "text",
                     "answers", "status")  # fmt: skip


@dataclass(frozen=True)
class Analysis:
    """What the worker learns from a response's anonymised text."""

    themes: dict[int, str]  # theme id -> positive, negative or neutral
    sentiment: str
    sentiment_score: float | None
    safeguarding_reasons: list[str]

    @property
    def theme_ids(self) -> list[int]:
        return list(self.themes)


def analyse(text: str, answers: list[dict] | None = None, *, fft_answer: str = "") -> Analysis:
    """Themes and sentiment of the anonymised text (read with the FFT answer it explains);
    safeguarding reasons from it and from the free-text answers to extra questions (a
    disclosure can come in either)."""
    sentiment, compound = analyse_sentiment(text, fft_answer=fft_answer)
    return Analysis(
        themes=find_themes(text),
        sentiment=sentiment,
        sentiment_score=compound,
        safeguarding_reasons=risk_in(text=text, answers=answers or []),
    )


def process_feedback(*, feedback_id: int) -> bool:
    """Analyse one response, count it in the rollups and mark it processed, exactly once.

    Returns True if this call did the work, False if the response was already processed (or is
    gone). Failed responses are still processed if a delivery arrives for them.
    """
    feedback = Feedback.objects.filter(pk=feedback_id).only(*PROCESSING_FIELDS).first()
    if feedback is None or feedback.status == Status.PROCESSED:
        return False
    analysis = analyse(feedback.text, feedback.answers, fft_answer=feedback.fft_answer)
    flag = SafeguardingStatus.NEW if analysis.safeguarding_reasons else ""
    with transaction.atomic():
        claimed = (
            Feedback.objects.filter(pk=feedback_id)
            .exclude(status=Status.PROCESSED)
            .update(
                status=Status.PROCESSED,
                processed_at=timezone.now(),
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
        FeedbackTheme.objects.bulk_create(
            FeedbackTheme(feedback_id=feedback_id, theme_id=theme_id, polarity=polarity)
            for theme_id, polarity in analysis.themes.items()
        )
        apply_to_rollups(feedback, theme_ids=analysis.theme_ids, polarities=analysis.themes)
        if flag:
            # The alert goes only once this analysis is committed: a rollback sends nothing.
            transaction.on_commit(lambda: enqueue_alert(feedback_id))
    return True


def record_failure(*, feedback_id: int, error: BaseException) -> None:
    """Note why the last attempt failed: the exception's type and, for a lock, "locked";
    never the message, which may quote personal data."""
    kind = " (database locked)" if is_lock_error(error) else ""
    Feedback.objects.filter(pk=feedback_id, status=Status.RECEIVED).update(
        last_error=f"{type(error).__name__}{kind}"[:200]
    )
