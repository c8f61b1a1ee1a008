"""How often staff agree with the automatic themes: read from their reviews (retags).

A review records, for one response, each automatic theme staff kept or removed and each theme
they added (feedback/moderation.py). Reviews are few next to responses, so these reads count
review rows, bounded by the responses staff chose to review.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from feedback.choices import ThemeReviewOutcome
from feedback.models import ThemeReview


@dataclass
class ThemeAgreement:
    """One theme's reviews: automatic tags kept or removed, and tags staff added."""

    kept: int = 0
    removed: int = 0
    added: int = 0

    @property
    def reviewed(self) -> int:
        """Automatic tags of this theme that staff looked at."""
        return self.kept + self.removed

    @property
    def percent_kept(self) -> float | None:
        return round(100 * self.kept / self.reviewed, 1) if self.reviewed else None


@dataclass
class Agreement:
    """Of the responses staff reviewed: how many kept every automatic theme, and per theme."""

    responses: int = 0
    unchanged: int = 0
    themes: dict[int, ThemeAgreement] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.responses - self.unchanged

    @property
    def percent_unchanged(self) -> float | None:
        return round(100 * self.unchanged / self.responses, 1) if self.responses else None


def theme_agreement(
    *, service_ids: Iterable[int], start: date, end: date, channel: str = "", stage: str = ""
) -> Agreement:
    """Staff reviews of responses given from start to end (inclusive) at the services."""
    reviews = ThemeReview.objects.filter(
        feedback__service_id__in=list(service_ids), feedback__given_on__range=(start, end)
    )
    if channel:
        reviews = reviews.filter(feedback__channel=channel)
    if stage:
        reviews = reviews.filter(feedback__lifecycle_stage=stage)
    agreement = Agreement(themes=defaultdict(ThemeAgreement))
    for row in reviews.values("theme_id", "outcome").annotate(n=Count("pk")).order_by():
        setattr(agreement.themes[row["theme_id"]], row["outcome"], row["n"])
    kept_only = ~Q(outcome=ThemeReviewOutcome.KEPT)
    per_response = reviews.values("feedback_id").annotate(changes=Count("pk", filter=kept_only))
    for row in per_response.order_by():
        agreement.responses += 1
        agreement.unchanged += not row["changes"]
    agreement.themes = dict(agreement.themes)
    return agreement
