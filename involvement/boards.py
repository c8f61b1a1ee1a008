"""What the insight board and the organisation overview show, read from the rollups.

Every figure here comes from feedback.rollups.rollup_counts, whose reads are bounded by periods x
channels x stages, not by the number of responses. Only the example comments and the safeguarding
list read feedback rows, through indexed, LIMITed queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from feedback.choices import NEGATIVE_ANSWERS, POSITIVE_ANSWERS, Channel
from feedback.models import Feedback, Theme
from feedback.rollups import COUNT_COLUMNS, rollup_counts
from website.choices import LifecycleStage
from website.figures import percent_text
from website.models import ServicePage

TOP_THEMES = 5
RISING_THEMES = 3
COMMENTS_PER_THEME = 3
# Example comments only under a theme this many responses mention in the period: fewer, and a
# comment may point to the person who wrote it.
MIN_RESPONSES_FOR_COMMENTS = 10
# A theme's share is compared with the previous period only when that period had this many.
MIN_RESPONSES_TO_COMPARE = 10
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


def counts(*, service_ids, filters: BoardFilters, by, columns=COUNT_COLUMNS) -> dict[tuple, dict]:
    """rollup_counts for the services within the filters."""
    return rollup_counts(service_ids=service_ids, start=filters.start, end=filters.end, by=by,
                         channel=filters.channel, stage=filters.stage,
                         columns=columns)  # fmt: skip


def default_filters(*, today: date | None = None) -> BoardFilters:
    """The last twelve months up to today, all channels and stages."""
    today = today or timezone.localdate()
    return BoardFilters(start=today - timedelta(days=DEFAULT_DAYS - 1), end=today)


def fft_counts(counts: dict) -> tuple[int, int, int]:
    """(positive, negative, all responses) from a row of rollup counts."""
    positive = sum(counts.get(answer.column) or 0 for answer in POSITIVE_ANSWERS)
    negative = sum(counts.get(answer.column) or 0 for answer in NEGATIVE_ANSWERS)
    return positive, negative, counts.get("responses") or 0


def fft_percentages(counts: dict) -> tuple[float | None, float | None]:
    """% positive and % negative over all responses, Don't know included (design.md 5)."""
    positive, negative, total = fft_counts(counts)
    if not total:
        return None, None
    return round(100 * positive / total, 1), round(100 * negative / total, 1)


def fft_percentages_text(counts: dict) -> tuple[str, str]:
    """% positive and % negative as staff read them: "12.5%", "less than 0.1%", "-" for none."""
    positive, negative, total = fft_counts(counts)
    return percent_text(positive, total, places=1), percent_text(negative, total, places=1)


def _zero() -> dict:
    return dict.fromkeys(COUNT_COLUMNS, 0)


@dataclass
class ThemeLine:
    """One theme on a board: its count now, before, and a few recent comments."""

    theme: Theme
    count: int
    previous: int
    comments: list[str] = field(default_factory=list)
    # Each comment -> the newest response that said it, for the link beside it.
    comment_ids: dict[str, int] = field(default_factory=dict)
    share: float = 0.0  # percent of the period's responses
    previous_share: float = 0.0

    @property
    def change(self) -> int:
        return self.count - self.previous

    @property
    def share_change(self) -> float:
        """Percentage points gained (or lost) since the previous period."""
        return round(self.share - self.previous_share, 1)


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
    falling_themes: list[ThemeLine]
    previous_responses: int
    safeguarding: list[Feedback]
    safeguarding_more: bool

    @property
    def percent_positive(self) -> float | None:
        return fft_percentages(self.totals)[0]

    @property
    def percent_negative(self) -> float | None:
        return fft_percentages(self.totals)[1]

    @property
    def percent_positive_text(self) -> str:
        return fft_percentages_text(self.totals)[0]

    @property
    def percent_negative_text(self) -> str:
        return fft_percentages_text(self.totals)[1]


def _with_percentages(row: dict) -> dict:
    row["percent_positive"], row["percent_negative"] = fft_percentages(row)
    return row


def _add(into: dict, row: dict) -> None:
    for name in COUNT_COLUMNS:
        into[name] += row[name]


def monthly_counts(*, cells: dict[tuple, dict]) -> list[dict]:
    """Counts per calendar month, oldest first, with % positive and % negative."""
    months: dict[date, dict] = defaultdict(_zero)
    for (month, _stage), found in cells.items():
        _add(months[month], found)
    return [_with_percentages({"month": m, **months[m]}) for m in sorted(months)]


def weekly_by_channel(*, service_id: int, filters: BoardFilters) -> list[dict]:
    """Responses per week (Monday first) and channel, oldest first."""
    found = counts(service_ids=[service_id], filters=filters, by=["week", "channel"],
                   columns=["responses"])  # fmt: skip
    weeks: dict[date, dict] = {}
    for (monday, channel), row in sorted(found.items()):
        if monday not in weeks:
            weeks[monday] = {**dict.fromkeys(Channel.values, 0), "week": monday, "total": 0}
        weeks[monday][channel] += row["responses"]
        weeks[monday]["total"] += row["responses"]
    return list(weeks.values())


