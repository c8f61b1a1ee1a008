"""The safeguarding alert: who gets it, what it says (no feedback text), that it goes once, and
that a failing one is counted, retried and in the end marked failed, never silent."""

import smtplib

import pytest

from django.core import mail

from feedback.alerts import (
    ALERT_MAX_ATTEMPTS,
    NoRecipients,
    alert_recipients,
    next_attempt_in,
    retry_delay,
    send_again,
    send_safeguarding_alert,
)
from feedback.choices import SafeguardingStatus
from feedback.factories import ContactRequestFactory, FeedbackFactory, FeedbackServiceFactory
from feedback.models import Feedback
from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.factories import ServiceRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

DISCLOSURE = "My carer [NAME] hits me when nobody is around. Call me on [PHONE]."


@pytest.fixture
def flagged(service):
    return FeedbackFactory(
        service=service,
        text=DISCLOSURE,
        safeguarding_status=SafeguardingStatus.NEW,
        safeguarding_reasons=["abuse"],
    )


@pytest.fixture
def lead_factory():
    """Make Sam the safeguarding lead of a service."""

    def make(service):
        return ServiceRoleFactory(
            service=service,
            role=ServiceRoleName.SAFEGUARDING_LEAD,
            user=UserFactory(username="sam-lead", email="sam.lead@example.nhs.uk"),
        ).user

    return make


@pytest.fixture
def lead(service, lead_factory):
    return lead_factory(service)


def test_the_alert_goes_to_the_services_safeguarding_leads_without_the_text(flagged, lead):
    # given: a service lead on the same service, who is not a safeguarding lead
    ServiceRoleFactory(service=flagged.service, role=ServiceRoleName.SERVICE_LEAD)
    # when
    assert send_safeguarding_alert(feedback_id=flagged.pk) is True
    # then
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam.lead@example.nhs.uk"]
    assert flagged.receipt in message.subject
    assert "Maternity services" in message.subject
    assert "Abuse" in message.body
    assert f"/admin/feedback-review/safeguarding/{flagged.pk}/" in message.body
    assert "Contact requested: no" in message.body
    assert "hits me" not in message.subject + message.body
    assert "[NAME]" not in message.body
    assert Feedback.objects.get(pk=flagged.pk).alert_sent_at is not None


def test_the_alert_is_sent_once(flagged, lead):
    assert send_safeguarding_alert(feedback_id=flagged.pk) is True
    assert send_safeguarding_alert(feedback_id=flagged.pk) is False
    assert len(mail.outbox) == 1


def test_a_service_with_no_safeguarding_lead_alerts_the_administrators(flagged, django_user_model):
    # given
    from django.contrib.auth.models import Group

    admin = UserFactory(username="ada-admin", email="ada@example.nhs.uk")
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    UserFactory(username="other", email="other@example.nhs.uk")
    # when
    send_safeguarding_alert(feedback_id=flagged.pk)
    # then
    assert mail.outbox[0].to == ["ada@example.nhs.uk"]


def test_leads_of_other_services_are_not_told(flagged, lead):
    from feedback.factories import FeedbackServiceFactory

    ServiceRoleFactory(
        service=FeedbackServiceFactory(),
        role=ServiceRoleName.SAFEGUARDING_LEAD,
        user=UserFactory(username="elsewhere", email="elsewhere@example.nhs.uk"),
    )

    assert alert_recipients(service_id=flagged.service_id) == ["sam.lead@example.nhs.uk"]


def test_an_unflagged_response_sends_nothing(service, lead):
    feedback = FeedbackFactory(service=service)

    assert send_safeguarding_alert(feedback_id=feedback.pk) is False
    assert mail.outbox == []


def test_a_failed_send_releases_the_claim_so_a_retry_sends(flagged, lead, settings):
    # given: a mail server that refuses the connection
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    # when
    with pytest.raises((OSError, smtplib.SMTPException)):
        send_safeguarding_alert(feedback_id=flagged.pk)
    # then: not marked sent nor claimed, and a later try succeeds
    after = Feedback.objects.get(pk=flagged.pk)
    assert (after.alert_sent_at, after.alert_claimed_at) == (None, None)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_safeguarding_alert(feedback_id=flagged.pk) is True
    assert len(mail.outbox) == 1


