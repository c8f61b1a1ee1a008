"""Telling people what changed: addresses left on the thank-you page, and panel members who
took part in a recruitment, are emailed an update once when it is published.

Publishing turns each waiting subscription of the update's service into an outbox row (and
deletes the subscription, so an address is used once) and adds a row for each panel member who
attended its recruitment; rows are unique per update and recipient, so publishing again adds
nobody twice. Workers claim a row with a conditional UPDATE (a lease) before sending and record
the send at once, so concurrent or repeated tasks send each email once. A worker that dies while
holding a claim leaves the row to the sweeper once the lease runs out. The one window no outbox
can close is a worker dying between the mail server taking the message and the row recording
it (a few milliseconds): that email would go again, with the same Message-ID, which mail
servers use to drop duplicates.
"""

import logging
import time
from datetime import datetime, timedelta

from celery import current_app

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from feedback.queue import BROKER_ERRORS
from involvement.models import OutcomeEmail, OutcomeSubscription, YouSaidWeDidPage
from panels.choices import InvitationStatus
from panels.models import Invitation
from panels.services import read_contact
from website.choices import Language
from website.crypto import decrypt_json, encrypt_json
from website.locales import original
from website.models import ServicePage

logger = logging.getLogger(__name__)

SEND_OUTCOME_EMAILS = "involvement.outcome_tasks.send_outcome_emails"
# How long a worker's claim on one email holds: far longer than one send takes.
OUTCOME_LEASE = timedelta(minutes=5)
# Attempts at one email before it is given up on and its address deleted.
MAX_ATTEMPTS = 5
# One task sends for at most this long, then queues itself again: well inside the 100 s soft
# time limit whatever OUTCOME_EMAIL_PAUSE_SECONDS is.
TASK_BUDGET_SECONDS = 60
SUBSCRIPTION_SALT = "involvement.outcome-subscription"
# The thank-you page's sign-up form works for a day after the page was shown.
SUBSCRIPTION_TOKEN_MAX_AGE = timedelta(days=1)
# Addresses nobody has used within 12 months are deleted (daily beat task).
SUBSCRIPTION_MAX_AGE = timedelta(days=365)


# --- Signing up on the thank-you page ------------------------------------------------------


def subscription_token(*, service: ServicePage) -> str:
    """A signed, timestamped token naming the service, carried by the thank-you page's form."""
    return signing.TimestampSigner(salt=SUBSCRIPTION_SALT).sign(str(service.pk))


def service_from_token(token: str) -> ServicePage | None:
    """The live service a token names, or None if it is forged, altered or out of date."""
    try:
        value = signing.TimestampSigner(salt=SUBSCRIPTION_SALT).unsign(
            token, max_age=SUBSCRIPTION_TOKEN_MAX_AGE
        )
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not value.isdigit():
        return None
    return ServicePage.objects.live().filter(pk=int(value)).first()


def subscribe(
    *, service: ServicePage, email: str, language: str = Language.ENGLISH
) -> OutcomeSubscription:
    """Keep an address, encrypted, until an update for the service is published; the email
    will be in `language`, the language of the page the address was left on."""
    return OutcomeSubscription.objects.create(
        service=service, address=encrypt_json({"email": email.strip()}), language=language
    )


def delete_old_subscriptions(*, now: datetime | None = None) -> int:
    """Delete addresses left more than 12 months ago and never used; returns how many."""
    cutoff = (now or timezone.now()) - SUBSCRIPTION_MAX_AGE
    deleted, _by_model = OutcomeSubscription.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# --- Publishing: who is owed an email -------------------------------------------------------


def _email_of(address: bytes) -> str:
    try:
        return decrypt_json(address).get("email", "")
    except ValueError:
        return ""


def queue_outcome_emails(*, update: YouSaidWeDidPage) -> int:
    """Add the outbox rows an update is owed and queue their sending once committed; returns
    how many rows were added (none the second time it is published)."""
    # A translation's emails are its original's: publishing the Welsh copy owes nobody twice.
    update = original(update)
    service_path = update.path[: -update.steplen]
    service_id = ServicePage.objects.filter(path=service_path).values_list("pk", flat=True).first()
    rows: list[OutcomeEmail] = []
    with transaction.atomic():
        if service_id is not None:
            seen: set[str] = set()
            waiting = list(OutcomeSubscription.objects.filter(service_id=service_id))
            for subscription in waiting:
                email = _email_of(subscription.address).lower()
                # The same address left twice is told once.
                if email and email not in seen:
                    seen.add(email)
                    recipient = f"subscription-{subscription.pk}"
                    rows.append(OutcomeEmail(update=update, address=subscription.address,
                                             recipient=recipient,
                                             language=subscription.language))  # fmt: skip
            OutcomeSubscription.objects.filter(pk__in=[s.pk for s in waiting]).delete()
        if update.recruitment_id:
            attended = Invitation.objects.filter(
                recruitment_id=update.recruitment_id,
                status=InvitationStatus.ATTENDED,
                member__do_not_contact=False,
            ).values_list("member_id", "member__language")
            rows += [OutcomeEmail(update=update, member_id=pk, recipient=f"member-{pk}",
                                  language=language)
                     for pk, language in attended]  # fmt: skip
        before = OutcomeEmail.objects.filter(update=update).count()
        OutcomeEmail.objects.bulk_create(rows, ignore_conflicts=True)
        added = OutcomeEmail.objects.filter(update=update).count() - before
        update_id = update.pk
        transaction.on_commit(lambda: enqueue_outcome_emails(update_id))
    return added


