"""The pipeline on a real Redis with a real Celery worker: nothing is lost or counted twice."""

import uuid
from datetime import timedelta

import pytest
import redis

from django.conf import settings
from django.utils import timezone

from feedback.choices import FftAnswer, SafeguardingStatus, Status
from feedback.factories import FeedbackFactory, FeedbackServiceFactory
from feedback.intake import submit_feedback
from feedback.maintenance import sweep_stuck_feedback
from feedback.models import DailyRollup, Feedback
from feedback.queue import circuit, enqueue_processing
from feedback.tasks import process_feedback
from feedback.themes import seed_default_themes
from tests.feedback.test_rollups import rollup_snapshot
from tests.realservices import restart_workers_after_outage, wait_until
from website.choices import ServiceRoleName
from website.factories import ServiceRoleFactory, UserFactory

pytestmark = pytest.mark.integration

TEXTS = [
    "The nurses were kind and explained everything.",
    "Waited five hours and nobody told me why.",
    "Parking was impossible and the ward was noisy.",
]


def _fresh_start(worker):
    """The default themes (a flush removes them) and empty queues and mail."""
    seed_default_themes()
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    # A worker killed by an earlier test leaves unacknowledged messages behind.
    client.delete("feedback", "email", "maintenance", "unacked", "unacked_index")
    for message in worker.mail_dir.iterdir():
        message.unlink()
    return worker


@pytest.fixture
def pipeline(celery_worker, site_tree):
    """A running worker on fresh queues."""
    return _fresh_start(celery_worker)


@pytest.fixture
def supervised_pipeline(supervised_worker, site_tree):
    """A worker under supervisord, as `make run` and deploy/ run theirs, on fresh queues."""
    return _fresh_start(supervised_worker)


def all_processed() -> bool:
    return not Feedback.objects.exclude(status=Status.PROCESSED).exists()


def assert_rollups_match_a_rebuild(expected_responses: int) -> None:
    from feedback.rollups import rebuild_rollups

    incremental = rollup_snapshot()
    assert sum(row[4] for row in incremental[0]) == expected_responses
    rebuild_rollups()
    assert rollup_snapshot() == incremental


def sweep_everything() -> None:
    """What beat's sweeper does once the grace period has passed for every row."""
    sweep_stuck_feedback(now=timezone.now() + timedelta(minutes=10))


def queues_drained() -> bool:
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    waiting = client.llen("feedback") + client.llen("email")
    return waiting == 0 and client.hlen("unacked") == 0


def test_a_submission_ends_processed(pipeline):
    # given
    service = FeedbackServiceFactory()
    # when
    submission = submit_feedback(
        service=service,
        fft_answer=FftAnswer.GOOD,
        text="The staff were lovely but I waited two hours.",
        submission_key=uuid.uuid4(),
    )
    # then
    feedback = submission.feedback
    wait_until(lambda: Feedback.objects.get(pk=feedback.pk).status == Status.PROCESSED)
    feedback.refresh_from_db()
    assert feedback.themes.filter(slug="timeliness").exists()
    assert DailyRollup.objects.get(service=service).good == 1


def test_redis_stopping_mid_run_loses_nothing(pipeline, redis_server):
    # given: a run under way
    service = FeedbackServiceFactory()
    first = [FeedbackFactory(service=service, text=TEXTS[n % 3]) for n in range(60)]
    for row in first:
        enqueue_processing(row.pk)
    # when: Redis stops (taking its queued messages with it) while more arrives
    redis_server.stop()
    during = [FeedbackFactory(service=service, text=TEXTS[n % 3]) for n in range(5)]
    assert not any(enqueue_processing(row.pk) for row in during)
    redis_server.start()
    # Celery's own reconnect can stall with late acks (see tests/conftest.py), so the worker
    # comes back the way a liveness check would bring it back.
    restart_workers_after_outage()
    # then: once the sweeper runs, every response ends processed and counted once
    sweep_everything()
    wait_until(all_processed, timeout=120)
    assert_rollups_match_a_rebuild(65)


@pytest.mark.parametrize("how", ["stop", "kill"])
def test_processing_resumes_by_itself_when_redis_dies_while_the_worker_holds_messages(
    supervised_pipeline, redis_server, how
):
    # given: the supervised worker part way through a queue, holding unacknowledged messages
    service = FeedbackServiceFactory()
    rows = [FeedbackFactory(service=service, text=TEXTS[n % 3]) for n in range(200)]
    for row in rows:
        enqueue_processing(row.pk)
    wait_until(lambda: Feedback.objects.filter(status=Status.PROCESSED).exists(), interval=0.01)
    assert Feedback.objects.exclude(status=Status.PROCESSED).exists()
    # when: Redis goes away (SIGTERM or SIGKILL) and comes back; nobody touches the worker, which
    # kombu 5.7 sometimes brings down ("Restoring unacknowledged message(s)", then an
    # AttributeError on 'hostname'), and supervisord starts it again
    getattr(redis_server, how)()
    redis_server.start()
    circuit.close()  # this test process's own circuit; the worker has its own reconnect

    # then: with beat's sweeper running (every few seconds here), every row ends processed once
    def swept_and_done() -> bool:
        sweep_everything()
        return all_processed()

    wait_until(swept_and_done, timeout=150, interval=3)
    assert supervised_pipeline.worker_pid() is not None
    assert_rollups_match_a_rebuild(len(rows))


def test_killing_the_worker_mid_task_loses_nothing(pipeline):
    # given: a queue of work the worker is part way through
    service = FeedbackServiceFactory()
    rows = [FeedbackFactory(service=service, text=TEXTS[n % 3]) for n in range(300)]
    for row in rows:
        enqueue_processing(row.pk)
    wait_until(lambda: Feedback.objects.filter(status=Status.PROCESSED).exists(), interval=0.01)
    # when: the worker dies at once, as a crashed machine would, and comes back
    pipeline.kill()
    processed_at_kill = Feedback.objects.filter(status=Status.PROCESSED).count()
    assert processed_at_kill < len(rows)
    pipeline.start()
    sweep_everything()
    # then
    wait_until(all_processed, timeout=90)
    assert_rollups_match_a_rebuild(300)


def test_the_same_task_delivered_three_times_counts_and_alerts_once(pipeline):
    # given: a flagged response for a service with a safeguarding lead
    service = FeedbackServiceFactory()
    ServiceRoleFactory(
        service=service,
        role=ServiceRoleName.SAFEGUARDING_LEAD,
        user=UserFactory(username="sam-lead", email="sam.lead@example.nhs.uk"),
    )
    feedback = FeedbackFactory(service=service, text="Some days I want to kill myself.")
    # when: three deliveries of the same task through the real broker
    for _ in range(3):
        process_feedback.apply_async(args=[feedback.pk])
    # then
    wait_until(lambda: Feedback.objects.get(pk=feedback.pk).alert_sent_at is not None)
    wait_until(queues_drained)
    feedback.refresh_from_db()
    assert feedback.status == Status.PROCESSED
    assert feedback.safeguarding_status == SafeguardingStatus.NEW
    assert DailyRollup.objects.get(service=service).responses == 1
    assert DailyRollup.objects.get(service=service).flagged == 1
    mails = [p.read_text() for p in wait_until(lambda: list(pipeline.mail_dir.iterdir()))]
    assert len(mails) == 1
    assert feedback.receipt in mails[0]
    assert "sam.lead@example.nhs.uk" in mails[0]
    assert "kill myself" not in mails[0]
