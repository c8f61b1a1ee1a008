"""Processing one response: analysis, rollups, the safeguarding flag, and doing it only once."""

import threading

import pytest

from django.db import connection

from feedback.choices import FftAnswer, SafeguardingStatus, Sentiment, Status
from feedback.factories import FeedbackFactory
from feedback.models import DailyRollup, Feedback, FeedbackTheme, ThemeDailyRollup
from feedback.processing import process_feedback
from feedback.themes import seed_default_themes

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(db):
    seed_default_themes()


def test_a_response_is_analysed_counted_and_marked_processed(service, themes):
    # given
    feedback = FeedbackFactory(
        service=service,
        fft_answer=FftAnswer.POOR,
        text="Waited four hours and the receptionist was rude. The ward was dirty.",
    )
    # when
    did_work = process_feedback(feedback_id=feedback.pk)
    # then
    assert did_work
    feedback.refresh_from_db()
    assert feedback.status == Status.PROCESSED
    assert feedback.processed_at is not None
    assert feedback.sentiment == Sentiment.NEGATIVE
    assert feedback.sentiment_score < 0
    assert feedback.safeguarding_status == ""
    polarities = dict(
        FeedbackTheme.objects.filter(feedback=feedback).values_list("theme__slug", "polarity")
    )
    assert polarities == {"timeliness": "negative", "staff-manner": "negative",
                          "cleanliness": "negative"}  # fmt: skip
    rollup = DailyRollup.objects.get(service=service, date=feedback.given_on)
    assert (rollup.responses, rollup.poor, rollup.very_good) == (1, 1, 0)
    assert (rollup.sentiment_negative, rollup.flagged) == (1, 0)
    assert ThemeDailyRollup.objects.filter(service=service).count() == feedback.themes.count()
    assert set(ThemeDailyRollup.objects.values_list("count", "positive", "negative")) == {(1, 0, 1)}


def test_a_plain_complaint_is_negative_from_the_answer_it_explains(service, themes):
    # given a very poor answer whose comment has no word VADER can weigh
    text = "I waited over three hours and nobody told me why."
    feedback = FeedbackFactory(service=service, fft_answer=FftAnswer.VERY_POOR, text=text)
    # when
    process_feedback(feedback_id=feedback.pk)
    # then it counts as negative, with VADER's own score kept
    feedback.refresh_from_db()
    assert (feedback.sentiment, feedback.sentiment_score) == (Sentiment.NEGATIVE, 0.0)
    assert DailyRollup.objects.get(service=service).sentiment_negative == 1


def test_processing_twice_counts_once(service, themes):
    feedback = FeedbackFactory(service=service, text="The nurses were kind but the food was cold.")

    assert process_feedback(feedback_id=feedback.pk) is True
    assert process_feedback(feedback_id=feedback.pk) is False

    rollup = DailyRollup.objects.get(service=service)
    assert rollup.responses == 1
    assert set(ThemeDailyRollup.objects.values_list("count", flat=True)) == {1}
    slugs = list(feedback.themes.order_by("slug").values_list("slug", flat=True))
    assert slugs == ["food-and-drink", "staff-manner"]


def test_a_deleted_response_is_skipped(service):
    feedback = FeedbackFactory(service=service)
    pk = feedback.pk
    feedback.delete()

    assert process_feedback(feedback_id=pk) is False
    assert not DailyRollup.objects.exists()


def test_blank_text_has_no_sentiment_and_no_themes(service, themes):
    feedback = FeedbackFactory(service=service, text="", fft_answer=FftAnswer.DONT_KNOW)

    process_feedback(feedback_id=feedback.pk)

    feedback.refresh_from_db()
    assert (feedback.sentiment, feedback.sentiment_score) == ("", None)
    assert not feedback.themes.exists()
    rollup = DailyRollup.objects.get(service=service)
    assert (rollup.responses, rollup.dont_know) == (1, 1)
    assert rollup.sentiment_positive + rollup.sentiment_neutral + rollup.sentiment_negative == 0


def test_a_failed_response_is_still_processed_when_a_delivery_arrives(service):
    feedback = FeedbackFactory(service=service, status=Status.FAILED, attempts=5)

    assert process_feedback(feedback_id=feedback.pk)

    feedback.refresh_from_db()
    assert feedback.status == Status.PROCESSED


def test_a_disclosure_is_flagged_and_its_alert_queued_after_commit(
    service, django_capture_on_commit_callbacks
):
    feedback = FeedbackFactory(service=service, text="I want to end my life, nobody listens.")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        process_feedback(feedback_id=feedback.pk)

    feedback.refresh_from_db()
    assert feedback.safeguarding_status == SafeguardingStatus.NEW
    assert feedback.safeguarding_reasons == ["self_harm"]
    assert DailyRollup.objects.get(service=service).flagged == 1
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    "text",
    [
        "I could kill for a cup of tea after waiting so long.",
        "The cake in the cafe is to die for.",
        "The wait was killing me but the nurses were great.",
    ],
)
def test_everyday_idioms_are_not_flagged(service, text, django_capture_on_commit_callbacks):
    feedback = FeedbackFactory(service=service, text=text)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        process_feedback(feedback_id=feedback.pk)

    feedback.refresh_from_db()
    assert feedback.safeguarding_status == ""
    assert callbacks == []


@pytest.mark.django_db(transaction=True)
def test_three_concurrent_runs_count_the_response_once(site_tree):
    # given: a response, and three threads that each process it at the same moment
    seed_default_themes()
    feedback = FeedbackFactory(text="The nurses were kind but the food was cold.")
    barrier = threading.Barrier(3)
    results: list[bool] = []

    def run():
        try:
            barrier.wait()
            results.append(process_feedback(feedback_id=feedback.pk))
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then: one run did the work, the others found it done
    assert sorted(results) == [False, False, True]
    assert DailyRollup.objects.get(service=feedback.service).responses == 1
    assert set(ThemeDailyRollup.objects.values_list("count", flat=True)) == {1}
    assert Feedback.objects.get(pk=feedback.pk).status == Status.PROCESSED


def test_a_disclosure_in_an_extra_answer_is_flagged(service, django_capture_on_commit_callbacks):
    answers = [{"question_id": 1, "label": "Anything else?", "kind": "multi_line",
                "answer": "My partner hits me at home."}]  # fmt: skip
    feedback = FeedbackFactory(service=service, text="Good care.", answers=answers)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        process_feedback(feedback_id=feedback.pk)

    feedback.refresh_from_db()
    assert feedback.safeguarding_reasons == ["abuse"]
    assert len(callbacks) == 1
