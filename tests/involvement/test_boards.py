"""Board and overview figures: whole months from the monthly rollups, odd days from the daily.

Each figure is checked against the straightforward reading of the daily rollups alone.
"""

import random
from datetime import date, timedelta

import pytest

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth

from feedback.choices import Channel, FftAnswer, Sentiment, Status
from feedback.factories import FeedbackFactory, FeedbackServiceFactory
from feedback.models import DailyRollup, Feedback, Theme, ThemeDailyRollup
from feedback.processing import process_feedback
from feedback.rollups import COUNT_COLUMNS, rebuild_rollups, rollup_counts
from involvement.boards import (
    BoardFilters,
    build_board,
    build_overview,
    counts,
    fft_percentages,
    recent_comments,
    theme_counts,
)
from website.choices import LifecycleStage
from website.models import ServicePage

pytestmark = pytest.mark.django_db

D = date


@pytest.fixture
def spread(site_tree):
    """Two services with processed feedback every few days over ten months, themed."""
    themes = [Theme.objects.create(name=f"Theme {n}", slug=f"theme-{n}") for n in range(4)]
    services = [FeedbackServiceFactory(), FeedbackServiceFactory()]
    rng = random.Random(20250117)
    day = D(2024, 9, 3)
    while day <= D(2025, 6, 28):
        for service in services:
            for _ in range(rng.randint(1, 4)):
                row = FeedbackFactory(
                    service=service, given_on=day, channel=rng.choice(list(Channel)[:3]),
                    lifecycle_stage=rng.choice(list(LifecycleStage)),
                    fft_answer=rng.choice(list(FftAnswer)), sentiment=rng.choice(list(Sentiment)),
                )  # fmt: skip
                row.themes.set(rng.sample(themes, rng.randint(1, 3)))
        day += timedelta(days=rng.randint(1, 4))
    return services


def in_range(filters: BoardFilters) -> Q:
    """Daily rollup rows for every day of the range, in its channel and stage."""
    q = Q(date__gte=filters.start, date__lte=filters.end)
    if filters.channel:
        q &= Q(channel=filters.channel)
    if filters.stage:
        q &= Q(lifecycle_stage=filters.stage)
    return q


def daily_only(service_ids, filters: BoardFilters):
    """The figures read from the daily rollups alone, every day of the range."""
    rows = DailyRollup.objects.filter(in_range(filters), service_id__in=service_ids)
    sums = {f"total_{c}": Sum(c) for c in COUNT_COLUMNS}

    def counts(row):
        return {c: row[f"total_{c}"] for c in COUNT_COLUMNS}

    totals = counts(rows.aggregate(**sums))
    monthly = [
        {"month": r["m"], **counts(r)}
        for r in rows.annotate(m=TruncMonth("date")).values("m").annotate(**sums).order_by("m")
    ]
    by_stage = [
        {"stage": LifecycleStage(r["lifecycle_stage"]).label, **counts(r)}
        for r in rows.values("lifecycle_stage").annotate(**sums).order_by("lifecycle_stage")
    ]
    per_service = {
        r["service_id"]: counts(r) for r in rows.values("service_id").annotate(**sums).order_by()
    }
    themes = {
        (r["service_id"], r["theme_id"]): r["total"]
        for r in ThemeDailyRollup.objects.filter(in_range(filters), service_id__in=service_ids)
        .values("service_id", "theme_id")
        .annotate(total=Sum("count"))
        .order_by()
    }
    return totals, monthly, by_stage, per_service, themes


# Ranges with partial months at both ends, read as days or as months less days (and their
# previous periods likewise); the second filtered by channel and stage.
RANGES = [
    BoardFilters(start=D(2025, 1, 17), end=D(2025, 5, 12)),
    BoardFilters(start=D(2024, 12, 5), end=D(2025, 6, 20), channel=Channel.PAPER,
                 stage=LifecycleStage.DESIGN),
]  # fmt: skip


@pytest.mark.parametrize("filters", RANGES)
@pytest.mark.parametrize("incremental", [False, True], ids=["rebuilt", "incremental"])
def test_board_figures_equal_the_daily_rollups_summed(spread, filters, incremental):
    # given rollups from a rebuild, or from processing each response
    if incremental:
        for pk in Feedback.objects.values_list("pk", flat=True):
            process_feedback(feedback_id=pk)
    else:
        Feedback.objects.update(status=Status.PROCESSED)
        rebuild_rollups(since=D(2000, 1, 1))
    service = spread[0]
    totals, monthly, by_stage, _per_service, themes = daily_only([service.pk], filters)
    _t, _m, _s, _p, before = daily_only([service.pk], filters.previous)
    assert totals["responses"] > 0
    # when
    board = build_board(service=service, filters=filters)
    # then
    assert board.totals == totals
    assert [{k: m[k] for k in ["month", *COUNT_COLUMNS]} for m in board.monthly] == monthly
    assert [{k: s[k] for k in ["stage", *COUNT_COLUMNS]} for s in board.by_stage] == by_stage
    for month in board.monthly:
        assert (month["percent_positive"], month["percent_negative"]) == fft_percentages(month)
    lines = {line.theme.pk: line for line in board.top_themes + board.rising_themes}
    assert lines
    for theme_id, line in lines.items():
        assert line.count == themes[(service.pk, theme_id)]
        assert line.previous == before.get((service.pk, theme_id), 0)
    top_counts = sorted((c for (_s, _t), c in themes.items() if c), reverse=True)
    assert [line.count for line in board.top_themes] == top_counts[: len(board.top_themes)]


