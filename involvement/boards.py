"""What the insight board and the organisation overview show, read from the rollups.

Every figure here comes from the rollups, whose size is bounded by periods x channels x stages,
not by the number of responses: whole calendar months from the monthly rollups, the odd days at
either end of a range from the daily ones. Only the example comments and the safeguarding list
read feedback rows, through indexed, LIMITed queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from feedback.choices import Channel, FftAnswer, SafeguardingStatus, Status
from feedback.models import (
    DailyRollup,
    Feedback,
    MonthlyRollup,
    MonthlyThemeRollup,
    MonthlyThemeTotal,
    Theme,
    ThemeDailyRollup,
)
from feedback.rollups import MONTH_SQL
from website.choices import LifecycleStage
from website.models import ServicePage

ANSWER_FIELDS = ["very_good", "good", "neither", "poor", "very_poor", "dont_know"]
SENTIMENT_FIELDS = ["sentiment_positive", "sentiment_neutral", "sentiment_negative"]
COUNT_FIELDS = ["responses", *ANSWER_FIELDS, *SENTIMENT_FIELDS, "flagged"]
TOP_THEMES = 5
RISING_THEMES = 3
COMMENTS_PER_THEME = 3
SAFEGUARDING_LIMIT = 10
DEFAULT_DAYS = 365


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


@dataclass(frozen=True)
class BoardFilters:
    """The date range, channel and stage a board or overview is filtered by."""

    start: date
    end: date
    channel: str = ""
    stage: str = ""

    @property
    def previous(self) -> "BoardFilters":
        """The period of the same length just before this one."""
        length = self.end - self.start + timedelta(days=1)
        return BoardFilters(self.start - length, self.start - timedelta(days=1), self.channel,
                            self.stage)  # fmt: skip

    def _where(self, q: Q) -> Q:
        if self.channel:
            q &= Q(channel=self.channel)
        if self.stage:
            q &= Q(lifecycle_stage=self.stage)
        return q

    def rollup_q(self) -> Q:
        """Daily rollup rows for every day of the range."""
        return self._where(Q(date__gte=self.start, date__lte=self.end))


def _overlapping(spans: list[Span]) -> bool:
    ordered = sorted(spans)
    return any(later[0] <= earlier[1] for earlier, later in pairwise(ordered))


def period_sums(
    *, daily: type[Model], monthly: type[Model], periods: list[BoardFilters], by: list[str],
    sums: dict[str, str], service_ids: list[int], known_themes: bool = False,
) -> list[dict[tuple, dict]]:  # fmt: skip
    """Sums (name -> column) by `by` (may name "month") over each period, in two queries.

    Whole months from `monthly`, odd days from `daily`; periods share their channel and stage.
    """
    # Rows are labelled in SQL with the month range or day span they fall in, so a span two
    # periods share (one adds it, the other takes it away) is read once.
    if len({(p.channel, p.stage) for p in periods}) > 1:
        raise ValueError("periods read together share their channel and stage")
    months: list[tuple[Span, int]] = []  # (first and last month, period)
    days: dict[Span, list[tuple[int, int]]] = defaultdict(list)  # span -> [(period, +1 or -1)]
    for index, period in enumerate(periods):
        parts = split_range(period.start, period.end)
        if parts.months:
            months.append((parts.months, index))
        for span in parts.days:
            days[span].append((index, 1))
        for span in parts.less:
            days[span].append((index, -1))
    spans = list(days)
    if not service_ids:
        return [{} for _period in periods]
    if len(periods) > 1 and (_overlapping(spans) or _overlapping([m for m, _i in months])):
        # A row can carry one label only: read such periods one by one.
        return [period_sums(daily=daily, monthly=monthly, periods=[period], by=by, sums=sums,
                            service_ids=service_ids, known_themes=known_themes)[0]
                for period in periods]  # fmt: skip
    out = [defaultdict(lambda: dict.fromkeys(sums, 0)) for _period in periods]
    reads = []
    if months:
        reads.append((monthly, "month", [span for span, _i in months],
                      lambda part: [(months[part][1], 1)]))  # fmt: skip
    if spans:
        reads.append((daily, "date", spans, lambda part: days[spans[part]]))
    for model, column, labelled, targets in reads:
        sql, params = _labelled_sums_sql(model=model, column=column, spans=labelled, by=by,
                                         sums=sums, service_ids=service_ids,
                                         known_themes=known_themes and model is monthly,
                                         filters=periods[0])  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        month_at = by.index("month") if "month" in by else None
        for row in rows:
            key = list(row[: len(by)])
            if month_at is not None and isinstance(key[month_at], str):
                key[month_at] = date.fromisoformat(key[month_at])  # SQLite answers with text
            for index, sign in targets(row[len(by)]):
                cell = out[index][tuple(key)]
                for name, value in zip(sums, row[len(by) + 1 :], strict=True):
                    cell[name] += sign * (value or 0)
    # A month read whole, less its days outside the range, may leave nothing: as if never read.
    return [{key: cell for key, cell in cells.items() if any(cell.values())} for cells in out]


def _labelled_sums_sql(
    *, model: type[Model], column: str, spans: list[Span], by: list[str], sums: dict[str, str],
    service_ids: list[int], known_themes: bool, filters: BoardFilters,
) -> tuple[str, list]:  # fmt: skip
    """SELECT by..., the span each row falls in, SUM(column)... for the rows in the spans."""
    # Written out rather than through the ORM: building these grouped, labelled queries cost
    # more than running them. Only our own table and column names are interpolated.
    qn, adapt = connection.ops.quote_name, connection.ops.adapt_datefield_value
    within = f"{qn(column)} BETWEEN %s AND %s"
    bounds = [adapt(day) for span in spans for day in span]
    label, label_params = "0", []  # one span: every row falls in it, nothing to work out
    if len(spans) > 1:
        label = "CASE " + " ".join(f"WHEN {within} THEN {n}" for n in range(len(spans))) + " END"
        label_params = bounds
    month = MONTH_SQL[connection.vendor].format(qn(column))
    keys = [month if name == "month" and column == "date" else qn(name) for name in by]
    where = [f"({' OR '.join([within] * len(spans))})",
             f"{qn('service_id')} IN ({', '.join(['%s'] * len(service_ids))})"]  # fmt: skip
    params = [*bounds, *service_ids]
    for name, value in (("channel", filters.channel), ("lifecycle_stage", filters.stage)):
        if value:
            where.append(f"{qn(name)} = %s")
            params.append(value)
    if known_themes:
        # Naming every theme changes no count, but lets the database seek (service, theme,
        # month) in MonthlyThemeRollup's covering index and read each total in order.
        themes = qn(Theme._meta.db_table)
        where.append(f"{qn('theme_id')} IN (SELECT {qn('id')} FROM {themes})")  # noqa: S608
    totals = ", ".join(f"SUM({qn(column_name)})" for column_name in sums.values())
    group = ", ".join(str(n + 1) for n in range(len(keys) + (len(spans) > 1)))
    sql = (
        f"SELECT {', '.join(keys)}, {label}, {totals} "  # noqa: S608 - our own names
        f"FROM {qn(model._meta.db_table)} WHERE {' AND '.join(where)} GROUP BY {group}"
    )
    return sql, [*label_params, *params]


def rollup_sums(
    *, daily: type[Model], monthly: type[Model], filters: BoardFilters, by: list[str],
    sums: dict[str, str], service_ids: list[int], known_themes: bool = False,
) -> dict[tuple, dict]:  # fmt: skip
    """period_sums for one period."""
    return period_sums(daily=daily, monthly=monthly, periods=[filters], by=by, sums=sums,
                       service_ids=service_ids, known_themes=known_themes)[0]  # fmt: skip


def default_filters(*, today: date | None = None) -> BoardFilters:
    """The last twelve months up to today, all channels and stages."""
    today = today or timezone.localdate()
    return BoardFilters(start=today - timedelta(days=DEFAULT_DAYS - 1), end=today)


def fft_percentages(counts: dict) -> tuple[float | None, float | None]:
    """% positive and % negative over all responses, Don't know included (design.md 5)."""
    total = counts.get("responses") or 0
    if not total:
        return None, None
    positive = (counts.get("very_good") or 0) + (counts.get("good") or 0)
    negative = (counts.get("poor") or 0) + (counts.get("very_poor") or 0)
    return round(100 * positive / total, 1), round(100 * negative / total, 1)


