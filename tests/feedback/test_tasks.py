"""The Celery tasks, called directly: their wiring (names, queues, retries), not the services."""

import pytest

from django.db import OperationalError

from feedback import processing, tasks
from feedback.choices import Status
from feedback.factories import FeedbackFactory
from feedback.models import Feedback
from website.celery_app import app
from website.models import Heartbeat


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        (tasks.process_feedback, "feedback"),
        (tasks.send_safeguarding_alert, "email"),
        (tasks.sweep_stuck_feedback, "maintenance"),
        (tasks.enforce_retention, "maintenance"),
    ],
)
def test_each_task_goes_to_its_queue(task, queue):
    assert app.amqp.router.route({}, task.name)["queue"].name == queue


def test_process_feedback_acknowledges_late():
    assert tasks.process_feedback.name == "feedback.tasks.process_feedback"
    assert tasks.process_feedback.acks_late is True


@pytest.mark.django_db
def test_the_task_processes_the_response(service):
    feedback = FeedbackFactory(service=service)

    tasks.process_feedback(feedback.pk)

    assert Feedback.objects.get(pk=feedback.pk).status == Status.PROCESSED


@pytest.mark.django_db
def test_a_transient_database_error_is_retried_then_recorded(service, monkeypatch):
    # given: a database that stays locked
    feedback = FeedbackFactory(service=service)
    calls = []

    def locked(*, feedback_id):
        calls.append(feedback_id)
        raise OperationalError("database is locked")

    monkeypatch.setattr(processing, "process_feedback", locked)
    # when
    result = tasks.process_feedback.apply(args=[feedback.pk])
    # then: tried once and retried MAX_RETRIES times, the row left for the sweeper with a reason
    assert isinstance(result.result, OperationalError)
    assert len(calls) == tasks.MAX_RETRIES + 1
    feedback.refresh_from_db()
    assert (feedback.status, feedback.last_error) == (
        Status.RECEIVED,
        "OperationalError (database locked)",
    )


@pytest.mark.django_db
def test_a_failure_that_cannot_be_recorded_is_still_retried(service, monkeypatch):
    # given: the database is locked for the work and for noting the failure alike
    feedback = FeedbackFactory(service=service)
    calls = []

    def locked(*, feedback_id, **kwargs):
        calls.append(feedback_id)
        raise OperationalError("database is locked")

    monkeypatch.setattr(processing, "process_feedback", locked)
    monkeypatch.setattr(processing, "record_failure", locked)
    # when
    result = tasks.process_feedback.apply(args=[feedback.pk])
    # then: every retry still happened (one call to the work and one to the note each time)
    assert isinstance(result.result, OperationalError)
    assert len(calls) == 2 * (tasks.MAX_RETRIES + 1)


@pytest.mark.django_db
def test_the_sweep_records_its_heartbeat(redis_server):
    counts = tasks.sweep_stuck_feedback()

    assert counts == {"requeued": 0, "failed": 0, "alerts": 0}
    assert Heartbeat.objects.filter(name=tasks.SWEEP_HEARTBEAT).exists()
