"""Joining, confirming, updating, pausing and leaving a panel; what researchers may see.

Links in emails carry a member's reference signed with a timestamp (Django's TimestampSigner), so
they cannot be forged or altered and stop working after a while; a withdrawn member's links find
nothing because the member row is gone.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery import current_app
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from panels import consent
from panels.choices import MemberStatus, way_bits
from panels.models import ConsentRecord, PanelMember, PanelPage
from website import permissions
from website.audit import record
from website.choices import Language
from website.crypto import decrypt_json, encrypt_json
from website.permissions import is_administrator, service_ids_for

logger = logging.getLogger(__name__)

CONFIRM_SALT = "panels.confirm"
MANAGE_SALT = "panels.manage"
CONFIRM_MAX_AGE = timedelta(days=7)  # unconfirmed sign-ups are deleted after the same time
MANAGE_MAX_AGE = timedelta(days=90)
# A repeated sign-up sends at most one email in this time, so nobody can flood an inbox.
RESEND_AFTER = timedelta(minutes=10)
SEND_CONFIRMATION = "panels.tasks.send_confirmation"
SEND_ALREADY_MEMBER = "panels.tasks.send_already_member"
# Who may see a panel's members: a row of the role matrix (researchers, for panels recruiting
# for their services).
MAY_SEE_MEMBERS = permissions.MAY_SEE_MEMBERS
BROKER_ERRORS = (KombuOperationalError, RedisError, ConnectionError, TimeoutError, OSError)


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


def link_token(member: PanelMember, *, salt: str) -> str:
    """A signed, timestamped token naming the member, for a link in an email."""
    return signing.TimestampSigner(salt=salt).sign(str(member.reference))


def member_from_token(token: str, *, salt: str, max_age: timedelta) -> PanelMember | None:
    """The member a token names, or None if it is forged, altered, expired or withdrawn."""
    try:
        reference = signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return PanelMember.objects.select_related("panel").filter(reference=reference).first()


def _enqueue(task_name: str, member_id: int, language: str) -> None:
    try:
        current_app.signature(task_name, args=(member_id, language)).apply_async()
    except BROKER_ERRORS as exc:
        # The person sees the same page; signing up again sends the email again.
        logger.warning("Broker unavailable (%s); %s for panel member %s not sent",
                       type(exc).__name__, task_name.rsplit(".", 1)[-1], member_id)  # fmt: skip


def _email_due(member: PanelMember, now: datetime) -> bool:
    return member.last_emailed_at is None or now - member.last_emailed_at >= RESEND_AFTER


def sign_up(
    *, panel: PanelPage, contact: Contact, about: AboutMe, purposes: list[str],
    language: str = Language.ENGLISH,
) -> PanelMember:  # fmt: skip
    """Store a new sign-up (pending until confirmed) or, for a known address, email its owner,
    in `language`: the language of the page the form was on.

    Either way the caller shows the same page, so nobody learns who is already a member.
    """
    now = timezone.now()
    key = email_key(contact.email)
    existing = PanelMember.objects.filter(panel=panel, email_key=key).first()
    if existing is None:
        try:
            with transaction.atomic():
                member = _create_member(panel=panel, key=key, contact=contact, about=about,
                                        purposes=purposes, now=now, language=language)  # fmt: skip
        except IntegrityError:  # the same sign-up, twice at once: the first one stands
            existing = PanelMember.objects.get(panel=panel, email_key=key)
        else:
            transaction.on_commit(lambda: _enqueue(SEND_CONFIRMATION, member.pk, language))
            return member
    if _email_due(existing, now):
        PanelMember.objects.filter(pk=existing.pk).update(last_emailed_at=now)
        task = SEND_CONFIRMATION if existing.status == MemberStatus.PENDING else SEND_ALREADY_MEMBER
        transaction.on_commit(lambda: _enqueue(task, existing.pk, language))
    return existing


def _create_member(
    *, panel: PanelPage, key: str, contact: Contact, about: AboutMe, purposes: list[str], now,
    language: str,
) -> PanelMember:  # fmt: skip
    member = PanelMember.objects.create(
        panel=panel,
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
    ConsentRecord.objects.create(member=member, panel=panel, purposes=sorted(purposes),
                                 text_version=consent.CURRENT_VERSION)  # fmt: skip
    return member


def confirm(*, member: PanelMember) -> PanelMember:
    """Make a pending member active (confirming again changes nothing)."""
    if member.status != MemberStatus.PENDING:
        return member
    now = timezone.now()
    member.status = MemberStatus.ACTIVE
    member.confirmed_at = member.consent_renewed_at = now
    with transaction.atomic():
        member.save(update_fields=["status", "confirmed_at", "consent_renewed_at"])
        member.consents.filter(confirmed_at__isnull=True).update(confirmed_at=now)
    return member


def read_contact(member: PanelMember) -> dict:
    """The member's contact details, decrypted (for the member themselves or an audited view)."""
    return decrypt_json(member.contact)