def _sums(fields=COUNT_FIELDS) -> dict[str, str]:
    return {name: name for name in fields}


def _zero(row: dict | None, fields=COUNT_FIELDS) -> dict:
    return {name: (row or {}).get(name) or 0 for name in fields}


@dataclass
class ThemeLine:
    """One theme on a board: its count now, before, and a few recent comments."""

    theme: Theme
    count: int
    previous: int
    comments: list[str] = field(default_factory=list)

    @property
    def change(self) -> int:
        return self.count - self.previous


@dataclass
class Board:
    """Everything one service's insight board shows for one set of filters."""

    service: ServicePage
    filters: BoardFilters
    totals: dict
    monthly: list[dict]
    weekly: list[dict]
    by_stage: list[dict]
    top_themes: list[ThemeLine]
    rising_themes: list[ThemeLine]
    safeguarding: list[Feedback]
    safeguarding_more: bool

    @property
    def percent_positive(self) -> float | None:
        return fft_percentages(self.totals)[0]

    @property
    def percent_negative(self) -> float | None:
        return fft_percentages(self.totals)[1]


def _with_percentages(row: dict) -> dict:
    row["percent_positive"], row["percent_negative"] = fft_percentages(row)
    return row


def _add(into: dict, row: dict) -> None:
    for name in COUNT_FIELDS:
        into[name] += row[name]


