"""What a "You said, we did" update may link to: its service's themes and shareable comments.

A theme is organisation-wide, so "a theme of another service" means one this service has had no
feedback about: an update may only answer themes its own service's feedback raised (counted
from the rollups, so retention deleting old rows does not change the answer).
"""

from datetime import date

from feedback.models import Feedback, Theme
from feedback.rollups import rollup_counts

# The rollups' earliest possible day: "all the feedback this service has ever had".
BEGINNING = date(2000, 1, 1)
# Comments an update may quote: enough to illustrate, few enough to read.
MAX_QUOTES = 5


def theme_counts(*, service_id: int, start: date, end: date) -> dict[int, int]:
    """Responses per theme for one service from start to end (true counts: staff side only)."""
    counts = rollup_counts(
        service_ids=[service_id], start=start, end=end, by=("theme",), columns=["responses"]
    )
    return {key[0]: row["responses"] for key, row in counts.items()}


def themes_of_other_services(*, service_id: int, themes, today: date) -> list[Theme]:
    """Of `themes`, those the service has had no feedback about (refused on an update)."""
    raised = theme_counts(service_id=service_id, start=BEGINNING, end=today)
    return [theme for theme in themes if not raised.get(theme.pk)]


def receipt_list(text: str) -> list[str]:
    """Receipt references typed one per line (or separated by commas), upper case, no repeats."""
    seen: dict[str, None] = {}
    for part in text.replace(",", "\n").splitlines():
        if part.strip():
            seen[part.strip().upper()] = None
    return list(seen)


def quotable_comments(*, service_id: int, receipts: list[str]) -> dict[str, str]:
    """Receipt -> anonymised text, for the receipts that are this service's shareable comments
    (processed, not hidden, not flagged for safeguarding, with text)."""
    rows = (
        Feedback.objects.shareable()
        .filter(service_id=service_id, receipt__in=receipts)
        .exclude(text="")
        .values_list("receipt", "text")
    )
    return dict(rows)
