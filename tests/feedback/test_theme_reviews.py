"""Per-theme signs written by the worker, moved by a retag, and staff agreement from reviews."""

import pytest

from django.utils import timezone

from feedback.choices import ThemeReviewOutcome
from feedback.factories import FeedbackFactory
from feedback.models import FeedbackTheme, Theme, ThemeReview
from feedback.moderation import retag_feedback
from feedback.processing import process_feedback
from feedback.rollups import rebuild_rollups, rollup_counts
from feedback.theme_reviews import theme_agreement

pytestmark = pytest.mark.django_db
COLUMNS = ["responses", "positive", "negative"]


def slug_ids(*slugs):
    return [Theme.objects.get(slug=slug).pk for slug in slugs]


def theme_columns(service):
    today = timezone.localdate()
    found = rollup_counts(service_ids=[service.pk], start=today, end=today, by=["theme"],
                          columns=COLUMNS)  # fmt: skip
    return {key[0]: row for key, row in found.items()}


def test_the_worker_stores_each_themes_sign_and_counts_it(service, travel):
    # given
    text = "The nurses were lovely but the parking was awful."
    feedback = FeedbackFactory(service=service, given_on=timezone.localdate(), text=text)
    # when
    process_feedback(feedback_id=feedback.pk)
    # then
    staff, parking = slug_ids("staff-manner", "parking")
    links = dict(FeedbackTheme.objects.values_list("theme_id", "polarity"))
    assert links == {staff: "positive", parking: "negative"}
    assert theme_columns(service) == {
        staff: {"responses": 1, "positive": 1, "negative": 0},
        parking: {"responses": 1, "positive": 0, "negative": 1},
    }


def test_a_retag_moves_sign_counts_records_the_review_and_matches_a_rebuild(service, travel):
    # given two processed responses
    today = timezone.localdate()
    first = FeedbackFactory(service=service, given_on=today,
                            text="Waited four hours and the receptionist was rude.")  # fmt: skip
    second = FeedbackFactory(service=service, given_on=today, text="Friendly staff, quick.")
    for row in (first, second):
        process_feedback(feedback_id=row.pk)
    staff, timeliness, parking = slug_ids("staff-manner", "timeliness", "parking")

    # when staff keep one response's themes and change the other's
    retag_feedback(feedback=second, theme_ids=[staff, timeliness])
    retag_feedback(feedback=first, theme_ids=[staff, parking])

    # then the rollups equal a rebuild from the rows, signs included
    incremental = theme_columns(service)
    rebuild_rollups(service_ids=[service.pk])
    assert theme_columns(service) == incremental
    assert incremental[timeliness] == {"responses": 1, "positive": 1, "negative": 0}
    assert incremental[parking] == {"responses": 1, "positive": 0, "negative": 0}
    # and the reviews say what staff did with each automatic theme
    outcomes = set(ThemeReview.objects.values_list("feedback_id", "theme_id", "outcome"))
    assert outcomes == {
        (second.pk, staff, ThemeReviewOutcome.KEPT),
        (second.pk, timeliness, ThemeReviewOutcome.KEPT),
        (first.pk, staff, ThemeReviewOutcome.KEPT),
        (first.pk, timeliness, ThemeReviewOutcome.REMOVED),
        (first.pk, parking, ThemeReviewOutcome.ADDED),
    }
    agreement = theme_agreement(service_ids=[service.pk], start=today, end=today)
    assert (agreement.responses, agreement.unchanged, agreement.changed) == (2, 1, 1)
    assert agreement.percent_unchanged == 50.0
    assert (agreement.themes[staff].kept, agreement.themes[staff].percent_kept) == (2, 100.0)
    assert (agreement.themes[timeliness].kept, agreement.themes[timeliness].removed) == (1, 1)
    assert agreement.themes[parking].added == 1


def test_reviewing_again_replaces_the_review_against_the_automatic_themes(service, travel):
    # given a response whose automatic theme staff removed
    row = FeedbackFactory(service=service, given_on=timezone.localdate(), text="Rude staff.")
    process_feedback(feedback_id=row.pk)
    staff, parking = slug_ids("staff-manner", "parking")
    retag_feedback(feedback=row, theme_ids=[parking])
    # when they put it back and drop their own addition
    retag_feedback(feedback=row, theme_ids=[staff])
    # then the automatic theme counts as kept and nothing as added
    assert set(ThemeReview.objects.values_list("theme_id", "outcome")) == {
        (staff, ThemeReviewOutcome.KEPT)
    }
