"""Recruiting panel members for a study: who matches, the shortlist, invitations and answers.

Researchers see a count first; members are named (by reference) only once shortlisted, and each
shortlist is audited. Invitations respect do-not-contact and the contact cap (one invitation per
member per PANEL_CONTACT_CAP_DAYS across every recruitment), and each is emailed exactly once.
"""

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from panels.choices import InvitationStatus, MemberStatus, RecruitmentStatus
from panels.matching import matching_members
from panels.models import Invitation, PanelMember, PanelPage, Recruitment
from website import permissions
from website.audit import record
from website.celery_app import BROKER_ERRORS
from website.crypto import decrypt_json

logger = logging.getLogger(__name__)

MAY_RECRUIT = permissions.MAY_RECRUIT
SEND_INVITATIONS = "panels.tasks.send_invitations"
# Invitations per task: one transaction claims them and one mail connection sends them, and a
# failure retries at most this many (each still sent once).
SEND_BATCH = 50
ANSWER_SALT = "panels.invitation"
ANSWER_MAX_AGE = timedelta(days=120)  # long enough for a study months away
# A shortlist is read by a person; more than this at once is a mailing list, not a shortlist.
MAX_SHORTLIST = 500
# Members decrypted per query when screening on access needs (bounded memory).
SCREEN_BATCH = 1_000
ANSWERABLE = (InvitationStatus.INVITED, InvitationStatus.ACCEPTED, InvitationStatus.DECLINED)


@dataclass(frozen=True)
class InviteOutcome:
    """What one round of inviting did."""

    invited: int
    held_back: int  # shortlisted but not invited: contacted too recently, paused or do-not-contact


def contact_cap_cutoff(now: datetime) -> datetime:
    """Members invited after this moment may not be invited again yet."""
    return now - timedelta(days=settings.PANEL_CONTACT_CAP_DAYS)


def panels_recruiting_for(service_id: int) -> QuerySet[PanelPage]:
    """Panels whose members a service's recruitment may invite: its own and organisation-wide."""
    return PanelPage.objects.filter(Q(services__isnull=True) | Q(services=service_id)).distinct()


def _invitable(members: QuerySet[PanelMember], now: datetime) -> QuerySet[PanelMember]:
    cutoff = contact_cap_cutoff(now)
    return members.filter(status=MemberStatus.ACTIVE, do_not_contact=False).filter(
        Q(last_invited_at__isnull=True) | Q(last_invited_at__lte=cutoff)
    )


def candidates(*, recruitment: Recruitment, now: datetime | None = None) -> QuerySet[PanelMember]:
    """Members matching the recruitment's plain-field criteria (no decryption)."""
    now = now or timezone.now()
    members = matching_members(
        panel_ids=panels_recruiting_for(recruitment.service_id).values_list("pk", flat=True),
        age_bands=recruitment.age_bands,
        ways=recruitment.ways,
        service_ids=recruitment.services_used.values_list("pk", flat=True),
    ).filter(do_not_contact=False)
    if recruitment.not_contacted_days:
        since = now - timedelta(days=recruitment.not_contacted_days)
        members = members.filter(Q(last_invited_at__isnull=True) | Q(last_invited_at__lte=since))
    return members


def _needs_met(recruitment: Recruitment, members: QuerySet[PanelMember]) -> list[int]:
    """IDs of members whose access needs the activity can all meet (their needs are encrypted,
    so this decrypts; it runs on the members the plain criteria left)."""
    can_meet = set(recruitment.access_needs_met)
    ids = []
    rows = members.order_by("pk").values_list("pk", "details")
    for pk, details in rows.iterator(chunk_size=SCREEN_BATCH):
        needs = set(decrypt_json(details).get("access_needs") or [])
        if needs <= can_meet:
            ids.append(pk)
    return ids


def matching_ids(*, recruitment: Recruitment, invitable_only: bool = False) -> list[int] | None:
    """IDs of the matching members when access needs are screened; None when the plain
    criteria say everything (then count in the database)."""
    members = candidates(recruitment=recruitment)
    if invitable_only:
        members = _invitable(members, timezone.now())
    if not recruitment.access_needs_met:
        return None
    return _needs_met(recruitment, members)


@dataclass(frozen=True)
class MatchCount:
    """How many members match, and how many of those could be invited today."""

    matching: int
    invitable: int


