"""Following up "contact me" requests: details decrypted only on request and audited, an outcome
recorded per request, and the details deleted once retention runs out after that outcome."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone

from feedback.choices import ContactOutcome
from feedback.models import ContactRequest
from website import audit
from website.crypto import decrypt_json


def show_contact_details(*, contact_request: ContactRequest, user: AbstractBaseUser) -> dict:
    """The decrypted details, writing "contact.shown" to the audit trail; {} once deleted."""
    service = contact_request.feedback.service
    if not contact_request.details:
        audit.record(user=user, action="contact.shown", obj=contact_request, service=service,
                     outcome="deleted")  # fmt: skip
        return {}
    details = decrypt_json(contact_request.details)
    audit.record(user=user, action="contact.shown", obj=contact_request, service=service)
    return details


def record_outcome(
    *, contact_request: ContactRequest, user: AbstractBaseUser, outcome: ContactOutcome | str
) -> None:
    """Record what came of the request, by whom and when; retention counts from now."""
    outcome = ContactOutcome(outcome)
    now = timezone.now()
    ContactRequest.objects.filter(pk=contact_request.pk).update(
        outcome=outcome, outcome_by=user, outcome_at=now
    )
    contact_request.outcome, contact_request.outcome_by, contact_request.outcome_at = (
        outcome, user, now)  # fmt: skip
    audit.record(user=user, action="contact.outcome", obj=contact_request,
                 service=contact_request.feedback.service, detail=outcome.value)  # fmt: skip


def expired_details(*, now: datetime | None = None) -> QuerySet[ContactRequest]:
    """Requests whose details retention deletes: CONTACT_RETENTION_DAYS after their outcome.

    A request with no outcome keeps its details, however old: nobody has reached the person yet
    (the overdue list and /readyz make sure someone does).
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.CONTACT_RETENTION_DAYS)
    return ContactRequest.objects.exclude(outcome="").filter(
        outcome_at__lt=cutoff, details_deleted_at__isnull=True
    )