def counts_by_month_and_stage(*, service_id: int, filters: BoardFilters) -> dict[tuple, dict]:
    """(month, lifecycle stage) -> counts for one service: what totals, months, stages sum."""
    return rollup_sums(daily=DailyRollup, monthly=MonthlyRollup, filters=filters,
                       by=["month", "lifecycle_stage"], sums=_sums(),
                       service_ids=[service_id])  # fmt: skip


def monthly_counts(*, cells: dict[tuple, dict]) -> list[dict]:
    """Counts per calendar month, oldest first, with % positive and % negative."""
    months: dict[date, dict] = defaultdict(lambda: _zero(None))
    for (month, _stage), counts in cells.items():
        _add(months[month], counts)
    return [_with_percentages({"month": m, **months[m]}) for m in sorted(months)]


def weekly_by_channel(*, service_id: int, filters: BoardFilters) -> list[dict]:
    """Responses per week (Monday first) and channel, oldest first."""
    qn, adapt = connection.ops.quote_name, connection.ops.adapt_datefield_value
    where = [f"{qn('service_id')} = %s", f"{qn('date')} BETWEEN %s AND %s"]
    params = [service_id, adapt(filters.start), adapt(filters.end)]
    for name, value in (("channel", filters.channel), ("lifecycle_stage", filters.stage)):
        if value:
            where.append(f"{qn(name)} = %s")
            params.append(value)
    # A year of one service's days, fetched as plain rows: the ORM took longer than the query.
    sql = (f"SELECT {qn('date')}, {qn('channel')}, {qn('responses')} "  # noqa: S608 - our names
           f"FROM {qn(DailyRollup._meta.db_table)} WHERE {' AND '.join(where)} "
           f"ORDER BY {qn('date')}")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    weeks: dict[date, dict] = {}
    # Weeks are summed here: as quick as SQL on one service's days, and the same on every database.
    for day, channel, responses in rows:
        if isinstance(day, str):
            day = date.fromisoformat(day)  # SQLite answers with text
        monday = day - timedelta(days=day.weekday())
        if monday not in weeks:
            weeks[monday] = {**dict.fromkeys(Channel.values, 0), "week": monday, "total": 0}
        weeks[monday][channel] += responses
        weeks[monday]["total"] += responses
    return list(weeks.values())


def theme_counts(*, service_ids, filters: BoardFilters) -> dict[tuple[int, int], int]:
    """(service id, theme id) -> responses carrying the theme within the filters."""
    return theme_counts_by_period(service_ids=service_ids, periods=[filters])[0]