def match_count(*, recruitment: Recruitment) -> MatchCount:
    """The counts a researcher sees before anyone is named."""
    now = timezone.now()
    members = candidates(recruitment=recruitment, now=now)
    if not recruitment.access_needs_met:
        return MatchCount(members.count(), _invitable(members, now).count())
    ids = _needs_met(recruitment, members)
    invitable = _invitable(members.filter(pk__in=ids), now).count() if ids else 0
    return MatchCount(len(ids), invitable)


def shortlist(*, recruitment: Recruitment, user, size: int) -> int:
    """Add up to `size` randomly chosen invitable matching members to the shortlist (audited).

    Returns how many were added; members already on this recruitment are not added twice.
    """
    size = max(0, min(size, MAX_SHORTLIST))
    members = _invitable(candidates(recruitment=recruitment), timezone.now()).exclude(
        invitations__recruitment=recruitment
    )
    ids = _needs_met(recruitment, members) if recruitment.access_needs_met else list(
        members.values_list("pk", flat=True)
    )  # fmt: skip
    # A fair draw, not the oldest members every time.
    chosen = random.SystemRandom().sample(ids, min(size, len(ids)))
    Invitation.objects.bulk_create(
        [Invitation(recruitment=recruitment, member_id=pk) for pk in chosen],
        ignore_conflicts=True,
    )
    record(user=user, action="panel.shortlisted", obj=recruitment, service=recruitment.service,
           detail=f"recruitment {recruitment.pk}: {len(chosen)} members")  # fmt: skip
    return len(chosen)


def _enqueue_invitations(invitation_ids: list[int]) -> None:
    for start in range(0, len(invitation_ids), SEND_BATCH):
        batch = invitation_ids[start : start + SEND_BATCH]
        try:
            current_app.signature(SEND_INVITATIONS, args=(batch,)).apply_async()
        except BROKER_ERRORS as exc:
            # The invitations stay invited and unsent: inviting again queues them again.
            logger.warning("Broker unavailable (%s); %d invitations not queued",
                           type(exc).__name__, len(batch))  # fmt: skip
            return


