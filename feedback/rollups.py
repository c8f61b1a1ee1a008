"""Rollups: counts per service, day (and month), channel and stage, kept as feedback arrives.

Counts include every processed response, hidden or not: hiding is a display choice for the
staff lists and does not change what was said. Rows that never processed (received, failed) are
not counted until they are. Retention deletes old rows but keeps their rollups, so a rebuild
recomputes only the days retention cannot have touched (see `rebuild_horizon`).

Monthly rollups are the daily ones summed per calendar month, so a long range reads a row per
month; they are written in the same transaction as the daily ones. Monthly theme totals sum the
monthly theme rollups over every channel and stage, for unfiltered ranges.

`rollup_counts` is the one way to read them: whole months from the monthly rollups, odd days
from the daily ones, summed by period, service, channel, stage or theme.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, F, Model, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncMonth, TruncWeek
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

ANSWER_COLUMNS = [answer.column for answer in FftAnswer]
COUNT_COLUMNS = ["responses", *ANSWER_COLUMNS, *(s.column for s in Sentiment), "flagged"]
# A theme rollup counts the responses that mention the theme, and of those the positive and the
# negative mentions; read by theme, "responses" is `count`.
THEME_COLUMNS = ["count", "positive", "negative"]
THEME_READ_COLUMNS = {"responses": "count", "positive": "positive", "negative": "negative"}
# Rows written per INSERT in a rebuild: big enough to be quick, small enough for SQLite's limit
# on bound parameters (32,766) with the widest rollup row (15 columns).
REBUILD_BATCH_SIZE = 1000


def _upsert(table: str, keys: list[str], columns: list[str], rows: list[list]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE adding to the counts: one statement, any concurrency.

    Written out because the ORM cannot add on conflict: bulk_create(update_conflicts=True) only
    replaces a row's counts with the new ones. The same SQL runs on SQLite 3.24+ and PostgreSQL.
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


def apply_to_rollups(
    feedback: Feedback, *, theme_ids: Iterable[int] = (), polarities: dict[int, str] | None = None
) -> None:
    """Add one processed response to its day's rollups (`polarities`: theme id -> its sign).

    Call inside the transaction that marks the response processed, so it counts exactly once.
    """
    counts = dict.fromkeys(COUNT_COLUMNS, 0)
    counts["responses"] = 1
    counts[FftAnswer(feedback.fft_answer).column] = 1
    if feedback.sentiment:
        counts[Sentiment(feedback.sentiment).column] = 1
    if feedback.safeguarding_status:
        counts["flagged"] = 1
    for grain in GRAINS:
        row = grain.key(feedback) + list(counts.values())
        _upsert(grain.counts._meta.db_table, grain.keys, COUNT_COLUMNS, [row])
    apply_themes_to_rollups(feedback, theme_ids=theme_ids, polarities=polarities)


def _theme_counts(polarity: str) -> list[int]:
    return [1, int(polarity == Sentiment.POSITIVE), int(polarity == Sentiment.NEGATIVE)]


def apply_themes_to_rollups(
    feedback: Feedback, *, theme_ids: Iterable[int], sign: int = 1,
    polarities: dict[int, str] | None = None,
) -> None:  # fmt: skip
    """Add one response's themes to its day's and month's theme rollups, or take them away.

    Every change to theme counts goes through here (sign=-1 takes away), at every grain and to
    the monthly theme totals; `polarities` (theme id -> positive, negative...) says which sign
    count each mention adds to or takes from.
    """
    theme_ids = list(theme_ids)
    polarities = polarities or {}
    if not theme_ids:
        return
    month = MONTHLY.period(feedback.given_on)
    total_keys = {"service_id": feedback.service_id, "month": month}
    tables = [(grain.themes, dict(zip(grain.keys, grain.key(feedback), strict=True)))
              for grain in GRAINS] + [(MonthlyThemeTotal, total_keys)]  # fmt: skip
    for model, keys in tables:
        if sign > 0:
            rows = [[*keys.values(), theme_id, *_theme_counts(polarities.get(theme_id, ""))]
                    for theme_id in theme_ids]  # fmt: skip
            _upsert(model._meta.db_table, [*keys, "theme_id"], THEME_COLUMNS, rows)
            continue
        by_polarity = defaultdict(list)
        for theme_id in theme_ids:
            by_polarity[polarities.get(theme_id, "")].append(theme_id)
        for polarity, ids in by_polarity.items():
            less = zip(THEME_COLUMNS, _theme_counts(polarity), strict=True)
            model.objects.filter(theme_id__in=ids, **keys).update(
                **{column: F(column) - n for column, n in less if n}
            )
        counted = model.objects.filter(theme_id__in=theme_ids, **keys)
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
    aggregates |= {a.column: Count("pk", filter=Q(fft_answer=a)) for a in FftAnswer}
    aggregates |= {s.column: Count("pk", filter=Q(sentiment=s)) for s in Sentiment}
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
        .annotate(
            count=Count("pk"),
            positive=Count("pk", filter=Q(polarity=Sentiment.POSITIVE)),
            negative=Count("pk", filter=Q(polarity=Sentiment.NEGATIVE)),
        )
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
                positive=r["positive"],
                negative=r["negative"],
            )
            for r in themed.order_by()
        ]
        DailyRollup.objects.bulk_create(daily_rows, batch_size=REBUILD_BATCH_SIZE)
        ThemeDailyRollup.objects.bulk_create(theme_rows, batch_size=REBUILD_BATCH_SIZE)
        monthly = rebuild_monthly_rollups(service_ids=service_ids, since=since)
    return len(daily_rows) + len(theme_rows) + monthly


def rebuild_monthly_rollups(
    *, service_ids: Iterable[int] | None = None, since: date | None = None
) -> int:
    """Recompute the monthly rollups and theme totals from the daily ones; returns rows written.

    Rebuilds whole months, from the one `since` falls in (default: every month).
    """
    scope, daily_scope = Q(), Q()
    if since is not None:
        since = since.replace(day=1)
        scope &= Q(month__gte=since)
        daily_scope &= Q(date__gte=since)
    if service_ids is not None:
        service_ids = list(service_ids)
        scope &= Q(service_id__in=service_ids)
        daily_scope &= Q(service_id__in=service_ids)
    cell = ["service_id", "channel", "lifecycle_stage"]
    written = 0
    with transaction.atomic():
        for daily, monthly, keys, counts in (
            (DailyRollup, MonthlyRollup, cell, COUNT_COLUMNS),
            (ThemeDailyRollup, MonthlyThemeRollup, [*cell, "theme_id"], THEME_COLUMNS),
            (ThemeDailyRollup, MonthlyThemeTotal, ["service_id", "theme_id"], THEME_COLUMNS),
        ):
            monthly.objects.filter(scope).delete()
            sums = (
                daily.objects.filter(daily_scope)
                .values(*keys, month=TruncMonth("date"))
                .annotate(**{f"sum_{c}": Sum(c) for c in counts})
                .order_by()
            )
            rows = [monthly(month=row["month"], **{k: row[k] for k in keys},
                            **{c: row[f"sum_{c}"] for c in counts})
                    for row in sums]  # fmt: skip
            monthly.objects.bulk_create(rows, batch_size=REBUILD_BATCH_SIZE)
            written += len(rows)
    return written


# --- Reading ---------------------------------------------------------------------------------


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


Span = tuple[date, date]  # first and last day, inclusive


def _length(span: Span) -> int:
    return (span[1] - span[0]).days + 1


@dataclass(frozen=True)
class RangeParts:
    """A date range as monthly rollup rows to add, and daily rows to add or to take away."""

    months: Span | None  # the first days of the first and last month read whole
    days: tuple[Span, ...] = ()  # odd days at either end, read from the daily rollups
    less: tuple[Span, ...] = ()  # days of a month read whole that fall outside the range


def split_range(start: date, end: date) -> RangeParts:
    """Split start..end into [partial head days] + [whole months] + [partial tail days].

    A partial month at either end is read as its days in the range, or as its whole month less
    its days outside the range, whichever reads fewer days: so a range ending today reads the
    current month whole, less the days still to come (which have no rows yet).
    """
    first = start if start.day == 1 else _next_month(start)
    after = end + timedelta(days=1)
    last = end if after == _next_month(end) else end.replace(day=1) - timedelta(days=1)
    if first > last:
        return RangeParts(months=None, days=((start, end),))
    months_from, months_to = first, last.replace(day=1)
    days, less = [], []
    if start < first:
        inside, outside = (
            (start, first - timedelta(days=1)),
            (start.replace(day=1), start - timedelta(days=1)),
        )
        if _length(outside) < _length(inside):
            months_from = start.replace(day=1)
            less.append(outside)
        else:
            days.append(inside)
    if last < end:
        inside, outside = (end.replace(day=1), end), (after, _next_month(end) - timedelta(days=1))
        if _length(outside) < _length(inside):
            months_to = end.replace(day=1)
            less.append(outside)
        else:
            days.append(inside)
    return RangeParts(months=(months_from, months_to), days=tuple(days), less=tuple(less))


# What `rollup_counts` can group by: the name in `by` -> the rollup column.
GROUP_COLUMNS = {"service": "service_id", "channel": "channel", "stage": "lifecycle_stage",
                 "theme": "theme_id"}  # fmt: skip
PERIODS = {"day": F("date"), "week": TruncWeek("date"), "month": TruncMonth("date")}


def _within(spans: Iterable[Span]) -> Q:
    return reduce(or_, (Q(date__range=span) for span in spans))


def _grouped(
    rows: QuerySet, *, by: Sequence[str], sums: dict, monthly: bool, signed: bool = False
) -> QuerySet:
    """Rows summed per `by`: periods are worked out from the day unless rows are per month."""
    plain = [GROUP_COLUMNS[name] for name in by if name in GROUP_COLUMNS]
    periods = {name: PERIODS[name] for name in by if name in PERIODS}
    if monthly and periods:
        plain.append("month")  # only "month" reaches here: days and weeks never read months
        periods = {}
    if signed:
        plain.append("sign")
    return rows.values(*plain, **periods).annotate(**sums).order_by()


def rollup_counts(
    *, service_ids: Iterable[int], start: date, end: date, by: Sequence[str] = (),
    channel: str = "", stage: str = "", columns: Sequence[str] = COUNT_COLUMNS,
) -> dict[tuple, dict[str, int]]:  # fmt: skip
    """Counts for the services from start to end (inclusive), summed per `by`, none all zero.

    `by` names day, week (from Monday) or month and any of service, channel, stage and theme;
    each key holds their values in that order. By theme, the columns are "responses" (that
    mention it), "positive" and "negative" (mentions of each sign).
    """
    service_ids = list(service_ids)
    themed = "theme" in by
    if themed and not set(columns) <= set(THEME_READ_COLUMNS):
        raise ValueError("theme counts have the columns responses, positive and negative")
    if not service_ids:
        return {}
    cell = Q(service_id__in=service_ids)
    if channel:
        cell &= Q(channel=channel)
    if stage:
        cell &= Q(lifecycle_stage=stage)
    sums = {c: Sum(THEME_READ_COLUMNS[c] if themed else c) for c in columns}
    # Days and weeks cross month ends: read them from the daily rollups alone.
    by_day = "day" in by or "week" in by
    parts = RangeParts(months=None, days=((start, end),)) if by_day else split_range(start, end)
    reads = []
    if parts.months:
        # Theme totals over every channel and stage are fewer rows, when no cell is asked for.
        per_cell = bool(channel or stage or "channel" in by or "stage" in by)
        model = MonthlyRollup
        if themed:
            model = MonthlyThemeRollup if per_cell else MonthlyThemeTotal
        rows = model.objects.filter(cell, month__range=parts.months)
        reads.append(_grouped(rows, by=by, sums=sums, monthly=True))
    if parts.days or parts.less:
        model = ThemeDailyRollup if themed else DailyRollup
        rows = model.objects.filter(cell, _within(parts.days + parts.less))
        if parts.less:
            rows = rows.annotate(sign=Case(When(_within(parts.less), then=Value(-1)),
                                           default=Value(1)))  # fmt: skip
        reads.append(_grouped(rows, by=by, sums=sums, monthly=False, signed=bool(parts.less)))
    keys = [GROUP_COLUMNS.get(name, name) for name in by]
    found: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(columns, 0))
    for rows in reads:
        for row in rows:
            counts, sign = found[tuple(row[k] for k in keys)], row.get("sign", 1)
            for column in columns:
                counts[column] += sign * (row[column] or 0)
    # A month read whole, less its days outside the range, may leave nothing: as if never read.
    return {key: counts for key, counts in found.items() if any(counts.values())}
