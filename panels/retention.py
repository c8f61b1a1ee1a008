"""How long panels keep people (design.md section 4): consent lapses after PANEL_CONSENT_RENEW_DAYS
without renewal, with warnings 30 and 7 days before; consent records go PANEL_CONSENT_RECORD_DAYS
after withdrawal. Each warning is claimed in the database before it is sent, so it goes once.
"""

import logging
from datetime import datetime, timedelta

from celery import current_app

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from panels import consent
from panels.choices import MemberStatus
from panels.models import ConsentRecord, PanelMember
from panels.services import withdraw
from website.celery_app import BROKER_ERRORS

logger = logging.getLogger(__name__)

SEND_RENEWAL_WARNING = "panels.tasks.send_renewal_warning"
# Warning level (PanelMember.renewal_warnings) -> days before consent lapses.
WARNINGS = {1: 30, 2: 7}
# Members deleted per transaction: a short lock on the table, whatever the backlog.
DELETE_BATCH = 200


def lapses_at(renewed_at: datetime) -> datetime:
    """When consent renewed at `renewed_at` runs out."""
    return renewed_at + timedelta(days=settings.PANEL_CONSENT_RENEW_DAYS)


def _confirmed() -> QuerySet[PanelMember]:
    return PanelMember.objects.exclude(status=MemberStatus.PENDING).filter(
        consent_renewed_at__isnull=False
    )


def due_warnings(*, now: datetime) -> list[tuple[int, int]]:
    """(member id, warning level) for every warning now due and not yet sent; only the latest
    level for someone who is due both (a 30-day warning 5 days before lapsing would mislead)."""
    renew_days = settings.PANEL_CONSENT_RENEW_DAYS
    due = {}
    for level, days in sorted(WARNINGS.items()):
        cutoff = now - timedelta(days=renew_days - days)
        ids = _confirmed().filter(consent_renewed_at__lte=cutoff, renewal_warnings__lt=level)
        due.update(dict.fromkeys(ids.values_list("pk", flat=True), level))
    return sorted(due.items())


def claim_warning(*, member_id: int, level: int) -> PanelMember | None:
    """Mark a warning as sent, once: None if it (or a later one) already was, or they left."""
    # Still due: a task queued before the member renewed (which resets the count) sends nothing.
    due_since = timezone.now() - timedelta(days=settings.PANEL_CONSENT_RENEW_DAYS - WARNINGS[level])
    claimed = (
        _confirmed()
        .filter(pk=member_id, renewal_warnings__lt=level, consent_renewed_at__lte=due_since)
        .update(renewal_warnings=level)
    )
    if not claimed:
        return None
    return PanelMember.objects.select_related("panel").get(pk=member_id)


def release_warning(*, member_id: int, level: int) -> None:
    """The warning could not be sent: let a retry (or tomorrow's run) send it."""
    PanelMember.objects.filter(pk=member_id, renewal_warnings=level).update(
        renewal_warnings=level - 1
    )


def renew_consent(*, member: PanelMember) -> PanelMember:
    """The member renews their consent: the clock restarts and a new consent record is kept,
    with the purposes they last agreed to in the current text version."""
    now = timezone.now()
    latest = member.consents.order_by("-given_at", "-pk").first()
    purposes = latest.purposes if latest else list(consent.REQUIRED)
    with transaction.atomic():
        ConsentRecord.objects.create(member=member, panel=member.panel, purposes=purposes,
                                     text_version=consent.CURRENT_VERSION,
                                     confirmed_at=now)  # fmt: skip
        member.consent_renewed_at = now
        member.renewal_warnings = 0
        member.save(update_fields=["consent_renewed_at", "renewal_warnings"])
    return member


def _enqueue_warning(member_id: int, level: int) -> None:
    try:
        current_app.signature(SEND_RENEWAL_WARNING, args=(member_id, level)).apply_async()
    except BROKER_ERRORS as exc:
        # Not claimed yet: tomorrow's run finds it due again.
        logger.warning("Broker unavailable (%s); renewal warning for %s not queued",
                       type(exc).__name__, member_id)  # fmt: skip


def enforce(*, now: datetime | None = None) -> dict[str, int]:
    """The daily run: queue due warnings, delete lapsed members, delete old consent records."""
    now = now or timezone.now()
    warnings = due_warnings(now=now)
    for member_id, level in warnings:
        _enqueue_warning(member_id, level)
    lapsed_before = now - timedelta(days=settings.PANEL_CONSENT_RENEW_DAYS)
    deleted = 0
    while batch := list(_confirmed().filter(consent_renewed_at__lte=lapsed_before)[:DELETE_BATCH]):
        for member in batch:
            withdraw(member=member)  # the same as leaving: only the anonymous consent record stays
        deleted += len(batch)
    records_before = now - timedelta(days=settings.PANEL_CONSENT_RECORD_DAYS)
    records, _ = ConsentRecord.objects.filter(withdrawn_at__lte=records_before).delete()
    return {"warnings_queued": len(warnings), "members_deleted": deleted,
            "consent_records_deleted": records}  # fmt: skip