def theme_counts_by_period(
    *, service_ids, periods: list[BoardFilters]
) -> list[dict[tuple[int, int], int]]:
    """theme_counts for several periods with the same channel and stage, read together."""
    # Unfiltered, whole months come from the totals over every channel and stage: fewer rows.
    filtered = bool(periods[0].channel or periods[0].stage)
    monthly = MonthlyThemeRollup if filtered else MonthlyThemeTotal
    found = period_sums(daily=ThemeDailyRollup, monthly=monthly, periods=periods,
                        by=["service_id", "theme_id"], sums={"total": "count"},
                        service_ids=list(service_ids), known_themes=filtered)  # fmt: skip
    return [{key: row["total"] for key, row in rows.items()} for rows in found]


def recent_comments(*, service_id: int, theme_id: int, filters: BoardFilters) -> list[str]:
    """A few recent anonymised comments carrying a theme: a LIMITed query on indexed columns."""
    rows = (
        Feedback.objects.visible()
        .filter(service_id=service_id, status=Status.PROCESSED, themes=theme_id)
        .filter(given_on__gte=filters.start, given_on__lte=filters.end)
        .exclude(text="")
    )
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.stage:
        rows = rows.filter(lifecycle_stage=filters.stage)
    rows = rows.order_by("-given_on", "-pk").values_list("text", flat=True)
    return list(rows[:COMMENTS_PER_THEME])


def recent_comments_by_theme(
    *, service_id: int, theme_ids: list[int], filters: BoardFilters
) -> dict[int, list[str]]:
    """recent_comments for several themes in one statement: still a LIMITed index walk each."""
    if not theme_ids:
        return {}
    # Written out rather than through the ORM, which took longer to build this UNION ALL of
    # ordered, LIMITed parts than the database took to run it. Only our own names are formatted.
    qn, adapt = connection.ops.quote_name, connection.ops.adapt_datefield_value
    feedback, links = qn(Feedback._meta.db_table), qn(Feedback.themes.through._meta.db_table)
    conditions, values = ["t.theme_id = %s", "NOT f.hidden", "f.service_id = %s",
                          "f.status = %s", "f.given_on BETWEEN %s AND %s", "f.text <> ''"], [
        service_id, Status.PROCESSED, adapt(filters.start), adapt(filters.end)]  # fmt: skip
    for column, value in (("channel", filters.channel), ("lifecycle_stage", filters.stage)):
        if value:
            conditions.append(f"f.{qn(column)} = %s")
            values.append(value)
    part = (f"SELECT * FROM (SELECT t.theme_id, f.given_on, f.id, f.{qn('text')} "  # noqa: S608
            f"FROM {feedback} f JOIN {links} t ON t.feedback_id = f.id "
            f"WHERE {' AND '.join(conditions)} ORDER BY f.given_on DESC, f.id DESC "
            f"LIMIT {COMMENTS_PER_THEME}) part_{{n}}")  # fmt: skip
    sql = " UNION ALL ".join(part.format(n=n) for n in range(len(theme_ids)))
    found: dict[int, list[tuple]] = {t: [] for t in theme_ids}
    with connection.cursor() as cursor:
        cursor.execute(sql, [v for t in theme_ids for v in (t, *values)])
        for theme, given_on, pk, text in cursor.fetchall():
            found[theme].append((given_on, pk, text))
    return {t: [text for _d, _pk, text in sorted(rows, reverse=True)] for t, rows in found.items()}


def awaiting_safeguarding(*, service_id: int) -> tuple[list[Feedback], bool]:
    """The oldest safeguarding items still awaiting action (at most 10), and whether more wait."""
    rows = list(
        Feedback.objects.filter(
            service_id=service_id, safeguarding_status=SafeguardingStatus.AWAITING
        )
        .order_by("received_at")
        .only("receipt", "received_at", "given_on", "channel", "safeguarding_reasons")[
            : SAFEGUARDING_LIMIT + 1
        ]
    )
    return rows[:SAFEGUARDING_LIMIT], len(rows) > SAFEGUARDING_LIMIT


