"""A board's language breakdown, from feedback's read API (involvement never reads its tables)."""

from django import template

from feedback.choices import Language
from feedback.languages import language_counts
from website.figures import percent_text

register = template.Library()


@register.inclusion_tag("involvement/includes/languages.html")
def language_breakdown(board) -> dict:
    """English and Welsh responses for the board's service and filters, with shares as text."""
    f = board.filters
    counts = language_counts(service_ids=[board.service.pk], start=f.start, end=f.end,
                             channel=f.channel, stage=f.stage)  # fmt: skip
    total = sum(counts.values())
    rows = [
        {"code": code, "name": Language(code).label, "count": count,
         "share": percent_text(count, total)}
        for code, count in counts.items()
    ]  # fmt: skip
    return {"languages": rows}
