"""Board and overview figures: whole months from the monthly rollups, odd days from the daily.

Each figure is checked against the straightforward reading of the daily rollups alone.
"""

import random
from datetime import date, timedelta

import pytest

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from feedback.choices import Channel, FftAnswer, Sentiment, Status
from feedback.factories import FeedbackFactory, FeedbackServiceFactory
from feedback.models import DailyRollup, Feedback, MonthlyRollup, Theme, ThemeDailyRollup
from feedback.processing import process_feedback
from feedback.rollups import COUNT_COLUMNS, rebuild_rollups
from involvement.boards import (
    BoardFilters,
    RangeParts,
    build_board,
    build_overview,
    fft_percentages,
    period_sums,
    recent_comments,
    recent_comments_by_theme,
    split_range,
    theme_counts_by_period,
)
from website.choices import LifecycleStage
from website.models import ServicePage

pytestmark = pytest.mark.django_db

D = date


@pytest.mark.parametrize(
    ("start", "end", "parts"),
    [
        # the head month is mostly inside: read whole, less its first 14 days; the tail: 10 days
        (D(2025, 1, 15), D(2025, 4, 10),
         RangeParts(months=(D(2025, 1, 1), D(2025, 3, 1)), days=((D(2025, 4, 1), D(2025, 4, 10)),),
                    less=((D(2025, 1, 1), D(2025, 1, 14)),))),
        (D(2025, 1, 1), D(2025, 3, 31), RangeParts(months=(D(2025, 1, 1), D(2025, 3, 1)))),
        (D(2024, 2, 1), D(2024, 2, 29), RangeParts(months=(D(2024, 2, 1), D(2024, 2, 1)))),
        (D(2025, 1, 15), D(2025, 2, 10),
         RangeParts(months=None, days=((D(2025, 1, 15), D(2025, 2, 10)),))),
        (D(2025, 3, 1), D(2025, 3, 1), RangeParts(months=None,
                                                  days=((D(2025, 3, 1), D(2025, 3, 1)),))),
        (D(2025, 1, 31), D(2025, 3, 1),
         RangeParts(months=(D(2025, 2, 1), D(2025, 2, 1)),
                    days=((D(2025, 1, 31), D(2025, 1, 31)), (D(2025, 3, 1), D(2025, 3, 1))))),
        (D(2025, 4, 16), D(2025, 5, 31),  # 15 days in, 15 out: the days are read
         RangeParts(months=(D(2025, 5, 1), D(2025, 5, 1)),
                    days=((D(2025, 4, 16), D(2025, 4, 30)),))),
        # the default year ending today: this month whole, less the days still to come
        (D(2025, 11, 23), D(2026, 11, 22),
         RangeParts(months=(D(2025, 12, 1), D(2026, 11, 1)),
                    days=((D(2025, 11, 23), D(2025, 11, 30)),),
                    less=((D(2026, 11, 23), D(2026, 11, 30)),))),
    ],
)  # fmt: skip
def test_a_range_splits_into_odd_days_and_whole_months(start, end, parts):
    assert split_range(start, end) == parts


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


def daily_only(service_ids, filters: BoardFilters):
    """The figures read from the daily rollups alone, every day of the range."""
    rows = DailyRollup.objects.filter(filters.rollup_q(), service_id__in=service_ids)
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
        for r in ThemeDailyRollup.objects.filter(filters.rollup_q(), service_id__in=service_ids)
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


# A range with the period before it (they share a span of days: one adds it, the other takes it
# away), and overlapping ranges, which are read one by one.
PERIOD_SETS = [
    [BoardFilters(start=D(2024, 11, 23), end=D(2025, 6, 22))],
    [RANGES[0], RANGES[0].previous, RANGES[0].previous.previous],
    [RANGES[1], RANGES[1].previous],
    [BoardFilters(start=D(2025, 1, 17), end=D(2025, 5, 12)),
     BoardFilters(start=D(2025, 2, 3), end=D(2025, 3, 20)),
     BoardFilters(start=D(2024, 10, 23), end=D(2025, 5, 22))],
]  # fmt: skip


@pytest.mark.parametrize("periods", PERIOD_SETS)
def test_periods_read_together_equal_each_read_from_the_daily_rollups(spread, periods):
    # given
    Feedback.objects.update(status=Status.PROCESSED)
    rebuild_rollups(since=D(2000, 1, 1))
    ids = [s.pk for s in spread]
    # when
    counts = period_sums(daily=DailyRollup, monthly=MonthlyRollup, periods=periods,
                         by=["service_id"], sums={c: c for c in COUNT_COLUMNS},
                         service_ids=ids)  # fmt: skip
    themes = theme_counts_by_period(service_ids=ids, periods=periods)
    # then
    for period, found, found_themes in zip(periods, counts, themes, strict=True):
        _t, _m, _s, per_service, expected_themes = daily_only(ids, period)
        assert {key[0]: cell for key, cell in found.items()} == per_service
        assert found_themes == {key: n for key, n in expected_themes.items() if n}


@pytest.mark.parametrize(
    "filters", [*RANGES, BoardFilters(start=D(2025, 6, 1), end=D(2025, 6, 30))]
)
def test_comments_read_together_are_each_themes_own(spread, filters):
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
    together = recent_comments_by_theme(service_id=service.pk, theme_ids=theme_ids,
                                        filters=filters)  # fmt: skip
    # then
    expected = {t: recent_comments(service_id=service.pk, theme_id=t, filters=filters)
                for t in theme_ids}  # fmt: skip
    assert any(expected.values())
    assert together == expected


@pytest.mark.parametrize("filters", RANGES)
def test_weeks_are_the_daily_rollups_summed_per_monday_and_channel(spread, filters):
    # given
    Feedback.objects.update(status=Status.PROCESSED)
    rebuild_rollups(since=D(2000, 1, 1))
    service = spread[0]
    expected: dict[date, dict] = {}
    for row in DailyRollup.objects.filter(filters.rollup_q(), service=service):
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
