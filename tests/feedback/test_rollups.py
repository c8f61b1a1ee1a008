"""Rollups, daily and monthly: the incremental path and a rebuild from rows agree."""

import itertools
from datetime import date, timedelta
from io import StringIO

import pytest

from django.core.management import call_command
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from feedback.choices import Channel, FftAnswer, Status
from feedback.factories import FeedbackFactory, FeedbackServiceFactory
from feedback.models import (
    DailyRollup,
    MonthlyRollup,
    MonthlyThemeRollup,
    MonthlyThemeTotal,
    Theme,
    ThemeDailyRollup,
)
from feedback.moderation import retag_feedback, set_hidden
from feedback.processing import process_feedback
from feedback.rollups import (
    COUNT_COLUMNS,
    RangeParts,
    rebuild_horizon,
    rebuild_monthly_rollups,
    rebuild_rollups,
    rollup_counts,
    split_range,
)
from feedback.themes import seed_default_themes
from tests.dates import on_awkward_days
from website.choices import LifecycleStage

pytestmark = pytest.mark.django_db

TEXTS = [
    "The nurses were lovely and the food was good.",
    "Waited three hours, nobody told me anything, and the car park was full.",
    "",
    "My medication was late and the ward was noisy at night.",
    "I want to kill myself.",
]


KEYS = ["service_id", "channel", "lifecycle_stage"]


def rollup_snapshot() -> tuple[set, set, set, set]:
    """Every non-zero rollup row, daily and monthly, as comparable tuples."""
    daily = {
        tuple(row)
        for row in DailyRollup.objects.filter(responses__gt=0).values_list(
            "service_id", "date", "channel", "lifecycle_stage", "responses", "very_good", "good",
            "neither", "poor", "very_poor", "dont_know", "sentiment_positive",
            "sentiment_neutral", "sentiment_negative", "flagged",
        )
    }  # fmt: skip
    themed = {
        tuple(row)
        for row in ThemeDailyRollup.objects.filter(count__gt=0).values_list(
            "service_id", "date", "channel", "lifecycle_stage", "theme_id", "count"
        )
    }
    monthly = {
        tuple(row)
        for row in MonthlyRollup.objects.filter(responses__gt=0).values_list(
            *KEYS, "month", *COUNT_COLUMNS
        )
    }
    monthly_themed = {
        tuple(row)
        for row in MonthlyThemeRollup.objects.filter(count__gt=0).values_list(
            *KEYS, "month", "theme_id", "count"
        )
    }
    return daily, themed, monthly, monthly_themed


def daily_summed_by_month() -> tuple[set, set]:
    """The daily rollups summed per calendar month, shaped like the monthly snapshot."""
    monthly = {
        tuple(row)
        for row in DailyRollup.objects.annotate(month=TruncMonth("date"))
        .values(*KEYS, "month")
        .annotate(**{f"total_{c}": Sum(c) for c in COUNT_COLUMNS})
        .values_list(*KEYS, "month", *(f"total_{c}" for c in COUNT_COLUMNS))
    }
    themed = {
        tuple(row)
        for row in ThemeDailyRollup.objects.annotate(month=TruncMonth("date"))
        .values(*KEYS, "month", "theme_id")
        .annotate(total=Sum("count"))
        .values_list(*KEYS, "month", "theme_id", "total")
    }
    return monthly, themed


def theme_totals() -> tuple[set, set]:
    """The monthly theme totals, and the monthly theme rollups summed over channel and stage."""
    totals = set(
        MonthlyThemeTotal.objects.filter(count__gt=0).values_list(
            "service_id", "month", "theme_id", "count"
        )
    )
    summed = set(
        MonthlyThemeRollup.objects.values("service_id", "month", "theme_id")
        .annotate(total=Sum("count"))
        .values_list("service_id", "month", "theme_id", "total")
    )
    return totals, summed


