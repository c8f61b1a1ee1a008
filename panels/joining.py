"""Joining a panel: what a sign-up tells us, the pending member it stores (or, for a known
address, the email it sends instead) and the confirmation email it queues.

The panel page's `join/` route asks this module, so it reaches members through the panel and
imports no models; confirming, updating and leaving are panels.services.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery import current_app

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.crypto import salted_hmac

from wagtail.models import Page

from panels import consent
from panels.choices import MemberStatus, way_bits
from website.celery_app import BROKER_ERRORS
from website.choices import Language
from website.crypto import encrypt_json

logger = logging.getLogger(__name__)

# A repeated sign-up sends at most one email in this time, so nobody can flood an inbox.
RESEND_AFTER = timedelta(minutes=10)
SEND_CONFIRMATION = "panels.tasks.send_confirmation"
SEND_ALREADY_MEMBER = "panels.tasks.send_already_member"


@dataclass(frozen=True)
class Contact:
    """How to reach a member; encrypted at rest."""

    name: str
    email: str
    phone: str = ""
    contact_method: str = "email"


@dataclass(frozen=True)
class AboutMe:
    """What a member tells us about themselves, beyond contact details."""

    age_band: str
    postcode_district: str
    ways: list[str] = field(default_factory=list)
    service_ids: list[int] = field(default_factory=list)
    # Encrypted together: demographics, access needs, language, availability.
    details: dict = field(default_factory=dict)


def normalise_email(address: str) -> str:
    """The address as stored: trimmed, domain in lower case (the local part is the person's)."""
    local, _, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def email_key(address: str) -> str:
    """A keyed hash that is the same for one mailbox however its letters are cased."""
    return salted_hmac(
        "panels.email", normalise_email(address).lower(), algorithm="sha256"
    ).hexdigest()


def _enqueue(task_name: str, member_id: int, language: str) -> None:
    try:
        current_app.signature(task_name, args=(member_id, language)).apply_async()
    except BROKER_ERRORS as exc:
        # The person sees the same page; signing up again sends the email again.
        logger.warning("Broker unavailable (%s); %s for panel member %s not sent",
                       type(exc).__name__, task_name.rsplit(".", 1)[-1], member_id)  # fmt: skip


def _email_due(member: Model, now: datetime) -> bool:
    return member.last_emailed_at is None or now - member.last_emailed_at >= RESEND_AFTER


def sign_up(
    *, panel: Page, contact: Contact, about: AboutMe, purposes: list[str],
    language: str = Language.ENGLISH,
) -> Model:  # fmt: skip
    """Store a new sign-up (pending until confirmed) or, for a known address, email its owner,
    in `language`: the language of the page the form was on.

    Either way the caller shows the same page, so nobody learns who is already a member.
    """
    now = timezone.now()
    key = email_key(contact.email)
    existing = panel.members.filter(email_key=key).first()
    if existing is None:
        try:
            with transaction.atomic():
                member = _create_member(panel=panel, key=key, contact=contact, about=about,
                                        purposes=purposes, now=now, language=language)  # fmt: skip
        except IntegrityError:  # the same sign-up, twice at once: the first one stands
            existing = panel.members.get(email_key=key)
        else:
            transaction.on_commit(lambda: _enqueue(SEND_CONFIRMATION, member.pk, language))
            return member
    if _email_due(existing, now):
        panel.members.filter(pk=existing.pk).update(last_emailed_at=now)
        task = SEND_CONFIRMATION if existing.status == MemberStatus.PENDING else SEND_ALREADY_MEMBER
        transaction.on_commit(lambda: _enqueue(task, existing.pk, language))
    return existing


def _create_member(
    *, panel: Page, key: str, contact: Contact, about: AboutMe, purposes: list[str], now,
    language: str,
) -> Model:  # fmt: skip
    member = panel.members.create(
        language=language,
        email_key=key,
        contact=encrypt_json(contact.__dict__ | {"email": normalise_email(contact.email)}),
        details=encrypt_json(about.details),
        age_band=about.age_band,
        postcode_district=about.postcode_district,
        ways=way_bits(about.ways),
        last_emailed_at=now,
    )
    member.services.set(about.service_ids)
    member.consents.create(panel=panel, purposes=sorted(purposes),
                           text_version=consent.CURRENT_VERSION)  # fmt: skip
    return member