def theme_counts(*, service_ids, filters: BoardFilters) -> dict[tuple[int, int], int]:
    """(service id, theme id) -> responses carrying the theme within the filters."""
    found = counts(service_ids=service_ids, filters=filters, by=["service", "theme"],
                   columns=["responses"])  # fmt: skip
    return {key: row["responses"] for key, row in found.items()}


def recent_comments(
    *, service_id: int, theme_ids, filters: BoardFilters
) -> dict[int, list[tuple[str, int]]]:
    """A few recent (comment, response id) per theme, newest first: a LIMITed query each.

    Never a hidden or flagged response: Feedback.objects.comments_on leaves them out.
    """
    rows = Feedback.objects.filter(service_id=service_id,
                                   given_on__range=(filters.start, filters.end))  # fmt: skip
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.stage:
        rows = rows.filter(lifecycle_stage=filters.stage)
    texts = {t: rows.comments_on(t).values_list("text", "pk") for t in theme_ids}
    return {t: list(found[:COMMENTS_PER_THEME]) for t, found in texts.items()}


def awaiting_safeguarding(*, service_id: int) -> tuple[list[Feedback], bool]:
    """The oldest open safeguarding cases (at most 10), and whether more wait."""
    rows = list(
        Feedback.objects.filter(service_id=service_id)
        .open_cases()
        .order_by("received_at")
        .only("receipt", "received_at", "given_on", "channel", "safeguarding_reasons")[
            : SAFEGUARDING_LIMIT + 1
        ]
    )
    return rows[:SAFEGUARDING_LIMIT], len(rows) > SAFEGUARDING_LIMIT


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def build_board(*, service: ServicePage, filters: BoardFilters) -> Board:
    """The insight board of one service for the given filters."""
    cells = counts(service_ids=[service.pk], filters=filters, by=["month", "stage"])
    totals, stages = _zero(), defaultdict(_zero)
    for (_month, stage), found in cells.items():
        _add(totals, found)
        _add(stages[stage], found)
    by_stage = [
        _with_percentages({"stage": LifecycleStage(stage).label, **stages[stage]})
        for stage in sorted(stages)
    ]
    now = theme_counts(service_ids=[service.pk], filters=filters)
    before = theme_counts(service_ids=[service.pk], filters=filters.previous)
    themes = Theme.objects.in_bulk({t for _s, t in now})
    previous_total = sum(
        found["responses"]
        for found in counts(service_ids=[service.pk], filters=filters.previous, by=[],
                            columns=["responses"]).values()
    )  # fmt: skip
    lines = [
        ThemeLine(themes[t], count, before.get((service.pk, t), 0))
        for (_s, t), count in now.items()
        if t in themes
    ]
    for line in lines:
        line.share = _percent(line.count, totals["responses"])
        line.previous_share = _percent(line.previous, previous_total)
    top = sorted(lines, key=lambda line: (-line.count, line.theme.name))[:TOP_THEMES]
    # Rising and falling by share of responses, and only against a period big enough to compare.
    comparable = lines if previous_total >= MIN_RESPONSES_TO_COMPARE else []
    rising = sorted(
        (line for line in comparable if line.share_change > 0),
        key=lambda line: (-line.share_change, line.theme.name),
    )[:RISING_THEMES]
    falling = sorted(
        (line for line in comparable if line.share_change < 0),
        key=lambda line: (line.share_change, line.theme.name),
    )[:RISING_THEMES]
    shown = [line for line in {id(line): line for line in top + rising + falling}.values()
             if line.count >= MIN_RESPONSES_FOR_COMMENTS]  # fmt: skip
    comments = recent_comments(service_id=service.pk, theme_ids=[line.theme.pk for line in shown],
                               filters=filters)  # fmt: skip
    seen: set[str] = set()
    for line in shown:
        # One comment under one theme only: the board quotes each person once.
        kept = [(c, pk) for c, pk in comments[line.theme.pk] if not (c in seen or seen.add(c))]
        line.comments = [c for c, _pk in kept]
        line.comment_ids = dict(kept)
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
        falling_themes=falling,
        previous_responses=previous_total,
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
    percent_positive_text: str = "-"

    @property
    def change(self) -> float | None:
        if self.percent_positive is None or self.previous_percent_positive is None:
            return None
        return round(self.percent_positive - self.previous_percent_positive, 1)


def _per_service(*, service_ids, filters: BoardFilters) -> dict[int, dict]:
    columns = ["responses", *(a.column for a in POSITIVE_ANSWERS + NEGATIVE_ANSWERS)]
    found = counts(service_ids=service_ids, filters=filters, by=["service"], columns=columns)
    return {service_id: row for (service_id,), row in found.items()}


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
            percent_positive_text=fft_percentages_text(now.get(s.pk, {}))[0],
        )
        for s in services
    ]
