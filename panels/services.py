"""Confirming, updating, pausing and leaving a panel (joining it: panels.joining); what
researchers may see.

Links in emails carry a member's reference signed with a timestamp (Django's TimestampSigner), so
they cannot be forged or altered and stop working after a while; a withdrawn member's links find
nothing because the member row is gone.
"""

from datetime import datetime, timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from panels.choices import MemberStatus, way_bits
from panels.joining import AboutMe, Contact
from panels.models import ConsentRecord, PanelMember, PanelPage
from website import permissions
from website.audit import record
from website.crypto import decrypt_json, encrypt_json
from website.permissions import is_administrator, service_ids_for

CONFIRM_SALT = "panels.confirm"
MANAGE_SALT = "panels.manage"
CONFIRM_MAX_AGE = timedelta(days=7)  # unconfirmed sign-ups are deleted after the same time
MANAGE_MAX_AGE = timedelta(days=90)
# Who may see a panel's members: a row of the role matrix (researchers, for panels recruiting
# for their services).
MAY_SEE_MEMBERS = permissions.MAY_SEE_MEMBERS


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