@pytest.mark.parametrize("filters", RANGES)
def test_overview_figures_equal_the_daily_rollups_summed(spread, filters):
    # given
    Feedback.objects.update(status=Status.PROCESSED)
    rebuild_rollups(since=D(2000, 1, 1))
    ids = [s.pk for s in spread]
    _t, _m, _s, now, themes = daily_only(ids, filters)
    _t, _m, _s, before, _th = daily_only(ids, filters.previous)
    # when
    lines = build_overview(services=ServicePage.objects.filter(pk__in=ids), filters=filters)
    # then
    assert {line.service.pk for line in lines} == set(ids)
    for line in lines:
        pk = line.service.pk
        assert line.responses == now[pk]["responses"]
        assert line.percent_positive == fft_percentages(now[pk])[0]
        assert line.previous_percent_positive == fft_percentages(before.get(pk, {}))[0]
        best = max(c for (s, _t), c in themes.items() if s == pk)
        assert themes[(pk, line.top_theme.pk)] == best


# Ranges reading whole months, odd days, and whole months less days outside the range.
PERIODS = [
    BoardFilters(start=D(2024, 11, 23), end=D(2025, 6, 22)),
    RANGES[0].previous,
    RANGES[0].previous.previous,
    RANGES[1].previous,
    BoardFilters(start=D(2025, 2, 3), end=D(2025, 3, 20)),
    BoardFilters(start=D(2024, 10, 23), end=D(2025, 5, 22)),
    BoardFilters(start=D(2025, 6, 1), end=D(2025, 6, 30), channel=Channel.WEB),
]


@pytest.mark.parametrize("period", RANGES + PERIODS)
def test_counts_per_service_and_theme_equal_the_daily_rollups_summed(spread, period):
    # given
    Feedback.objects.update(status=Status.PROCESSED)
    rebuild_rollups(since=D(2000, 1, 1))
    ids = [s.pk for s in spread]
    _t, _m, _s, per_service, expected_themes = daily_only(ids, period)
    # when
    found = counts(service_ids=ids, filters=period, by=["service"])
    themes = theme_counts(service_ids=ids, filters=period)
    # then
    assert {key[0]: cell for key, cell in found.items()} == per_service
    assert themes == {key: n for key, n in expected_themes.items() if n}


def test_theme_counts_have_one_column(spread):
    with pytest.raises(ValueError, match="theme counts have the columns"):
        rollup_counts(service_ids=[spread[0].pk], start=D(2025, 1, 1), end=D(2025, 1, 31),
                      by=["theme"])  # fmt: skip


@pytest.mark.parametrize(
    "filters", [*RANGES, BoardFilters(start=D(2025, 6, 1), end=D(2025, 6, 30))]
)
def test_comments_are_each_themes_newest_visible_processed_ones(spread, filters):
    # given comments, some hidden, some empty, some unprocessed, on both services
    rows = list(Feedback.objects.order_by("pk"))
    for n, row in enumerate(rows):
        row.text = "" if n % 5 == 0 else f"Comment {n}"
        row.hidden = n % 7 == 0
        row.status = Status.RECEIVED if n % 11 == 0 else Status.PROCESSED
    Feedback.objects.bulk_update(rows, ["text", "hidden", "status"])
    service = spread[0]
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    # when
    found = recent_comments(service_id=service.pk, theme_ids=theme_ids, filters=filters)
    # then
    expected = {}
    for theme_id in theme_ids:
        shown = [row for row in Feedback.objects.prefetch_related("themes")
                 if row.service_id == service.pk and row.text and not row.hidden
                 and row.status == Status.PROCESSED and filters.start <= row.given_on <= filters.end
                 and filters.channel in ("", row.channel)
                 and filters.stage in ("", row.lifecycle_stage)
                 and theme_id in {t.pk for t in row.themes.all()}]  # fmt: skip
        shown.sort(key=lambda row: (row.given_on, row.pk), reverse=True)
        expected[theme_id] = [(row.text, row.pk) for row in shown[:3]]
    assert any(expected.values())
    assert found == expected


@pytest.mark.parametrize("filters", RANGES)
def test_weeks_are_the_daily_rollups_summed_per_monday_and_channel(spread, filters):
    # given
    Feedback.objects.update(status=Status.PROCESSED)
    rebuild_rollups(since=D(2000, 1, 1))
    service = spread[0]
    expected: dict[date, dict] = {}
    for row in DailyRollup.objects.filter(in_range(filters), service=service):
        monday = row.date - timedelta(days=row.date.weekday())
        week = expected.setdefault(monday, {**dict.fromkeys(Channel.values, 0), "week": monday,
                                            "total": 0})  # fmt: skip
        week[row.channel] += row.responses
        week["total"] += row.responses
    # when
    board = build_board(service=service, filters=filters)
    # then
    assert board.weekly == [expected[monday] for monday in sorted(expected)]
    assert len(board.weekly) > 10
