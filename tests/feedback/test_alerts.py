"""The safeguarding alert: who gets it, what it says (no feedback text), and that it goes once."""

import smtplib

import pytest

from django.core import mail

from feedback.alerts import alert_recipients, send_safeguarding_alert
from feedback.choices import SafeguardingStatus
from feedback.factories import FeedbackFactory
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
        safeguarding_status=SafeguardingStatus.AWAITING,
        safeguarding_reasons=["abuse"],
    )


@pytest.fixture
def lead(service):
    return ServiceRoleFactory(
        service=service,
        role=ServiceRoleName.SAFEGUARDING_LEAD,
        user=UserFactory(username="sam-lead", email="sam.lead@example.nhs.uk"),
    ).user


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
    assert f"/admin/feedback-review/{flagged.pk}/" in message.body
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


def test_with_nobody_to_tell_the_alert_stays_unsent(flagged):
    assert send_safeguarding_alert(feedback_id=flagged.pk) is False
    assert Feedback.objects.get(pk=flagged.pk).alert_sent_at is None


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
