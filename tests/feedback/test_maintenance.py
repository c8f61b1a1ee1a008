"""The sweeper (stuck responses, unsent alerts) and retention, called directly on real Redis."""

import base64
import json
from datetime import timedelta

import pytest
import redis

from django.conf import settings
from django.utils import timezone

from feedback.alerts import retry_delay
from feedback.choices import ContactOutcome, SafeguardingStatus, Status
from feedback.factories import ContactRequestFactory, FeedbackFactory
from feedback.maintenance import MAX_ATTEMPTS, SWEEP_GRACE, enforce_retention, sweep_stuck_feedback
from feedback.models import ContactRequest, DailyRollup, Feedback
from feedback.processing import process_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(redis_server):
    """The test Redis the tasks are published to; its queues are emptied around each test."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("feedback", "email", "maintenance")
    yield client
    client.delete("feedback", "email", "maintenance")


def queued_ids(client, queue: str) -> list[int]:
    """The feedback IDs of the tasks waiting in a queue."""
    messages = [json.loads(raw) for raw in client.lrange(queue, 0, -1)]
    return sorted(json.loads(base64.b64decode(m["body"]))[0][0] for m in messages)


def minutes_ago(n: float):
    return timezone.now() - timedelta(minutes=n)


def test_the_sweeper_requeues_responses_stuck_past_the_grace_period(service, broker):
    # given
    stuck = FeedbackFactory(service=service, received_at=minutes_ago(3))
    fresh = FeedbackFactory(service=service, received_at=minutes_ago(1))
    done = FeedbackFactory(service=service, received_at=minutes_ago(10), status=Status.PROCESSED)
    # when
    counts = sweep_stuck_feedback()
    # then
    assert counts == {"requeued": 1, "failed": 0, "alerts": 0}
    assert queued_ids(broker, "feedback") == [stuck.pk]
    stuck.refresh_from_db()
    assert stuck.attempts == 1
    assert stuck.queued_at is not None
    assert Feedback.objects.get(pk=fresh.pk).attempts == 0
    assert Feedback.objects.get(pk=done.pk).attempts == 0


def test_each_requeue_waits_twice_as_long_and_five_attempts_end_in_failed(service, broker):
    # given
    feedback = FeedbackFactory(service=service, received_at=minutes_ago(3))
    now = timezone.now()
    # when / then: attempts 1..5, each after its doubled wait and not before
    for attempt in range(MAX_ATTEMPTS):
        wait = SWEEP_GRACE * (2**attempt)
        feedback.refresh_from_db()
        last = feedback.queued_at or feedback.received_at
        assert sweep_stuck_feedback(now=last + wait - timedelta(seconds=1))["requeued"] == 0
        now = last + wait + timedelta(seconds=1)
        assert sweep_stuck_feedback(now=now)["requeued"] == 1
        feedback.refresh_from_db()
        assert feedback.attempts == attempt + 1
    # then: after the last wait it is failed, with a reason, and no longer re-queued
    counts = sweep_stuck_feedback(now=now + SWEEP_GRACE * (2**MAX_ATTEMPTS) + timedelta(seconds=1))
    assert counts == {"requeued": 0, "failed": 1, "alerts": 0}
    feedback.refresh_from_db()
    assert feedback.status == Status.FAILED
    assert feedback.last_error
    assert len(queued_ids(broker, "feedback")) == MAX_ATTEMPTS


def test_with_redis_down_the_sweeper_counts_no_attempt(service, redis_outage):
    feedback = FeedbackFactory(service=service, received_at=minutes_ago(3))

    counts = sweep_stuck_feedback()

    assert counts["requeued"] == 0
    feedback.refresh_from_db()
    assert (feedback.status, feedback.attempts) == (Status.RECEIVED, 0)


def test_the_sweeper_requeues_alerts_that_were_never_sent(service, broker):
    # given: a flagged response processed five minutes ago whose alert was lost
    feedback = FeedbackFactory(service=service, text="He said he would kill me.")
    process_feedback(feedback_id=feedback.pk)
    Feedback.objects.filter(pk=feedback.pk).update(processed_at=minutes_ago(5))
    broker.delete("email")
    sent = FeedbackFactory(
        service=service,
        status=Status.PROCESSED,
        processed_at=minutes_ago(5),
        safeguarding_status=SafeguardingStatus.NEW,
        alert_sent_at=minutes_ago(5),
    )
    # when
    counts = sweep_stuck_feedback()
    # then
    assert counts["alerts"] == 1
    assert queued_ids(broker, "email") == [feedback.pk]
    assert sent.pk not in queued_ids(broker, "email")


def test_retention_deletes_old_feedback_and_contact_details_but_keeps_rollups(service, settings):
    # given
    settings.FEEDBACK_RETENTION_DAYS = 3 * 365
    settings.CONTACT_RETENTION_DAYS = 90
    now = timezone.now()
    old = FeedbackFactory(service=service, received_at=now - timedelta(days=3 * 365 + 1))
    process_feedback(feedback_id=old.pk)
    kept = FeedbackFactory(service=service, received_at=now - timedelta(days=3 * 365 - 1))
    # a request followed up 91 days ago, one 89 days ago, and one a year old with no outcome
    followed_up = ContactRequestFactory(feedback=kept)
    ContactRequest.objects.filter(pk=followed_up.pk).update(
        created_at=now - timedelta(days=95), outcome=ContactOutcome.CONTACTED,
        outcome_at=now - timedelta(days=91),
    )  # fmt: skip
    recent_outcome = ContactRequestFactory(feedback=FeedbackFactory(service=service))
    ContactRequest.objects.filter(pk=recent_outcome.pk).update(
        created_at=now - timedelta(days=95), outcome=ContactOutcome.NOT_NEEDED,
        outcome_at=now - timedelta(days=89),
    )  # fmt: skip
    no_outcome = ContactRequestFactory(feedback=FeedbackFactory(service=service))
    ContactRequest.objects.filter(pk=no_outcome.pk).update(created_at=now - timedelta(days=365))
    # when
    counts = enforce_retention(now=now)
    # then: only the details 90 days past their outcome go; the outcome itself stays
    assert counts == {"contact_requests": 1, "feedback": 1}
    assert not Feedback.objects.filter(pk=old.pk).exists()
    assert Feedback.objects.filter(pk=kept.pk).exists()
    erased = ContactRequest.objects.get(pk=followed_up.pk)
    assert (bytes(erased.details), erased.details_deleted_at) == (b"", now)
    assert erased.outcome == ContactOutcome.CONTACTED
    for untouched in (recent_outcome, no_outcome):
        row = ContactRequest.objects.get(pk=untouched.pk)
        assert bytes(row.details) and row.details_deleted_at is None
    assert DailyRollup.objects.get(service=service, date=old.given_on).responses == 1
    # and a second run has nothing left to do
    assert enforce_retention(now=now) == {"contact_requests": 0, "feedback": 0}


def test_the_sweeper_leaves_failed_alerts_and_waits_for_the_tasks_own_retry(service, broker):
    # given: one alert marked failed, one that failed twice a moment ago (its task retries it)
    failed = FeedbackFactory(
        service=service,
        status=Status.PROCESSED,
        processed_at=minutes_ago(30),
        safeguarding_status=SafeguardingStatus.NEW,
        alert_attempts=5,
        alert_attempted_at=minutes_ago(20),
        alert_failed_at=minutes_ago(20),
    )
    retrying = FeedbackFactory(service=service, status=Status.PROCESSED,
                               processed_at=minutes_ago(30),
                               safeguarding_status=SafeguardingStatus.NEW, alert_attempts=2,
                               alert_attempted_at=timezone.now())  # fmt: skip
    # when / then: neither is queued
    assert sweep_stuck_feedback()["alerts"] == 0
    # when / then: once the task's retry is overdue by the grace period, the sweeper steps in
    wait = timedelta(seconds=retry_delay(2)) + SWEEP_GRACE
    assert sweep_stuck_feedback(now=timezone.now() + wait + timedelta(seconds=1))["alerts"] == 1
    assert queued_ids(broker, "email") == [retrying.pk]
    assert failed.pk not in queued_ids(broker, "email")


def test_the_sweeper_leaves_alerts_another_worker_is_sending(service, broker):
    feedback = FeedbackFactory(
        service=service,
        status=Status.PROCESSED,
        processed_at=minutes_ago(5),
        safeguarding_status=SafeguardingStatus.NEW,
        alert_claimed_at=minutes_ago(1),
    )

    assert sweep_stuck_feedback()["alerts"] == 0

    Feedback.objects.filter(pk=feedback.pk).update(alert_claimed_at=minutes_ago(6))
    assert sweep_stuck_feedback()["alerts"] == 1
