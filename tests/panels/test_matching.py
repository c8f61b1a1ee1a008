"""The matching count: active members of the panels meeting every criterion, nothing decrypted."""

import pytest

from panels import joining, services
from panels.factories import PanelPageFactory
from panels.joining import AboutMe, Contact
from panels.matching import matching_count

pytestmark = pytest.mark.django_db


def member(panel, n, *, age_band, ways, service_ids=(), confirmed=True, paused=False):
    m = joining.sign_up(
        panel=panel, contact=Contact(name=f"M{n}", email=f"m{n}@example.org"),
        about=AboutMe(age_band=age_band, postcode_district="LS1", ways=ways,
                      service_ids=list(service_ids)),
        purposes=["contact"],
    )  # fmt: skip
    if confirmed:
        services.confirm(member=m)
    if paused:
        services.set_paused(member=m, paused=True)
    return m


def test_counts_only_active_members_matching_every_criterion(panel, service_pages, site_tree):
    # given
    maternity, eyes = (s.pk for s in service_pages)
    other = PanelPageFactory(parent=site_tree, slug="other")
    member(panel, 1, age_band="25_34", ways=["video"], service_ids=[maternity])
    member(panel, 2, age_band="25_34", ways=["phone", "in_person"], service_ids=[eyes])
    member(panel, 3, age_band="65_74", ways=["video"], service_ids=[maternity, eyes])
    member(panel, 4, age_band="25_34", ways=["video"], confirmed=False)
    member(panel, 5, age_band="25_34", ways=["video"], paused=True)
    member(other, 6, age_band="25_34", ways=["video"])
    ids = [panel.pk]
    # then
    assert matching_count(panel_ids=ids) == 3
    assert matching_count(panel_ids=ids, age_bands=["25_34"]) == 2
    assert matching_count(panel_ids=ids, ways=["video"]) == 2
    assert matching_count(panel_ids=ids, ways=["in_person", "online_survey"]) == 1
    assert matching_count(panel_ids=ids, service_ids=[eyes]) == 2
    assert matching_count(panel_ids=ids, age_bands=["25_34"], ways=["video"],
                          service_ids=[maternity]) == 1  # fmt: skip
    assert matching_count(panel_ids=[panel.pk, other.pk], ways=["video"]) == 3
