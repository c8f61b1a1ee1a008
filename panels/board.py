"""What a service's insight board shows about panels: size, representation, open recruitment.

Read by involvement's board through a template tag (involvement may read panels; panels never
imports involvement). Representation decrypts members, so the figures are cached for
BOARD_CACHE_SECONDS: the one invalidation rule is time.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q

from panels.choices import MemberStatus, RecruitmentStatus
from panels.models import PanelMember, Recruitment
from panels.recruitment import panels_recruiting_for
from panels.representation import Breakdown, breakdowns, show_count

BOARD_CACHE_SECONDS = 600


@dataclass
class PanelSummary:
    """Panels recruiting for one service, as its board shows them."""

    panels: list[tuple[int, str]]  # (id, title)
    active: int
    paused: int
    breakdowns: list[Breakdown]
    counted: str
    open_recruitment: list[tuple[int, str, str]]  # (id, title, starts)


def _summary(service_id: int) -> PanelSummary:
    panels = panels_recruiting_for(service_id).order_by("title")
    members = PanelMember.objects.confirmed().filter(panel__in=panels.values("pk"))
    counts = members.aggregate(
        active=Count("pk", filter=Q(status=MemberStatus.ACTIVE)),
        paused=Count("pk", filter=Q(status=MemberStatus.PAUSED)),
    )
    found, counted = breakdowns(members)
    studies = Recruitment.objects.filter(service_id=service_id, status=RecruitmentStatus.OPEN)
    return PanelSummary(
        panels=list(panels.values_list("pk", "title")), active=counts["active"],
        paused=counts["paused"], breakdowns=found, counted=show_count(counted),
        open_recruitment=[(s.pk, s.title, s.starts_on.strftime("%-d %B %Y"))
                          for s in studies.order_by("starts_on")],
    )  # fmt: skip


def board_summary(*, service_id: int) -> PanelSummary:
    """The panel figures for a service's board (cached for BOARD_CACHE_SECONDS)."""
    return cache.get_or_set(f"panels:board:{service_id}", lambda: _summary(service_id),
                            BOARD_CACHE_SECONDS)  # fmt: skip
