"""Published figures: per-service and organisation monthly FFT figures, suppressed (section 6).

Read through feedback.rollups.rollup_counts. Every figure that leaves here has been through
`involvement.suppression`; nothing unsuppressed is returned to a public view.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from feedback.choices import POSITIVE_ANSWERS
from feedback.models import Theme
from feedback.rollups import rollup_counts
from involvement.suppression import PublishedTable, publish_table
from website.locales import in_default_language
from website.models import ServicePage
from website.suppression import show_count

MONTHS = 12
TOP_THEMES = 5
LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def month_starts(*, today: date | None = None, months: int = MONTHS) -> list[date]:
    """The first days of the last `months` calendar months, this one included, oldest first."""
    today = today or timezone.localdate()
    y, m = today.year, today.month
    out = []
    for _ in range(months):
        out.append(date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def _last_day(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _monthly(*, service_ids: list[int], months: list[date]) -> dict:
    """(service id, month) -> (responses, positive responses) over the given months."""
    positive = [answer.column for answer in POSITIVE_ANSWERS]
    found = rollup_counts(service_ids=service_ids, start=months[0], end=_last_day(months[-1]),
                          by=["service", "month"], columns=["responses", *positive])  # fmt: skip
    return {key: (row["responses"], sum(row[c] for c in positive)) for key, row in found.items()}


@dataclass
class PublishedFigures:
    """What a public performance page and the open data show for a service or the organisation."""

    title: str
    slug: str
    table: PublishedTable
    themes: list[tuple[str, str]]


def _table(months: list[date], counts: dict[date, tuple[int, int]]) -> PublishedTable:
    return publish_table([(m, *counts.get(m, (0, 0))) for m in months])


def _themes(*, service_ids: list[int], months: list[date]) -> list[tuple[str, str]]:
    found = rollup_counts(service_ids=service_ids, start=months[0], end=_last_day(months[-1]),
                          by=["theme"], columns=["responses"])  # fmt: skip
    totals = sorted((-row["responses"], theme_id) for (theme_id,), row in found.items())
    top = [(theme_id, -negated) for negated, theme_id in totals[:TOP_THEMES]]
    names = Theme.objects.in_bulk([theme_id for theme_id, _total in top])
    return [(names[theme_id].name, show_count(total)) for theme_id, total in top]


def public_services():
    """Services whose figures are published: live service pages (not their translations)."""
    return in_default_language(ServicePage.objects.live()).order_by("title")


def service_figures(*, service: ServicePage, today: date | None = None) -> PublishedFigures:
    """One service's published monthly figures and top themes."""
    months = month_starts(today=today)
    counts = _monthly(service_ids=[service.pk], months=months)
    table = _table(months, {m: v for (_s, m), v in counts.items()})
    themes = _themes(service_ids=[service.pk], months=months)
    return PublishedFigures(title=service.title, slug=service.slug, table=table, themes=themes)


def organisation_figures(*, title: str, today: date | None = None) -> PublishedFigures:
    """The organisation's published monthly figures and top themes, over live services."""
    months = month_starts(today=today)
    ids = list(public_services().values_list("pk", flat=True))
    by_month: dict[date, tuple[int, int]] = {}
    for (_s, month), (t, p) in _monthly(service_ids=ids, months=months).items():
        old = by_month.get(month, (0, 0))
        by_month[month] = (old[0] + t, old[1] + p)
    table = _table(months, by_month)
    return PublishedFigures(title=title, slug="", table=table,
                            themes=_themes(service_ids=ids, months=months))  # fmt: skip


def all_service_figures(*, today: date | None = None) -> list[PublishedFigures]:
    """Published monthly figures for every live service, each suppressed on its own."""
    months = month_starts(today=today)
    services = list(public_services())
    counts = _monthly(service_ids=[s.pk for s in services], months=months)
    out = []
    for service in services:
        mine = {m: v for (s, m), v in counts.items() if s == service.pk}
        out.append(PublishedFigures(title=service.title, slug=service.slug,
                                    table=_table(months, mine), themes=[]))  # fmt: skip
    return out


OPEN_DATA_FIELDS = ["service", "service_name", "month", "responses", "percent_positive"]


def open_data_rows(figures: list[PublishedFigures]) -> list[dict]:
    """Flat rows for CSV and JSON: one per service and month, plus each service's total."""
    rows = []
    for fig in figures:
        for month, shown in zip(fig.table.labels, fig.table.rows, strict=True):
            rows.append({"service": fig.slug, "service_name": fig.title,
                         "month": month.strftime("%Y-%m"), "responses": shown.count,
                         "percent_positive": shown.percent})  # fmt: skip
        rows.append({"service": fig.slug, "service_name": fig.title, "month": "total",
                     "responses": fig.table.total.count,
                     "percent_positive": fig.table.total.percent})  # fmt: skip
    return rows
