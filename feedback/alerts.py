"""The safeguarding alert: one email per flagged response, to the people who must act on it.

The email never carries the feedback text (mail leaves our systems and sits in inboxes): only the
receipt, the service, the reasons, whether the person asked to be contacted, and a link to the
signed-in case page that shows the text.

An alert cannot fail silently: each failed attempt is counted and retried with a growing wait,
and after ALERT_MAX_ATTEMPTS the response is marked "alert failed", listed for administrators
and reported by /readyz.
"""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from feedback.models import ContactRequest, Feedback
from feedback.queue import enqueue_alert
from feedback.safeguarding import REASON_LABELS
from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName

logger = logging.getLogger(__name__)

# How long a worker's claim on sending an alert holds: far longer than sending takes, short
# enough that an alert lost with a crashed worker still goes out within minutes.
ALERT_LEASE = timedelta(minutes=5)
# Attempts before an alert is marked failed; waits between them double from
# SAFEGUARDING_ALERT_RETRY_SECONDS (30 s: 30, 60, 120, 240 s, so failed within about 8 minutes).
ALERT_MAX_ATTEMPTS = 5
# Line breaks and other control characters: a header holding one could smuggle in another.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class NoRecipients(Exception):
    """Nobody can receive the alert: no safeguarding lead or administrator with an email."""


def one_line(text: str) -> str:
    """Text safe for an email header: control characters and line breaks become spaces."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def retry_delay(attempts: int) -> int:
    """Seconds to wait after the `attempts`-th failed attempt before the next one."""
    return settings.SAFEGUARDING_ALERT_RETRY_SECONDS * 2 ** max(attempts - 1, 0)


def alert_recipients(*, service_id: int) -> list[str]:
    """The service's safeguarding leads; if it has none, the administrators, so a disclosure
    always reaches a person."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    leads = users.filter(
        service_roles__service_id=service_id,
        service_roles__role=ServiceRoleName.SAFEGUARDING_LEAD,
    )
    emails = _addresses(leads)
    if not emails:
        admins = users.filter(Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR_GROUP))
        emails = _addresses(admins)
    return emails


def _addresses(users) -> list[str]:
    # An address with a line break in it would be refused by the mail library: leave it out.
    return sorted({e for e in users.values_list("email", flat=True) if one_line(e) == e})


def alert_message(*, feedback: Feedback) -> tuple[str, str]:
    """Subject and body of the alert: no feedback text, no personal data."""
    reasons = [REASON_LABELS.get(r, r) for r in feedback.safeguarding_reasons] or ["Risk of harm"]
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "feedback_review:case", args=[feedback.pk]
    )
    service = one_line(feedback.service.title)
    subject = one_line(f"Safeguarding: feedback {feedback.receipt} for {service} needs review")
    contact = ContactRequest.objects.filter(feedback_id=feedback.pk).exists()
    body = "\n".join(
        [
            "Feedback received through Involve may disclose a risk of harm.",
            "",
            f"Receipt: {feedback.receipt}",
            f"Service: {service}",
            f"Received: {timezone.localtime(feedback.received_at):%d %B %Y %H:%M}",
            f"Reasons: {', '.join(reasons)}",
            "Contact requested: "
            + ("yes, the person asked to be contacted (details in Involve)" if contact else "no"),
            "",
            "Read it and record what you did (sign in required):",
            link,
            "",
            "The text is not included in this email to keep it private.",
        ]
    )
    return subject, body


def send_safeguarding_alert(*, feedback_id: int) -> bool:
    """Send the alert for a flagged response unless it was sent (or given up on); True if sent
    now. Raises what stopped it (NoRecipients when nobody can receive it), once counted.

    A conditional UPDATE claims the send for ALERT_LEASE, so concurrent deliveries send once. If
    sending fails the claim is released at once; if the worker dies mid-send, the lease runs out
    and the sweeper sends it then: a disclosure may, rarely, be told twice but never not at all.
    """
    now = timezone.now()
    claimed = (
        Feedback.objects.filter(
            pk=feedback_id, alert_sent_at__isnull=True, alert_failed_at__isnull=True
        )
        .filter(Q(alert_claimed_at__isnull=True) | Q(alert_claimed_at__lt=now - ALERT_LEASE))
        .exclude(safeguarding_status="")
        .update(alert_claimed_at=now)
    )
    if not claimed:
        return False
    try:
        feedback = Feedback.objects.select_related("service").get(pk=feedback_id)
        subject, body = alert_message(feedback=feedback)
        recipients = alert_recipients(service_id=feedback.service_id)
        if not recipients:
            raise NoRecipients("No safeguarding lead or administrator has an email address")
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    except Exception as exc:
        _count_failure(feedback_id, now, exc)
        raise
    except BaseException:
        # The process is being stopped, not the alert failing: release, count nothing.
        Feedback.objects.filter(pk=feedback_id, alert_claimed_at=now).update(alert_claimed_at=None)
        raise
    Feedback.objects.filter(pk=feedback_id).update(alert_sent_at=timezone.now(), alert_error="")
    return True


def _count_failure(feedback_id: int, claimed_at, error: BaseException) -> None:
    """Release the claim, count the attempt, and mark the alert failed after the last one.

    Records the exception's type only: its message may quote addresses.
    """
    now = timezone.now()
    Feedback.objects.filter(pk=feedback_id, alert_claimed_at=claimed_at).update(
        alert_claimed_at=None,
        alert_attempts=F("alert_attempts") + 1,
        alert_attempted_at=now,
        alert_error=type(error).__name__[:200],
    )
    gave_up = Feedback.objects.filter(
        pk=feedback_id, alert_attempts__gte=ALERT_MAX_ATTEMPTS, alert_failed_at__isnull=True
    ).update(alert_failed_at=now)
    log = logger.error if gave_up else logger.warning
    log("Safeguarding alert for feedback %s not sent (%s)%s", feedback_id, type(error).__name__,
        f"; gave up after {ALERT_MAX_ATTEMPTS} attempts" if gave_up else "")  # fmt: skip


def next_attempt_in(*, feedback_id: int) -> int | None:
    """Seconds until the alert's next attempt; None if it was sent, given up on, or not flagged."""
    row = (
        Feedback.objects.filter(
            pk=feedback_id, alert_sent_at__isnull=True, alert_failed_at__isnull=True
        )
        .exclude(safeguarding_status="")
        .values_list("alert_attempts", flat=True)
        .first()
    )
    return None if row is None else retry_delay(row)


def send_again(*, feedback: Feedback) -> bool:
    """An administrator's fresh set of attempts for a failed alert; queued once committed."""
    done = Feedback.objects.filter(pk=feedback.pk, alert_sent_at__isnull=True).update(
        alert_failed_at=None, alert_attempts=0, alert_attempted_at=None, alert_error="",
        alert_claimed_at=None,
    )  # fmt: skip
    if done:
        pk = feedback.pk
        transaction.on_commit(lambda: enqueue_alert(pk))
    return bool(done)
