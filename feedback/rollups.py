"""Rollups: counts per service, day (and month), channel and stage, kept as feedback arrives.

Counts include every processed response, hidden or not: hiding is a display choice for the
staff lists and does not change what was said. Rows that never processed (received, failed) are
not counted until they are. Retention deletes old rows but keeps their rollups, so a rebuild
recomputes only the days retention cannot have touched (see `rebuild_horizon`).

Monthly rollups are the daily ones summed per calendar month, so a long range reads a row per
month; they are written in the same statements' transaction as the daily ones. Monthly theme
totals sum the monthly theme rollups over every channel and stage, for unfiltered ranges.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Model, Q
from django.utils import timezone

from feedback.choices import FftAnswer, Sentiment, Status
from feedback.models import (
    DailyRollup,
    Feedback,
    MonthlyRollup,
    MonthlyThemeRollup,
    MonthlyThemeTotal,
    ThemeDailyRollup,
)

ANSWER_COLUMNS = {
    FftAnswer.VERY_GOOD: "very_good",
    FftAnswer.GOOD: "good",
    FftAnswer.NEITHER: "neither",
    FftAnswer.POOR: "poor",
    FftAnswer.VERY_POOR: "very_poor",
    FftAnswer.DONT_KNOW: "dont_know",
}
SENTIMENT_COLUMNS = {
    Sentiment.POSITIVE: "sentiment_positive",
    Sentiment.NEUTRAL: "sentiment_neutral",
    Sentiment.NEGATIVE: "sentiment_negative",
}
COUNT_COLUMNS = ["responses", *ANSWER_COLUMNS.values(), *SENTIMENT_COLUMNS.values(), "flagged"]
# Rows written per INSERT in a rebuild: big enough to be quick, small enough for SQLite's limit
# on bound parameters (32,766) with the widest rollup row (15 columns).
REBUILD_BATCH_SIZE = 1000


def _upsert(table: str, keys: list[str], columns: list[str], rows: list[list]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE adding to the counts: one statement, any concurrency.

    The same SQL runs on SQLite (3.24+) and PostgreSQL; the ORM's bulk_create cannot add.
    """
    qn = connection.ops.quote_name
    names = keys + columns
    one_row = "(" + ", ".join(["%s"] * len(names)) + ")"
    # Only our own models' table and column names are interpolated; every value is bound.
    insert = f"INSERT INTO {qn(table)} ({', '.join(qn(n) for n in names)}) "
    values = f"VALUES {', '.join([one_row] * len(rows))} "
    conflict = f"ON CONFLICT ({', '.join(qn(k) for k in keys)}) DO UPDATE SET "
    add = ", ".join(f"{qn(c)} = {qn(table)}.{qn(c)} + excluded.{qn(c)}" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(insert + values + conflict + add, [v for row in rows for v in row])


@dataclass(frozen=True)
class Grain:
    """A period rollups are kept per: its two tables, its date column, the period a day is in."""

    counts: type[Model]
    themes: type[Model]
    column: str
    period: Callable[[date], date]

    @property
    def keys(self) -> list[str]:
        return ["service_id", self.column, "channel", "lifecycle_stage"]

    def key(self, feedback: Feedback) -> list:
        return [feedback.service_id, self.period(feedback.given_on), feedback.channel,
                feedback.lifecycle_stage]  # fmt: skip


DAILY = Grain(DailyRollup, ThemeDailyRollup, "date", lambda day: day)
MONTHLY = Grain(MonthlyRollup, MonthlyThemeRollup, "month", lambda day: day.replace(day=1))
GRAINS = (DAILY, MONTHLY)


def apply_to_rollups(feedback: Feedback, *, theme_ids: Iterable[int] = ()) -> None:
    """Add one processed response to its day's rollups.

    Call inside the transaction that marks the response processed, so it counts exactly once.
    """
    counts = dict.fromkeys(COUNT_COLUMNS, 0)
    counts["responses"] = 1
    counts[ANSWER_COLUMNS[feedback.fft_answer]] = 1
    if feedback.sentiment:
        counts[SENTIMENT_COLUMNS[feedback.sentiment]] = 1
    if feedback.safeguarding_status:
        counts["flagged"] = 1
    for grain in GRAINS:
        row = grain.key(feedback) + list(counts.values())
        _upsert(grain.counts._meta.db_table, grain.keys, COUNT_COLUMNS, [row])
    apply_themes_to_rollups(feedback, theme_ids=theme_ids)


def apply_themes_to_rollups(feedback: Feedback, *, theme_ids: Iterable[int], sign: int = 1) -> None:
    """Add one response's themes to its day's and month's theme rollups, or take them away.

    Every change to theme counts goes through here (sign=-1 takes away), at every grain and to
    the monthly theme totals.
    """
    theme_ids = list(theme_ids)
    if not theme_ids:
        return
    month = MONTHLY.period(feedback.given_on)
    total_keys = {"service_id": feedback.service_id, "month": month}
    tables = [(grain.themes, dict(zip(grain.keys, grain.key(feedback), strict=True)))
              for grain in GRAINS] + [(MonthlyThemeTotal, total_keys)]  # fmt: skip
    for model, keys in tables:
        if sign > 0:
            rows = [[*keys.values(), theme_id, 1] for theme_id in theme_ids]
            _upsert(model._meta.db_table, [*keys, "theme_id"], ["count"], rows)
            continue
        counted = model.objects.filter(theme_id__in=theme_ids, **keys)
        counted.update(count=F("count") - 1)
        # A rebuild writes no zero rows, so the incremental path keeps none either.
        counted.filter(count=0).delete()


def rebuild_horizon() -> date:
    """The first day a rebuild recomputes: later than any day retention may have deleted from."""
    return timezone.localdate() - timedelta(days=settings.FEEDBACK_RETENTION_DAYS - 1)


def rebuild_rollups(*, service_ids: Iterable[int] | None = None, since: date | None = None) -> int:
    """Recompute the rollups from the feedback rows; returns how many rollup rows were written.

    Only days from `since` (default: `rebuild_horizon()`) are rebuilt: older days keep the
    counts of rows retention has since deleted.
    """
    since = since or rebuild_horizon()
    scope = Q(date__gte=since)
    rows = Feedback.objects.filter(status=Status.PROCESSED, given_on__gte=since)
    if service_ids is not None:
        service_ids = list(service_ids)
        scope &= Q(service_id__in=service_ids)
        rows = rows.filter(service_id__in=service_ids)

    aggregates = {"responses": Count("pk")}
    aggregates |= {col: Count("pk", filter=Q(fft_answer=a)) for a, col in ANSWER_COLUMNS.items()}
    aggregates |= {col: Count("pk", filter=Q(sentiment=s)) for s, col in SENTIMENT_COLUMNS.items()}
    aggregates["flagged"] = Count("pk", filter=~Q(safeguarding_status=""))
    daily = rows.values("service_id", "given_on", "channel", "lifecycle_stage").annotate(
        **aggregates
    )
    themed = (
        Feedback.themes.through.objects.filter(feedback__in=rows)
        .values(
            "theme_id",
            "feedback__service_id",
            "feedback__given_on",
            "feedback__channel",
            "feedback__lifecycle_stage",
        )
        .annotate(count=Count("pk"))
    )
    with transaction.atomic():
        DailyRollup.objects.filter(scope).delete()
        ThemeDailyRollup.objects.filter(scope).delete()
        daily_rows = [
            DailyRollup(
                service_id=r["service_id"],
                date=r["given_on"],
                channel=r["channel"],
                lifecycle_stage=r["lifecycle_stage"],
                **{col: r[col] for col in COUNT_COLUMNS},
            )
            for r in daily.order_by()
        ]
        theme_rows = [
            ThemeDailyRollup(
                service_id=r["feedback__service_id"],
                date=r["feedback__given_on"],
                channel=r["feedback__channel"],
                lifecycle_stage=r["feedback__lifecycle_stage"],
                theme_id=r["theme_id"],
                count=r["count"],
            )
            for r in themed.order_by()
        ]
        DailyRollup.objects.bulk_create(daily_rows, batch_size=REBUILD_BATCH_SIZE)
        ThemeDailyRollup.objects.bulk_create(theme_rows, batch_size=REBUILD_BATCH_SIZE)
        monthly = rebuild_monthly_rollups(service_ids=service_ids, since=since)
    return len(daily_rows) + len(theme_rows) + monthly


# The first day of a date column's month, in each database's own SQL.
MONTH_SQL = {
    "sqlite": "date({}, 'start of month')",
    "postgresql": "CAST(DATE_TRUNC('month', CAST({} AS timestamp)) AS date)",
}


def rebuild_monthly_rollups(
    *, service_ids: Iterable[int] | None = None, since: date | None = None
) -> int:
    """Recompute the monthly rollups and theme totals from the daily ones; returns rows written.

    Set-based. Rebuilds whole months, from the one `since` falls in (default: every month).
    """
    qn = connection.ops.quote_name
    scope, where, params = Q(), ["1 = 1"], []
    if since is not None:
        since = since.replace(day=1)
        scope &= Q(month__gte=since)
        where.append(f"{qn('date')} >= %s")
        params.append(connection.ops.adapt_datefield_value(since))
    if service_ids is not None:
        service_ids = list(service_ids) or [None]  # IN (NULL) matches nothing
        scope &= Q(service_id__in=service_ids)
        where.append(f"{qn('service_id')} IN ({', '.join(['%s'] * len(service_ids))})")
        params.extend(service_ids)
    month = MONTH_SQL[connection.vendor].format(qn("date"))
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cell = ["channel", "lifecycle_stage"]
        for daily, monthly, keys, counts in (
            (DailyRollup, MonthlyRollup, cell, COUNT_COLUMNS),
            (ThemeDailyRollup, MonthlyThemeRollup, [*cell, "theme_id"], ["count"]),
            (ThemeDailyRollup, MonthlyThemeTotal, ["theme_id"], ["count"]),
        ):
            monthly.objects.filter(scope).delete()
            group = ", ".join([qn("service_id"), month, *map(qn, keys)])
            names = ", ".join(map(qn, ["service_id", "month", *keys, *counts]))
            sums = ", ".join(f"SUM({qn(c)})" for c in counts)
            # Only our own models' table and column names are interpolated; every value is bound.
            cursor.execute(
                f"INSERT INTO {qn(monthly._meta.db_table)} ({names}) SELECT {group}, {sums} "  # noqa: S608
                f"FROM {qn(daily._meta.db_table)} WHERE {' AND '.join(where)} GROUP BY {group}",
                params,
            )
            written += cursor.rowcount
    return written
