"""The safeguarding alert: one email per flagged response, to the people who must act on it.

The email never carries the feedback text (mail leaves our systems and sits in inboxes): only the
receipt, the service, the reasons and a link to the signed-in admin page that shows the text.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from feedback.models import Feedback
from feedback.safeguarding import REASON_LABELS
from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName

logger = logging.getLogger(__name__)

# How long a worker's claim on sending an alert holds: far longer than sending takes, short
# enough that an alert lost with a crashed worker still goes out within minutes.
ALERT_LEASE = timedelta(minutes=5)


def alert_recipients(*, service_id: int) -> list[str]:
    """The service's safeguarding leads; if it has none, the administrators, so a disclosure
    always reaches a person."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    leads = users.filter(
        service_roles__service_id=service_id,
        service_roles__role=ServiceRoleName.SAFEGUARDING_LEAD,
    )
    emails = sorted(set(leads.values_list("email", flat=True)))
    if not emails:
        admins = users.filter(Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR_GROUP))
        emails = sorted(set(admins.values_list("email", flat=True)))
    return emails


def alert_message(*, feedback: Feedback) -> tuple[str, str]:
    """Subject and body of the alert: no feedback text, no personal data."""
    reasons = [REASON_LABELS.get(r, r) for r in feedback.safeguarding_reasons] or ["Risk of harm"]
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "feedback_review:detail", args=[feedback.pk]
    )
    subject = f"Safeguarding: feedback {feedback.receipt} for {feedback.service.title} needs review"
    body = "\n".join(
        [
            "Feedback received through Involve may disclose a risk of harm.",
            "",
            f"Receipt: {feedback.receipt}",
            f"Service: {feedback.service.title}",
            f"Received: {timezone.localtime(feedback.received_at):%d %B %Y %H:%M}",
            f"Reasons: {', '.join(reasons)}",
            "",
            "Read it and record what you did (sign in required):",
            link,
            "",
            "The text is not included in this email to keep it private.",
        ]
    )
    return subject, body


def send_safeguarding_alert(*, feedback_id: int) -> bool:
    """Send the alert for a flagged response unless it was sent already; True if sent now.

    A conditional UPDATE claims the send for ALERT_LEASE, so concurrent deliveries send once. If
    sending fails the claim is released at once; if the worker dies mid-send, the lease runs out
    and the sweeper sends it then: a disclosure may, rarely, be told twice but never not at all.
    """
    now = timezone.now()
    claimed = (
        Feedback.objects.filter(pk=feedback_id, alert_sent_at__isnull=True)
        .filter(Q(alert_claimed_at__isnull=True) | Q(alert_claimed_at__lt=now - ALERT_LEASE))
        .exclude(safeguarding_status="")
        .update(alert_claimed_at=now)
    )
    if not claimed:
        return False
    feedback = Feedback.objects.select_related("service").get(pk=feedback_id)
    subject, body = alert_message(feedback=feedback)
    recipients = alert_recipients(service_id=feedback.service_id)
    if not recipients:
        # Nobody to tell yet: leave it unsent so the sweeper tries again every minute.
        logger.error("No one can receive the safeguarding alert for feedback %s", feedback_id)
        _release(feedback_id, now)
        return False
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    except BaseException:
        _release(feedback_id, now)
        raise
    Feedback.objects.filter(pk=feedback_id).update(alert_sent_at=timezone.now())
    return True


def _release(feedback_id: int, claimed_at) -> None:
    Feedback.objects.filter(pk=feedback_id, alert_claimed_at=claimed_at).update(
        alert_claimed_at=None
    )
