"""Counting the members a recruitment could invite, from plain indexed fields only.

Nothing is decrypted: age band, ways of taking part (a bitmask) and services used are stored
plain for this (issue 14's benchmark: 100,000 members counted within 1 s).
"""

from collections.abc import Iterable

from django.db.models import F, QuerySet

from panels.choices import MemberStatus, way_bits
from panels.models import PanelMember


def matching_members(
    *,
    panel_ids: Iterable[int],
    age_bands: Iterable[str] = (),
    ways: Iterable[str] = (),
    service_ids: Iterable[int] = (),
) -> QuerySet[PanelMember]:
    """Active members of the panels who match every criterion given (an empty one matches all):
    one of the age bands, at least one of the ways, and at least one of the services."""
    members = PanelMember.objects.filter(status=MemberStatus.ACTIVE, panel_id__in=list(panel_ids))
    if age_bands := list(age_bands):
        members = members.filter(age_band__in=age_bands)
    if mask := way_bits(list(ways)):
        members = members.alias(wanted_ways=F("ways").bitand(mask)).filter(wanted_ways__gt=0)
    if service_ids := list(service_ids):
        through = PanelMember.services.through.objects.filter(servicepage_id__in=service_ids)
        members = members.filter(pk__in=through.values("panelmember_id"))
    return members


def matching_count(**criteria) -> int:
    """How many active members match (see matching_members)."""
    return matching_members(**criteria).count()
