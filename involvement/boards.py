"""What the insight board and the organisation overview show, read from the daily rollups.

Every figure here comes from DailyRollup/ThemeDailyRollup, whose size is bounded by days x
channels x stages, not by the number of responses. Only the example comments and the
safeguarding list read feedback rows, through indexed, LIMITed queries.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from feedback.choices import Channel, FftAnswer, SafeguardingStatus, Status
from feedback.models import DailyRollup, Feedback, Theme, ThemeDailyRollup
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

    def rollup_q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}date__gte": self.start, f"{prefix}date__lte": self.end})
        if self.channel:
            q &= Q(**{f"{prefix}channel": self.channel})
        if self.stage:
            q &= Q(**{f"{prefix}lifecycle_stage": self.stage})
        return q


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


def _sums(fields=COUNT_FIELDS) -> dict:
    return {name: Sum(name) for name in fields}


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


def service_rollups(*, service_id: int, filters: BoardFilters) -> QuerySet:
    """The daily rollup rows of one service within the filters."""
    return DailyRollup.objects.filter(filters.rollup_q(), service_id=service_id)


def monthly_counts(*, rollups: QuerySet) -> list[dict]:
    """Counts per calendar month, oldest first, with % positive and % negative."""
    rows = (
        rollups.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(**_sums())
        .order_by("month")
    )
    out = []
    for row in rows:
        row = {"month": row["month"], **_zero(row)}
        row["percent_positive"], row["percent_negative"] = fft_percentages(row)
        out.append(row)
    return out


def weekly_by_channel(*, rollups: QuerySet) -> list[dict]:
    """Responses per week (Monday first) and channel, oldest first."""
    rows = (
        rollups.annotate(week=TruncWeek("date"))
        .values("week", "channel")
        .annotate(responses=Sum("responses"))
        .order_by("week", "channel")
    )
    weeks: dict = {}
    for row in rows:
        week = weeks.setdefault(row["week"], {"week": row["week"], "total": 0})
        week[row["channel"]] = row["responses"] or 0
        week["total"] += row["responses"] or 0
    return [{**dict.fromkeys(Channel.values, 0), **w} for w in weeks.values()]


def theme_counts(*, service_ids, filters: BoardFilters) -> dict[tuple[int, int], int]:
    """(service id, theme id) -> responses carrying the theme within the filters."""
    rows = (
        ThemeDailyRollup.objects.filter(filters.rollup_q(), service_id__in=service_ids)
        .values("service_id", "theme_id")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {(r["service_id"], r["theme_id"]): r["total"] or 0 for r in rows}


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
    rollups = service_rollups(service_id=service.pk, filters=filters)
    totals = _zero(rollups.aggregate(**_sums()))
    by_stage = [
        {"stage": LifecycleStage(r["lifecycle_stage"]).label, **_zero(r)}
        for r in rollups.values("lifecycle_stage").annotate(**_sums()).order_by("lifecycle_stage")
    ]
    for row in by_stage:
        row["percent_positive"], row["percent_negative"] = fft_percentages(row)
    now = theme_counts(service_ids=[service.pk], filters=filters)
    before = theme_counts(service_ids=[service.pk], filters=filters.previous)
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
    for line in {id(line): line for line in top + rising}.values():
        line.comments = recent_comments(
            service_id=service.pk, theme_id=line.theme.pk, filters=filters
        )
    safeguarding, more = awaiting_safeguarding(service_id=service.pk)
    return Board(
        service=service,
        filters=filters,
        totals=totals,
        monthly=monthly_counts(rollups=rollups),
        weekly=weekly_by_channel(rollups=rollups),
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


def _per_service(*, service_ids, filters: BoardFilters) -> dict[int, dict]:
    fields = ["responses", "very_good", "good", "poor", "very_poor"]
    rows = (
        DailyRollup.objects.filter(filters.rollup_q(), service_id__in=service_ids)
        .values("service_id")
        .annotate(**_sums(fields))
        .order_by()
    )
    return {r["service_id"]: _zero(r, fields) for r in rows}


def build_overview(*, services: QuerySet[ServicePage], filters: BoardFilters) -> list[OverviewLine]:
    """Every given service side by side: responses, % positive, change and top theme."""
    services = list(services.order_by("title").only("id", "title", "slug", "path", "depth"))
    ids = [s.pk for s in services]
    now = _per_service(service_ids=ids, filters=filters)
    before = _per_service(service_ids=ids, filters=filters.previous)
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