def build_board(*, service: ServicePage, filters: BoardFilters) -> Board:
    """The insight board of one service for the given filters."""
    cells = counts_by_month_and_stage(service_id=service.pk, filters=filters)
    totals, stages = _zero(None), defaultdict(lambda: _zero(None))
    for (_month, stage), counts in cells.items():
        _add(totals, counts)
        _add(stages[stage], counts)
    by_stage = [
        _with_percentages({"stage": LifecycleStage(stage).label, **stages[stage]})
        for stage in sorted(stages)
    ]
    now, before = theme_counts_by_period(service_ids=[service.pk],
                                         periods=[filters, filters.previous])  # fmt: skip
    theme_ids = {t for _s, t in now}
    themes = Theme.objects.in_bulk(theme_ids)
    lines = [
        ThemeLine(themes[t], count, before.get((service.pk, t), 0))
        for (_s, t), count in now.items()
        if t in themes and count
    ]
    top = sorted(lines, key=lambda line: (-line.count, line.theme.name))[:TOP_THEMES]
    rising = sorted(
        (line for line in lines if line.change > 0),
        key=lambda line: (-line.change, line.theme.name),
    )[:RISING_THEMES]
    shown = list({id(line): line for line in top + rising}.values())
    comments = recent_comments_by_theme(service_id=service.pk,
                                        theme_ids=[line.theme.pk for line in shown],
                                        filters=filters)  # fmt: skip
    for line in shown:
        line.comments = comments[line.theme.pk]
    safeguarding, more = awaiting_safeguarding(service_id=service.pk)
    return Board(
        service=service,
        filters=filters,
        totals=totals,
        monthly=monthly_counts(cells=cells),
        weekly=weekly_by_channel(service_id=service.pk, filters=filters),
        by_stage=by_stage,
        top_themes=top,
        rising_themes=rising,
        safeguarding=safeguarding,
        safeguarding_more=more,
    )


@dataclass
class OverviewLine:
    """One service on the organisation overview."""

    service: ServicePage
    responses: int
    percent_positive: float | None
    previous_percent_positive: float | None
    top_theme: Theme | None

    @property
    def change(self) -> float | None:
        if self.percent_positive is None or self.previous_percent_positive is None:
            return None
        return round(self.percent_positive - self.previous_percent_positive, 1)


def _per_service(*, service_ids, periods: list[BoardFilters]) -> list[dict[int, dict]]:
    fields = ["responses", "very_good", "good", "poor", "very_poor"]
    found = period_sums(daily=DailyRollup, monthly=MonthlyRollup, periods=periods,
                        by=["service_id"], sums=_sums(fields),
                        service_ids=list(service_ids))  # fmt: skip
    return [{service_id: row for (service_id,), row in rows.items()} for rows in found]


def build_overview(*, services: QuerySet[ServicePage], filters: BoardFilters) -> list[OverviewLine]:
    """Every given service side by side: responses, % positive, change and top theme."""
    services = list(services.order_by("title").only("id", "title", "slug", "path", "depth"))
    ids = [s.pk for s in services]
    now, before = _per_service(service_ids=ids, periods=[filters, filters.previous])
    top: dict[int, tuple[int, int]] = {}
    for (service_id, theme_id), count in theme_counts(service_ids=ids, filters=filters).items():
        if count and (service_id not in top or count > top[service_id][1]):
            top[service_id] = (theme_id, count)
    themes = Theme.objects.in_bulk({theme_id for theme_id, _c in top.values()})
    return [
        OverviewLine(
            service=s,
            responses=now.get(s.pk, {}).get("responses", 0),
            percent_positive=fft_percentages(now.get(s.pk, {}))[0],
            previous_percent_positive=fft_percentages(before.get(s.pk, {}))[0],
            top_theme=themes.get(top.get(s.pk, (None, 0))[0]),
        )
        for s in services
    ]


ANSWER_LABELS = dict(zip(ANSWER_FIELDS, FftAnswer.labels, strict=True))
CHANNEL_LABELS = dict(Channel.choices)