def enqueue_outcome_emails(update_id: int) -> bool:
    """Queue sending an update's emails; False if the broker is down (the sweeper retries)."""
    try:
        current_app.signature(SEND_OUTCOME_EMAILS, args=(update_id,)).apply_async()
    except BROKER_ERRORS as exc:
        logger.warning("Broker unavailable (%s); outcome emails for update %s left for the "
                       "sweeper", type(exc).__name__, update_id)  # fmt: skip
        return False
    return True


# --- Sending ---------------------------------------------------------------------------------


def _owed(now: datetime):
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - OUTCOME_LEASE)
    return OutcomeEmail.objects.filter(free, sent_at__isnull=True, failed_at__isnull=True)


def outcome_message(*, row: OutcomeEmail, to: str) -> EmailMessage:
    """The email about one update, in the recipient's language (the update's translation into
    it when live, linked at its /cy/ address for Welsh): what was said and done, and a link; no
    feedback text."""
    with translation.override(row.language):
        update = row.update.localized
        service = ServicePage.objects.get(path=update.path[: -update.steplen])
        _site, _root, path = update.get_url_parts()
        body = render_to_string(
            "involvement/email/outcome_update.txt",
            {"update": update, "service": service,
             "url": settings.SITE_BASE_URL.rstrip("/") + path,
             "organisation": settings.ORGANISATION_NAME, "member": row.member_id is not None},
        )  # fmt: skip
        subject = _("What changed at %(service)s: %(update)s") % {
            "service": service.title, "update": update.title,
        }  # fmt: skip
    subject = " ".join(subject.split())
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "involve.invalid"
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        headers={"Message-ID": f"<outcome-{row.pk}@{domain}>"},
    )


def _address(row: OutcomeEmail) -> str:
    if row.member_id is not None:
        member = row.member
        return read_contact(member).get("email", "") if member is not None else ""
    return _email_of(bytes(row.address))


def send_outcome_email(*, email_id: int) -> bool:
    """Send one outbox row unless it is sent, given up on or claimed; True if sent now.

    Raises what stopped it, once the attempt is counted and the claim released.
    """
    now = timezone.now()
    if not _owed(now).filter(pk=email_id).update(claimed_at=now):
        return False
    try:
        row = OutcomeEmail.objects.select_related("update", "member").get(pk=email_id)
        to = _address(row)
        if to:
            outcome_message(row=row, to=to).send(fail_silently=False)
    except Exception as exc:
        _count_failure(email_id, now, exc)
        raise
    except BaseException:
        # The process is being stopped, not the email failing: release, count nothing.
        OutcomeEmail.objects.filter(pk=email_id, claimed_at=now).update(claimed_at=None)
        raise
    # Recorded at once, and the address goes with it: it was for this one email.
    OutcomeEmail.objects.filter(pk=email_id).update(sent_at=timezone.now(), address=b"")
    return bool(to)


def _count_failure(email_id: int, claimed_at: datetime, error: BaseException) -> None:
    """Release the claim and count the attempt; after the last one, give up and forget the
    address. Logs the exception's type only: its text may quote the address."""
    now = timezone.now()
    OutcomeEmail.objects.filter(pk=email_id, claimed_at=claimed_at).update(
        claimed_at=None, attempts=F("attempts") + 1
    )
    gave_up = OutcomeEmail.objects.filter(
        pk=email_id, attempts__gte=MAX_ATTEMPTS, failed_at__isnull=True
    ).update(failed_at=now, address=b"")
    logger.warning("Outcome email %s not sent (%s)%s", email_id, type(error).__name__,
                   "; given up" if gave_up else "")  # fmt: skip


def send_outcome_emails(*, update_id: int, budget: float = TASK_BUDGET_SECONDS) -> int:
    """Send an update's owed emails, one at a time (OUTCOME_EMAIL_PAUSE_SECONDS apart, for the
    mail relay's rate limit); returns how many were sent. Queues itself again when its time
    is up with emails still owed; one that fails is left for the sweeper's next round."""
    deadline = time.monotonic() + budget
    sent = 0
    for email_id in _owed(timezone.now()).filter(update_id=update_id).values_list("pk", flat=True):
        if time.monotonic() > deadline:
            enqueue_outcome_emails(update_id)
            break
        try:
            sent += send_outcome_email(email_id=email_id)
        except Exception:  # noqa: BLE001, S112 - counted and logged; the others still go
            continue
        if settings.OUTCOME_EMAIL_PAUSE_SECONDS:
            time.sleep(settings.OUTCOME_EMAIL_PAUSE_SECONDS)
    return sent


def sweep_outcome_emails(*, now: datetime | None = None) -> int:
    """Queue every update with emails owed and unclaimed (a lost message, a worker that died,
    an email that failed); returns how many updates were queued."""
    updates = set(_owed(now or timezone.now()).values_list("update_id", flat=True))
    for update_id in sorted(updates):
        enqueue_outcome_emails(update_id)
    return len(updates)