def read_details(member: PanelMember) -> dict:
    """The member's demographics, access needs, language and availability, decrypted."""
    return decrypt_json(member.details)


def update_member(*, member: PanelMember, contact: Contact, about: AboutMe) -> PanelMember:
    """Replace what a member told us; their email address stays (it is how they sign in)."""
    email = read_contact(member)["email"]
    member.contact = encrypt_json(contact.__dict__ | {"email": email})
    member.details = encrypt_json(about.details)
    member.age_band = about.age_band
    member.postcode_district = about.postcode_district
    member.ways = way_bits(about.ways)
    with transaction.atomic():
        member.save(update_fields=["contact", "details", "age_band", "postcode_district", "ways"])
        member.services.set(about.service_ids)
    return member


def set_paused(*, member: PanelMember, paused: bool) -> PanelMember:
    """Pause (no invitations) or resume a confirmed membership."""
    if member.status == MemberStatus.PENDING:
        return member
    member.status = MemberStatus.PAUSED if paused else MemberStatus.ACTIVE
    member.save(update_fields=["status"])
    return member


@transaction.atomic
def withdraw(*, member: PanelMember) -> list[ConsentRecord]:
    """Leave the panel: contact details, demographics and access needs go at once.

    Only the anonymous consent records stay (purposes, text versions, dates).
    """
    now = timezone.now()
    records = list(member.consents.all())
    ConsentRecord.objects.filter(member=member, withdrawn_at__isnull=True).update(withdrawn_at=now)
    member.delete()  # the consent records' link to the member is set to null
    return [ConsentRecord.objects.get(pk=r.pk) for r in records]


def delete_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete sign-ups not confirmed within CONFIRM_MAX_AGE, with their unconfirmed consent."""
    cutoff = (now or timezone.now()) - CONFIRM_MAX_AGE
    stale = PanelMember.objects.filter(status=MemberStatus.PENDING, created_at__lt=cutoff)
    with transaction.atomic():
        # Consent never confirmed proves nothing; it goes with the sign-up.
        ConsentRecord.objects.filter(member__in=stale, confirmed_at__isnull=True).delete()
        _, per_model = stale.delete()
    return per_model.get(PanelMember._meta.label, 0)


# --- researchers ---------------------------------------------------------------------------


def panels_for(user) -> QuerySet[PanelPage]:
    """Panels whose members the user may see: those recruiting for a service they research for
    (an organisation-wide panel recruits for every service); administrators see all."""
    panels = PanelPage.objects.all()
    if is_administrator(user):
        return panels
    ids = service_ids_for(user, MAY_SEE_MEMBERS)
    if not ids.exists():
        return panels.none()
    return panels.filter(Q(services__isnull=True) | Q(services__in=ids)).distinct()


def panel_counts(panels: QuerySet[PanelPage]) -> QuerySet[PanelPage]:
    """Each panel with its members counted by status, in one query."""
    return panels.annotate(
        active_count=Count("members", filter=Q(members__status=MemberStatus.ACTIVE)),
        paused_count=Count("members", filter=Q(members__status=MemberStatus.PAUSED)),
        pending_count=Count("members", filter=Q(members__status=MemberStatus.PENDING)),
    )


def members_for(user) -> QuerySet[PanelMember]:
    """Members the user may see (confirmed ones only: a pending sign-up is not yet a member)."""
    return PanelMember.objects.confirmed().filter(panel__in=panels_for(user).values("pk"))


def viewed_member(*, member: PanelMember, user) -> None:
    """Record that a member of staff opened a member's page."""
    record(user=user, action="panel.member_viewed", obj=member, detail=f"panel {member.panel_id}")


def show_contact(*, member: PanelMember, user) -> dict:
    """A member's contact details and needs for a member of staff, recorded in the audit trail."""
    record(user=user, action="panel.contact_shown", obj=member, detail=f"panel {member.panel_id}")
    return read_contact(member) | {"details": read_details(member)}


def set_do_not_contact(*, member: PanelMember, user, value: bool) -> None:
    """Record that someone asked (by phone or letter) never to be invited, or asked again to be;
    audited. Matching, shortlists and invitations leave them out while it is set."""
    PanelMember.objects.filter(pk=member.pk).update(do_not_contact=value)
    record(user=user, action="panel.do_not_contact" if value else "panel.may_contact",
           obj=member, detail=f"panel {member.panel_id}")  # fmt: skip