def test_with_nobody_to_tell_the_alert_stays_unsent_and_the_attempt_counts(flagged):
    with pytest.raises(NoRecipients):
        send_safeguarding_alert(feedback_id=flagged.pk)
    after = Feedback.objects.get(pk=flagged.pk)
    assert (after.alert_sent_at, after.alert_claimed_at) == (None, None)
    assert (after.alert_attempts, after.alert_error) == (1, "NoRecipients")
    assert after.alert_attempted_at is not None and after.alert_failed_at is None


def test_a_line_break_in_the_service_title_cannot_break_the_headers(site_tree, lead_factory):
    # given: a title pasted with line breaks, one of them trying to add a header
    service = FeedbackServiceFactory(title="Maternity\r\nBcc: someone@example.com\nservices")
    lead_factory(service)
    flagged = FeedbackFactory(service=service, safeguarding_status=SafeguardingStatus.NEW,
                              safeguarding_reasons=["abuse"])  # fmt: skip
    # when
    assert send_safeguarding_alert(feedback_id=flagged.pk) is True
    # then: one line, the same words, and nobody else added
    message = mail.outbox[0]
    assert message.subject == (f"Safeguarding: feedback {flagged.receipt} for Maternity Bcc: "
                               "someone@example.com services needs review")  # fmt: skip
    assert message.bcc == [] and message.recipients() == ["sam.lead@example.nhs.uk"]
    assert "\n" not in message.subject


def test_the_alert_says_when_the_person_asked_to_be_contacted(flagged, lead):
    ContactRequestFactory(feedback=flagged)

    send_safeguarding_alert(feedback_id=flagged.pk)

    body = mail.outbox[0].body
    assert "Contact requested: yes" in body
    assert "alex@example.com" not in body and "Alex" not in body


def test_each_failure_counts_and_the_last_marks_the_alert_failed(flagged, caplog):
    # when: every attempt fails (nobody to tell)
    for attempt in range(1, ALERT_MAX_ATTEMPTS + 1):
        assert next_attempt_in(feedback_id=flagged.pk) == retry_delay(attempt - 1)
        with pytest.raises(NoRecipients):
            send_safeguarding_alert(feedback_id=flagged.pk)
    # then: marked failed, logged as an error, and no further attempt is made
    after = Feedback.objects.get(pk=flagged.pk)
    assert after.alert_attempts == ALERT_MAX_ATTEMPTS
    assert after.alert_failed_at is not None
    assert list(Feedback.objects.alert_failed()) == [after]
    assert next_attempt_in(feedback_id=flagged.pk) is None
    assert send_safeguarding_alert(feedback_id=flagged.pk) is False
    assert any(r.levelname == "ERROR" and "gave up" in r.getMessage() for r in caplog.records)


def test_the_waits_between_attempts_double(settings):
    settings.SAFEGUARDING_ALERT_RETRY_SECONDS = 30
    assert [retry_delay(n) for n in range(1, 5)] == [30, 60, 120, 240]


def test_send_again_gives_a_failed_alert_fresh_attempts(
    flagged, lead_factory, django_capture_on_commit_callbacks
):
    # given: an alert that failed because the service had no safeguarding lead
    for _attempt in range(ALERT_MAX_ATTEMPTS):
        with pytest.raises(NoRecipients):
            send_safeguarding_alert(feedback_id=flagged.pk)
    lead_factory(flagged.service)
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert send_again(feedback=flagged) is True
    # then: queued once committed, and the next attempt sends it
    assert len(callbacks) == 1
    assert send_safeguarding_alert(feedback_id=flagged.pk) is True
    after = Feedback.objects.get(pk=flagged.pk)
    assert (after.alert_failed_at, after.alert_attempts) == (None, 0)
    assert not Feedback.objects.alert_failed().exists()


def test_an_alert_claimed_by_a_worker_that_died_is_sent_once_the_lease_runs_out(flagged, lead):
    # given: a worker claimed the alert and was killed before sending it
    from datetime import timedelta

    from django.utils import timezone

    from feedback.alerts import ALERT_LEASE

    claimed = timezone.now() - timedelta(minutes=1)
    Feedback.objects.filter(pk=flagged.pk).update(alert_claimed_at=claimed)
    # when / then: nobody else sends it while the claim holds
    assert send_safeguarding_alert(feedback_id=flagged.pk) is False
    # when / then: after the lease, it is sent
    Feedback.objects.filter(pk=flagged.pk).update(alert_claimed_at=claimed - ALERT_LEASE)
    assert send_safeguarding_alert(feedback_id=flagged.pk) is True
    assert len(mail.outbox) == 1