@pytest.fixture
def processed_mix(site_tree, travel):
    """Forty responses across two services, days, channels, stages and answers, processed."""
    seed_default_themes()
    services = [FeedbackServiceFactory(), FeedbackServiceFactory()]
    today = timezone.localdate()
    # Two days in one month and one in the month before, so months sum more than one day.
    days = [today, today.replace(day=1) if today.day > 1 else today - timedelta(days=1),
            today.replace(day=1) - timedelta(days=3)]  # fmt: skip
    combos = list(itertools.product(services, days, [Channel.WEB, Channel.PAPER]))
    rows = []
    for n, (service, day, channel) in enumerate(itertools.cycle(combos)):
        if n == 40:
            break
        rows.append(
            FeedbackFactory(
                service=service,
                given_on=day,
                channel=channel,
                lifecycle_stage=list(LifecycleStage)[n // len(combos) % 3],
                fft_answer=list(FftAnswer)[n % 6],
                text=TEXTS[n % len(TEXTS)],
            )
        )
    for row in rows:
        process_feedback(feedback_id=row.pk)
    return rows


@on_awkward_days
def test_incremental_rollups_equal_a_rebuild(processed_mix):
    # given
    incremental = rollup_snapshot()
    assert sum(r[4] for r in incremental[0]) == 40
    totals = theme_totals()[0]
    # when
    written = rebuild_rollups()
    # then
    assert rollup_snapshot() == incremental
    assert theme_totals()[0] == totals
    assert written == sum(len(rows) for rows in incremental) + len(totals)


@on_awkward_days
def test_monthly_rollups_are_the_daily_ones_summed_after_processing(processed_mix):
    # given: processed_mix went through the incremental path only
    _daily, _themed, monthly, monthly_themed = rollup_snapshot()
    # then
    assert len(monthly) < len(_daily)
    assert (monthly, monthly_themed) == daily_summed_by_month()
    totals, summed = theme_totals()
    assert totals
    assert totals == summed


def test_monthly_rollups_are_the_daily_ones_summed_after_a_rebuild(processed_mix):
    # given: wrong monthly counts
    MonthlyRollup.objects.update(responses=999)
    MonthlyThemeRollup.objects.all().delete()
    MonthlyThemeTotal.objects.update(count=999)
    # when
    rebuild_rollups()
    # then
    _daily, _themed, monthly, monthly_themed = rollup_snapshot()
    assert monthly_themed
    assert (monthly, monthly_themed) == daily_summed_by_month()
    assert theme_totals()[0] == theme_totals()[1]


@on_awkward_days
def test_rebuilding_some_months_leaves_earlier_months_and_other_services_alone(processed_mix):
    # given: wrong monthly counts everywhere
    first = processed_mix[0].service_id
    expected = rollup_snapshot()
    MonthlyRollup.objects.update(responses=999)
    this_month = timezone.localdate().replace(day=1)
    # when: only this month of the first service is rebuilt
    written = rebuild_monthly_rollups(service_ids=[first], since=timezone.localdate())
    # then
    rebuilt = MonthlyRollup.objects.filter(service_id=first, month=this_month)
    rebuilt_themes = MonthlyThemeRollup.objects.filter(service_id=first, month=this_month)
    rebuilt_totals = MonthlyThemeTotal.objects.filter(service_id=first, month=this_month)
    assert written == rebuilt.count() + rebuilt_themes.count() + rebuilt_totals.count()
    assert 999 not in set(rebuilt.values_list("responses", flat=True))
    untouched = MonthlyRollup.objects.exclude(pk__in=rebuilt)
    assert set(untouched.values_list("responses", flat=True)) == {999}
    rebuild_monthly_rollups()
    assert rollup_snapshot() == expected


def test_the_management_command_gives_the_same_numbers(processed_mix):
    incremental = rollup_snapshot()
    DailyRollup.objects.update(responses=999)
    out = StringIO()

    call_command("rebuild_rollups", stdout=out)

    assert rollup_snapshot() == incremental
    assert "rows written" in out.getvalue()


def test_rebuild_for_one_service_leaves_the_others_alone(processed_mix):
    first, second = {row.service_id for row in processed_mix}
    DailyRollup.objects.filter(service_id=second).update(responses=999)
    DailyRollup.objects.filter(service_id=first).delete()

    rebuild_rollups(service_ids=[first])

    assert DailyRollup.objects.filter(service_id=first).exists()
    assert set(
        DailyRollup.objects.filter(service_id=second).values_list("responses", flat=True)
    ) == {999}


def test_hidden_responses_still_count(processed_mix):
    before = rollup_snapshot()
    for row in processed_mix[:5]:
        set_hidden(feedback=row, hidden=True)

    rebuild_rollups()

    assert rollup_snapshot() == before


def test_unprocessed_and_failed_responses_do_not_count(processed_mix):
    before = rollup_snapshot()
    FeedbackFactory(service=processed_mix[0].service, status=Status.RECEIVED)
    FeedbackFactory(service=processed_mix[0].service, status=Status.FAILED)

    rebuild_rollups()

    assert rollup_snapshot() == before


def test_retagging_moves_theme_counts_as_a_rebuild_would(processed_mix):
    # given
    feedback = processed_mix[1]
    medication = Theme.objects.get(slug="medication")
    # when
    retag_feedback(feedback=feedback, theme_ids=[medication.pk])
    # then
    assert list(feedback.themes.all()) == [medication]
    after_retag = rollup_snapshot()
    totals_after_retag, summed = theme_totals()
    assert totals_after_retag == summed
    rebuild_rollups()
    assert rollup_snapshot() == after_retag
    assert theme_totals()[0] == totals_after_retag
    assert not ThemeDailyRollup.objects.filter(count=0).exists()
    assert not MonthlyThemeRollup.objects.filter(count=0).exists()
    assert not MonthlyThemeTotal.objects.filter(count=0).exists()
    assert after_retag[3] == daily_summed_by_month()[1]
    assert theme_totals()[0] == theme_totals()[1]


@on_awkward_days
def test_days_past_retention_keep_their_counts(site_tree, settings, travel):
    # given: a day older than retention whose rows were deleted but whose rollups are kept
    settings.FEEDBACK_RETENTION_DAYS = 30
    service = FeedbackServiceFactory()
    old_day = rebuild_horizon() - timedelta(days=1)
    DailyRollup.objects.create(
        service=service, date=old_day, channel=Channel.WEB,
        lifecycle_stage=LifecycleStage.DELIVERY, responses=7, good=7,
    )  # fmt: skip
    # its month's rollups as the incremental path left them (the horizon may start a new month)
    rebuild_monthly_rollups()
    recent = FeedbackFactory(service=service)
    process_feedback(feedback_id=recent.pk)
    # when
    rebuild_rollups()
    # then
    assert DailyRollup.objects.get(service=service, date=old_day).responses == 7
    assert DailyRollup.objects.get(service=service, date=recent.given_on).responses == 1
    # the horizon's month is rebuilt whole, so it still counts the kept day
    assert rollup_snapshot()[2] == daily_summed_by_month()[0]


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


PERIOD_OF = {
    "day": lambda day: day,
    "week": lambda day: day - timedelta(days=day.weekday()),
    "month": lambda day: day.replace(day=1),
}
ROW_FIELD = {"service": "service_id", "channel": "channel", "stage": "lifecycle_stage",
             "theme": "theme_id"}  # fmt: skip


@pytest.mark.parametrize(
    ("by", "filtered"),
    [(["day"], False), (["week", "channel"], False), (["month", "stage"], False),
     (["service", "channel", "stage"], False), ([], True), (["theme"], False),
     (["month", "service", "theme"], True), (["week", "theme", "channel"], False),
     (["month", "theme"], False)],
)  # fmt: skip
@pytest.mark.parametrize("first_day_back", [10, 35, 50])
def test_counts_read_equal_the_daily_rollups_summed_in_python(
    processed_mix, by, filtered, first_day_back
):
    # given a range from some days back to today, and the daily rollup rows it covers
    end = timezone.localdate()
    start = end - timedelta(days=first_day_back)
    channel = Channel.WEB if filtered else ""
    themed = "theme" in by
    columns = ["responses"] if themed else COUNT_COLUMNS
    model = ThemeDailyRollup if themed else DailyRollup
    expected: dict[tuple, dict] = {}
    for row in model.objects.filter(date__range=(start, end)):
        if channel and row.channel != channel:
            continue
        key = tuple(PERIOD_OF[n](row.date) if n in PERIOD_OF else getattr(row, ROW_FIELD[n])
                    for n in by)  # fmt: skip
        cell = expected.setdefault(key, dict.fromkeys(columns, 0))
        for column in columns:
            cell[column] += row.count if themed else getattr(row, column)
    ids = {row.service_id for row in processed_mix}
    # when
    found = rollup_counts(service_ids=ids, start=start, end=end, by=by, channel=channel,
                          columns=columns)  # fmt: skip
    # then
    assert expected
    assert found == expected