def invite(
    *, recruitment: Recruitment, user, invitation_ids: list[int] | None = None
) -> InviteOutcome:
    """Invite the shortlisted members (or the given shortlisted invitations) by email.

    Members paused, marked do-not-contact or invited by any recruitment within the contact cap
    stay shortlisted. Emails go through the `email` queue once the transaction commits.
    Unsent invitations (the broker was down) are queued again.
    """
    now = timezone.now()
    with transaction.atomic():
        waiting = recruitment.invitations.filter(status=InvitationStatus.SHORTLISTED)
        if invitation_ids is not None:
            waiting = waiting.filter(pk__in=invitation_ids)
        waiting_members = list(waiting.values_list("member_id", flat=True))
        # Lock the members, then read the cap again: two recruitments inviting the same person
        # at once cannot both get past it (PostgreSQL; SQLite serialises writers anyway).
        eligible = list(
            _invitable(PanelMember.objects.filter(pk__in=waiting_members), now)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        PanelMember.objects.filter(pk__in=eligible).update(last_invited_at=now)
        invited = waiting.filter(member_id__in=eligible)
        invited.update(status=InvitationStatus.INVITED, invited_at=now)
        to_send = list(
            recruitment.invitations.filter(
                status=InvitationStatus.INVITED, emailed_at__isnull=True
            ).values_list("pk", flat=True)
        )
        record(user=user, action="panel.invited", obj=recruitment, service=recruitment.service,
               detail=f"recruitment {recruitment.pk}: {len(eligible)} invited")  # fmt: skip
        transaction.on_commit(lambda: _enqueue_invitations(to_send))
    return InviteOutcome(invited=len(eligible), held_back=len(waiting_members) - len(eligible))


def invite_members(
    *, recruitment: Recruitment, members: QuerySet[PanelMember], user
) -> InviteOutcome:
    """Shortlist and invite these panel members at once (for example people who registered
    interest in an opportunity and are on a panel): only those on a panel recruiting for the
    recruitment's service, active and not do-not-contact; the contact cap applies."""
    panel_ids = panels_recruiting_for(recruitment.service_id).values_list("pk", flat=True)
    ids = list(members.filter(panel_id__in=panel_ids).values_list("pk", flat=True))
    with transaction.atomic():
        Invitation.objects.bulk_create(
            [Invitation(recruitment=recruitment, member_id=pk) for pk in ids],
            ignore_conflicts=True,
        )
        record(user=user, action="panel.shortlisted", obj=recruitment,
               service=recruitment.service,
               detail=f"recruitment {recruitment.pk}: {len(ids)} members chosen")  # fmt: skip
        waiting = recruitment.invitations.filter(
            member_id__in=ids, status=InvitationStatus.SHORTLISTED
        ).values_list("pk", flat=True)
        return invite(recruitment=recruitment, user=user, invitation_ids=list(waiting))


def claim_for_sending(invitation_ids: list[int]) -> list[Invitation]:
    """Mark invitations as emailed, once: those already sent, withdrawn or gone are left out.

    One transaction of conditional updates: a second worker with the same IDs waits for the
    first's commit (the row lock, or SQLite's write lock) and then claims nothing.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = [pk for pk in invitation_ids if Invitation.objects.filter(
            pk=pk, status=InvitationStatus.INVITED, emailed_at__isnull=True,
        ).update(emailed_at=now)]  # fmt: skip
    invitations = Invitation.objects.select_related("recruitment__service", "member__panel")
    return list(invitations.filter(pk__in=claimed).order_by("pk"))


def release_claims(invitation_ids: list[int]) -> None:
    """These emails could not be sent: let a retry send them."""
    Invitation.objects.filter(pk__in=invitation_ids).update(emailed_at=None)


def answer_token(invitation: Invitation) -> str:
    """A signed token for an invitee's yes-or-no link."""
    return signing.TimestampSigner(salt=ANSWER_SALT).sign(str(invitation.reference))


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a token names, or None if it is forged, altered, expired or gone."""
    try:
        reference = signing.TimestampSigner(salt=ANSWER_SALT).unsign(token, max_age=ANSWER_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("recruitment", "member__panel")
        .filter(reference=reference)
        .first()
    )


def may_answer(invitation: Invitation) -> bool:
    """Whether the invitee can still say yes or no (not after the activity or once recorded)."""
    recruitment = invitation.recruitment
    last_day = recruitment.ends_on or recruitment.starts_on
    return (
        invitation.status in ANSWERABLE
        and recruitment.status == RecruitmentStatus.OPEN
        and timezone.localdate() <= last_day
    )


def answer(*, invitation: Invitation, accept: bool) -> Invitation:
    """Record the invitee's yes or no (they may change their mind while the study is open)."""
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return invitation


def status_counts(recruitment: Recruitment) -> dict[str, int]:
    """Invitations of a recruitment counted by status, every status present (one query)."""
    counts = dict.fromkeys(InvitationStatus.values, 0)
    rows = recruitment.invitations.values_list("status").annotate(n=Count("pk"))
    counts.update(dict(rows))
    return counts


@dataclass(frozen=True)
class InvitationTally:
    """A recruitment's invitations, each figure a part of the one before: everyone ever invited,
    their answers, then the attendance of those who said yes."""

    shortlisted: int  # on the shortlist, not invited yet
    invited: int  # everyone invited, whatever happened next
    accepted: int
    declined: int
    no_answer: int
    attended: int
    no_show: int

    @property
    def attendance_unrecorded(self) -> int:
        """Said yes, and nobody has recorded yet whether they came."""
        return self.accepted - self.attended - self.no_show


def invitation_tally(recruitment: Recruitment) -> InvitationTally:
    """The recruitment's invitations as researchers read them (one query).

    A status is where an invitation is now, so an accepted invitation is no longer "invited":
    here everyone past the shortlist counts as invited, and attending or not turning up counts
    as having said yes (staff record attendance over the answer).
    """
    n = status_counts(recruitment)
    s = InvitationStatus
    accepted = n[s.ACCEPTED] + n[s.ATTENDED] + n[s.NO_SHOW]
    return InvitationTally(
        shortlisted=n[s.SHORTLISTED],
        invited=accepted + n[s.DECLINED] + n[s.INVITED],
        accepted=accepted,
        declined=n[s.DECLINED],
        no_answer=n[s.INVITED],
        attended=n[s.ATTENDED],
        no_show=n[s.NO_SHOW],
    )
