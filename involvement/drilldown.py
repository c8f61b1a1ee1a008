"""Links from an insight board's figures to the staff feedback list, filtered to the responses
behind each figure.

Board figures count processed responses (hidden ones too: hiding does not change what was said)
given in the board's period, channel and stage, so every link asks the list for exactly those.
Only staff who may read the list get links; the board is staff-only and shows no suppressed
figure, so there is no suppressed cell to link from.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.urls import reverse

from feedback.choices import NEGATIVE_ANSWERS, POSITIVE_ANSWERS, Channel, FftAnswer, Sentiment
from involvement.boards import Board, BoardFilters, ThemeLine
from involvement.chartdata import Chart
from website.choices import LifecycleStage


def list_url(*, service_id: int, filters: BoardFilters, start: date | None = None,
             end: date | None = None, **narrow: str | Iterable[str]) -> str:  # fmt: skip
    """The feedback list of the responses a board figure counts, narrowed by `narrow`.

    `start` and `end` narrow the board's period (a month or week of it); `narrow` holds more
    list parameters (answer, sentiment, theme, flagged...), a list for a repeated one.
    """
    params: dict[str, str | list[str]] = {
        "date_from": max(start or filters.start, filters.start).isoformat(),
        "date_to": min(end or filters.end, filters.end).isoformat(),
        "status": "processed",
    }
    if filters.channel:
        params["channel"] = filters.channel
    if filters.stage:
        params["stage"] = filters.stage
    params |= {k: v if isinstance(v, str) else list(v) for k, v in narrow.items()}
    path = reverse("feedback_review:list", args=[service_id])
    return f"{path}?{urlencode(params, doseq=True)}"


@dataclass(frozen=True)
class LinkedCell:
    """A chart table's figure with the list address of the responses it counts."""

    value: int
    url: str

    def __str__(self) -> str:
        return str(self.value)


@dataclass
class BoardLinks:
    """List addresses for a board's headline figures, themes and example comments."""

    service_id: int
    filters: BoardFilters
    responses: str
    positive: str
    negative: str
    flagged: str
    themes: dict[int, str] = field(default_factory=dict)
    previous_themes: dict[int, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)


def _month_labels(filters: BoardFilters) -> dict[str, tuple[date, date]]:
    """Month labels as the charts write them -> the month's first and last day."""
    out, month = {}, filters.start.replace(day=1)
    while month <= filters.end:
        following = (month + timedelta(days=32)).replace(day=1)
        out[f"{month:%b %Y}"] = (month, following - timedelta(days=1))
        month = following
    return out


def _week_labels(filters: BoardFilters) -> dict[str, tuple[date, date]]:
    """Week labels (either way the charts have written a Monday) -> that Monday and Sunday."""
    out, monday = {}, filters.start - timedelta(days=filters.start.weekday())
    while monday <= filters.end:
        span = (monday, monday + timedelta(days=6))
        out[f"{monday.day} {monday:%b %Y}"] = out[f"{monday:%d %b %Y}"] = span
        monday += timedelta(days=7)
    return out


def _linked(value, url: str):
    """The figure as a link when it counts any response; zero and words stay as they are."""
    return LinkedCell(value, url) if isinstance(value, int) and value > 0 else value


def link_chart_tables(charts: list[Chart], *, board: Board) -> None:
    """Turn the figures in the board's chart tables into links to the list (in place)."""
    service_id, filters = board.service.pk, board.filters

    def url(**narrow) -> str:
        return list_url(service_id=service_id, filters=filters, **narrow)

    by_label = {
        "answers": {str(a.label): {"answer": a.value} for a in FftAnswer},
        "sentiment": {str(s.label): {"sentiment": s.value} for s in Sentiment},
        "stages": {str(s.label): {"stage": s.value} for s in LifecycleStage},
    }
    channels = {str(c.label): c.value for c in Channel}
    months, weeks = _month_labels(filters), _week_labels(filters)
    for chart in charts:
        for row in chart.rows:
            label = str(row[0])
            for i, (heading, value) in enumerate(zip(chart.header, row, strict=False)):
                narrow = None
                if chart.id in by_label and i == 1 and label in by_label[chart.id]:
                    narrow = by_label[chart.id][label]
                elif chart.id == "fft-by-month" and heading == "Responses" and label in months:
                    narrow = dict(zip(("start", "end"), months[label], strict=True))
                elif chart.id == "volume-by-week" and label in weeks and i:
                    span = dict(zip(("start", "end"), weeks[label], strict=True))
                    if heading in channels:
                        narrow = {**span, "channel": channels[heading]}
                    elif heading == "Total":
                        narrow = span
                if narrow is not None:
                    row[i] = _linked(value, url(**narrow))


def theme_mention_url(*, links: BoardLinks, theme_id: int, mention: str = "") -> str:
    """The list of responses mentioning a theme in the board's period, that way if given."""
    narrow = {"theme": str(theme_id)} | ({"mention": mention} if mention else {})
    return list_url(service_id=links.service_id, filters=links.filters, **narrow)


def _comment_links(*, lines: list[ThemeLine]) -> dict[str, str]:
    """Each example comment -> the page of the newest response that said it."""
    out: dict[str, str] = {}
    for line in lines:
        for text in line.comments:
            out.setdefault(text, reverse("feedback_review:detail", args=[line.comment_ids[text]]))
    return out


def board_links(*, board: Board) -> BoardLinks:
    """The list addresses behind a board's headline figures, theme counts and comments."""
    service_id, filters = board.service.pk, board.filters
    lines = [*board.top_themes, *board.rising_themes, *board.falling_themes]
    return BoardLinks(
        service_id=service_id,
        filters=filters,
        responses=list_url(service_id=service_id, filters=filters),
        positive=list_url(service_id=service_id, filters=filters,
                          answer=[a.value for a in POSITIVE_ANSWERS]),  # fmt: skip
        negative=list_url(service_id=service_id, filters=filters,
                          answer=[a.value for a in NEGATIVE_ANSWERS]),  # fmt: skip
        flagged=list_url(service_id=service_id, filters=filters, flagged="yes"),
        themes={line.theme.pk: list_url(service_id=service_id, filters=filters,
                                        theme=str(line.theme.pk)) for line in lines},
        previous_themes={line.theme.pk: list_url(service_id=service_id, filters=filters.previous,
                                                 theme=str(line.theme.pk)) for line in lines},
        comments=_comment_links(lines=lines),
    )  # fmt: skip
