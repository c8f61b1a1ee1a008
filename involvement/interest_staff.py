"""The staff side of interest in opportunities: which opportunities' interest a researcher
sees, the audited view of who registered, inviting them (by email, or through a panel
recruitment), and deleting interest INTEREST_RETENTION_DAYS after its opportunity ends.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from involvement import interest  # its queue_email, called through the module: tests replace it
from involvement.interest import INTEREST_RETENTION_DAYS, InterestDetails, read_details
from involvement.models import Interest, OpportunityPage
from panels.choices import InvitationStatus, RecruitmentStatus
from panels.joining import email_key as panel_email_key
from panels.models import PanelMember, Recruitment
from panels.recruitment import invite_members, panels_recruiting_for
from website.audit import record
from website.permissions import MAY_SEE_INTEREST, is_administrator, service_ids_for

SEND_INVITATION = "involvement.tasks.send_interest_invitation"


def opportunities_for(user) -> QuerySet[OpportunityPage]:
    """Opportunities whose interest the user may see: those of services they research for;
    organisation-wide ones for administrators only."""
    opportunities = OpportunityPage.objects.all()
    ids = service_ids_for(user, MAY_SEE_INTEREST)
    if ids is None and is_administrator(user):
        return opportunities
    return opportunities.filter(service_id__in=ids)


def with_interest_counts(opportunities: QuerySet[OpportunityPage]) -> QuerySet[OpportunityPage]:
    """Each opportunity with the people who registered and those invited, in one query."""
    return opportunities.annotate(
        registered=Count("interest"),
        invited=Count("interest", filter=Q(interest__invited_at__isnull=False)),
    )


def show_details(*, opportunity: OpportunityPage, user) -> list[tuple[Interest, InterestDetails]]:
    """Everyone who registered interest, decrypted for a researcher; audited "interest.viewed"."""
    rows = list(opportunity.interest.order_by("registered_at", "pk"))
    record(
        user=user,
        action="interest.viewed",
        obj=opportunity,
        service=opportunity.service,
        detail=f"opportunity {opportunity.pk}, {len(rows)} people",
    )
    return [(row, read_details(row)) for row in rows]


@dataclass(frozen=True)
class InviteResult:
    """How the chosen people were invited: by our email, or as panel members."""

    emailed: int = 0
    through_panel: int = 0
    held_back: int = 0  # on a panel, but paused, do-not-contact or invited too recently


def open_recruitments(opportunity: OpportunityPage) -> QuerySet[Recruitment]:
    """The opportunity's service's open panel recruitments, to invite panel members through."""
    if opportunity.service_id is None:
        return Recruitment.objects.none()
    return Recruitment.objects.filter(service_id=opportunity.service_id,
                                      status=RecruitmentStatus.OPEN).order_by("title")  # fmt: skip


def _invite_panel_members(
    *, rows: list[Interest], recruitment: Recruitment, user
) -> tuple[list[Interest], list[Interest]]:
    """Invite the chosen people who are on a panel recruiting for the service through the
    panel's recruitment (its contact cap and do-not-contact apply); (invited, held back)."""
    keys = {row.pk: panel_email_key(read_details(row).email) for row in rows}
    members = PanelMember.objects.confirmed().filter(
        panel__in=panels_recruiting_for(recruitment.service_id), email_key__in=keys.values()
    )
    on_panel = set(members.values_list("email_key", flat=True))
    if not on_panel:
        return [], []
    invite_members(recruitment=recruitment, members=members, user=user)
    invited = set(
        recruitment.invitations.filter(member__in=members)
        .exclude(status=InvitationStatus.SHORTLISTED)
        .values_list("member__email_key", flat=True)
    )
    return ([row for row in rows if keys[row.pk] in invited],
            [row for row in rows if keys[row.pk] in on_panel - invited])  # fmt: skip


def invite(
    *,
    opportunity: OpportunityPage,
    interest_ids: list[int],
    message: str,
    user,
    recruitment: Recruitment | None = None,
) -> InviteResult:
    """Invite the chosen people not yet invited: panel members through `recruitment` (when
    given, with panels' own invitation), everyone else by an email of `message` via Celery."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            opportunity.interest.select_for_update().filter(
                pk__in=interest_ids, invited_at__isnull=True
            )
        )
        through_panel, held_back = [], []
        if recruitment is not None:
            through_panel, held_back = _invite_panel_members(
                rows=rows, recruitment=recruitment, user=user
            )
            Interest.objects.filter(pk__in=[r.pk for r in through_panel]).update(
                invited_at=now, invitation=f"Invited through the panel: {recruitment.title}"
            )
        handled = {r.pk for r in through_panel + held_back}
        emailed = [r.pk for r in rows if r.pk not in handled]
        Interest.objects.filter(pk__in=emailed).update(invited_at=now, invitation=message)
        record(user=user, action="interest.invited", obj=opportunity, service=opportunity.service,
               detail=f"opportunity {opportunity.pk}: {len(emailed)} by email, "
                      f"{len(through_panel)} through the panel")  # fmt: skip
    for interest_id in emailed:
        transaction.on_commit(lambda pk=interest_id: interest.queue_email(SEND_INVITATION, pk))
    return InviteResult(emailed=len(emailed), through_panel=len(through_panel),
                        held_back=len(held_back))  # fmt: skip


def delete_expired_interest(*, today: date | None = None) -> int:
    """Delete interest in opportunities that ended more than INTEREST_RETENTION_DAYS ago."""
    cutoff = (today or timezone.localdate()) - timedelta(days=INTEREST_RETENTION_DAYS)
    ended = OpportunityPage.objects.annotate(
        last_day_on=Coalesce("ends_on", "closing_date")
    ).filter(last_day_on__lt=cutoff)
    deleted, _ = Interest.objects.filter(opportunity__in=ended.values("pk")).delete()
    return deleted
