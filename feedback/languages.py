"""Which language feedback was given in: the read API boards use for their language breakdown.

Counted from the feedback rows of the range (one aggregate query on the service and date
index), not from the rollups: the rollup cells have no language column. With two languages
the counts are two sums over rows the board's date range already bounds.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q

from feedback.choices import Language
from feedback.models import Feedback


def language_counts(
    *, service_ids: Iterable[int], start: date, end: date, channel: str = "", stage: str = ""
) -> dict[str, int]:
    """Responses per language (every language present, zero when none) in the date range."""
    rows = Feedback.objects.filter(service_id__in=list(service_ids), given_on__range=(start, end))
    if channel:
        rows = rows.filter(channel=channel)
    if stage:
        rows = rows.filter(lifecycle_stage=stage)
    sums = rows.aggregate(
        **{code: Count("pk", filter=Q(language=code)) for code in Language.values}
    )  # fmt: skip
    return {code: sums[code] or 0 for code in Language.values}
