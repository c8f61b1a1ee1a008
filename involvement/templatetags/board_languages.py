"""A board's language breakdown, from feedback's read API (involvement never reads its tables)."""

from django import template

from feedback.choices import Language
from feedback.languages import language_counts

register = template.Library()


@register.inclusion_tag("involvement/includes/languages.html")
def language_breakdown(board) -> dict:
    """English and Welsh responses for the board's service and filters, with shares."""
    f = board.filters
    counts = language_counts(service_ids=[board.service.pk], start=f.start, end=f.end,
                             channel=f.channel, stage=f.stage)  # fmt: skip
    total = sum(counts.values())
    rows = [
        {"code": code, "name": Language(code).label, "count": count,
         "share": round(100 * count / total) if total else 0}
        for code, count in counts.items()
    ]  # fmt: skip
    return {"languages": rows}
