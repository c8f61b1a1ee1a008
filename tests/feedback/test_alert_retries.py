"""Alerts cannot fail silently, on the real worker: a failing alert is retried with growing waits,
marked failed after the last attempt, reported by /readyz, and sent once someone can receive it."""

import time

import pytest
import redis

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from feedback.alerts import ALERT_MAX_ATTEMPTS, retry_delay
from feedback.choices import SafeguardingStatus, Status
from feedback.factories import FeedbackFactory, FeedbackServiceFactory
from feedback.models import Feedback
from feedback.queue import enqueue_alert
from tests.realservices import wait_until
from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.factories import ServiceRoleFactory, UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def worker(celery_worker, site_tree):
    """The real worker on empty queues, with no mail from earlier tests."""
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete("email", "unacked", "unacked_index")
    for message in celery_worker.mail_dir.iterdir():
        message.unlink()
    return celery_worker


def test_an_alert_nobody_can_receive_is_retried_then_marked_failed_and_sent_again(client, worker):
    # given: a disclosure in a service with no safeguarding lead, and no administrator with email
    service = FeedbackServiceFactory(title="Maternity services", slug="maternity")
    feedback = FeedbackFactory(service=service, text="I want to end my life",
                               status=Status.PROCESSED, processed_at=timezone.now(),
                               safeguarding_status=SafeguardingStatus.NEW,
                               safeguarding_reasons=["self_harm"])  # fmt: skip
    # when: its alert is queued to the real worker
    started = time.monotonic()
    assert enqueue_alert(feedback.pk)
    # then: each attempt is counted, the waits grow (1, 2, 4, 8 s), and the last marks it failed
    waits = sum(retry_delay(n) for n in range(1, ALERT_MAX_ATTEMPTS))
    failed = wait_until(lambda: Feedback.objects.filter(pk=feedback.pk).alert_failed().first(),
                        timeout=waits + 30)  # fmt: skip
    assert time.monotonic() - started >= waits
    assert (failed.alert_attempts, failed.alert_error) == (ALERT_MAX_ATTEMPTS, "NoRecipients")
    assert failed.alert_sent_at is None and failed.alert_claimed_at is None
    # and: no further attempt is made, and /readyz says so
    time.sleep(3)
    assert Feedback.objects.get(pk=feedback.pk).alert_attempts == ALERT_MAX_ATTEMPTS
    body = client.get("/readyz").json()
    assert body["status"] == "degraded"
    assert body["safeguarding"]["alerts_failed"] == 1
    assert "1 safeguarding alert(s) could not be sent after every attempt." in body["reasons"]
    # when: a safeguarding lead is named and an administrator sends it again
    lead = UserFactory(username="sam-lead", email="sam.lead@example.nhs.uk")
    ServiceRoleFactory(service=service, user=lead, role=ServiceRoleName.SAFEGUARDING_LEAD)
    admin = UserFactory(username="ada-admin", email="")
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    client.force_login(admin)
    client.post(reverse("feedback_review:alert_again", args=[feedback.pk]))
    # then: the worker sends it once, to the lead
    wait_until(lambda: Feedback.objects.get(pk=feedback.pk).alert_sent_at, timeout=30)
    mails = [p.read_text() for p in wait_until(lambda: list(worker.mail_dir.iterdir()))]
    assert len(mails) == 1
    assert "sam.lead@example.nhs.uk" in mails[0] and feedback.receipt in mails[0]
    assert client.get("/readyz").json()["safeguarding"]["alerts_failed"] == 0
