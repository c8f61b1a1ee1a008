"""Panels, tested as an attacker would: every panel URL, every demo login, every object's ID.

Each service gets its own panel with one member whose name is a marker, and a recruitment whose
title is another, with that member invited. Each login (and no login) then opens, and posts to,
every panel screen with every panel's, member's, recruitment's and invitation's ID swapped in. A
marker may appear only where that login may see it (the demo's own table of roles, not the code
under test), and nothing may change but what that login may change.
"""

from datetime import date

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from panels import recruitment
from panels.choices import InvitationStatus
from panels.factories import PanelPageFactory
from panels.models import Invitation, PanelMember, PanelPage, PopulationFigure, Recruitment
from tests.panels.conftest import join
from website.crypto import encrypt_json
from website.demo import DEMO_ROLES
from website.models import HomePage, ServicePage

pytestmark = pytest.mark.django_db
USERS = [None, "admin", *DEMO_ROLES]


def member_marker(service) -> str:
    return f"MEMBERMARK{service.pk}"


def study_marker(service) -> str:
    return f"STUDYMARK{service.pk}"


def researches(username: str | None, service) -> bool:
    """The policy: administrators, and researchers on that service (from the demo's table)."""
    if username == "admin":
        return True
    return any(role == "researcher" and slug == service.slug
               for role, slug in DEMO_ROLES.get(username, []))  # fmt: skip


@pytest.fixture
def marked(demo_site):
    """A panel, a member, a recruitment and an invitation per service, each marked."""
    home = HomePage.objects.get()
    rows = []
    for n, service in enumerate(ServicePage.objects.order_by("pk")):
        panel = PanelPageFactory(parent=home, slug=f"panel-{service.slug}", title=f"Panel {n}")
        panel.services.set([service])
        panel.save()
        member = join(panel, n)
        PanelMember.objects.filter(pk=member.pk).update(contact=encrypt_json(
            {"name": member_marker(service), "email": f"m{n}@example.org", "phone": "",
             "contact_method": "email"}
        ))  # fmt: skip
        study = Recruitment.objects.create(
            service=service, title=study_marker(service), stage="design", activity="interview",
            starts_on=date(2099, 1, 1), setting="online", target_number=3,
        )  # fmt: skip
        invitation = Invitation.objects.create(recruitment=study, member=member)
        rows.append((service, panel, member, study, invitation))
    return rows


def urls(panel, member, study, invitation, service) -> list[tuple[str, str, dict | None]]:
    """(method, URL, POST data) for every panel screen of these objects."""
    return [
        ("get", f"/admin/panels/{panel.pk}/members/", None),
        ("get", f"/admin/panels/{panel.pk}/representation/", None),
        ("get", f"/admin/panels/members/{member.pk}/", None),
        ("post", f"/admin/panels/members/{member.pk}/", {"action": "show"}),
        ("get", f"/admin/panels/services/{service.pk}/recruitment/add/", None),
        ("post", f"/admin/panels/services/{service.pk}/recruitment/add/",
         {"service": service.pk, "title": "HACKED", "stage": "design", "activity": "interview",
          "starts_on": "2099-01-01", "setting": "online", "target_number": 1,
          "status": "open"}),
        ("get", f"/admin/panels/recruitment/{study.pk}/", None),
        ("post", f"/admin/panels/recruitment/{study.pk}/", {"action": "invite"}),
        ("get", f"/admin/panels/recruitment/{study.pk}/edit/", None),
        ("post", f"/admin/panels/recruitment/{study.pk}/edit/", {"title": "HACKED"}),
        ("get", f"/admin/panels/recruitment/{study.pk}/representation/", None),
        ("get", f"/admin/panels/invitations/{invitation.pk}/", None),
        ("post", f"/admin/panels/invitations/{invitation.pk}/", {"status": "attended"}),
        ("get", f"/admin/involvement/services/{service.pk}/board/", None),
    ]  # fmt: skip


SHARED = ["/admin/panels/", "/admin/panels/recruitment/", "/admin/panels/population/",
          "/panels/invitation/forged:token/", "/panels/you/forged:token/renew/"]  # fmt: skip


def state(row) -> tuple:
    """What a login could change: the recruitment and its invitation."""
    _service, _panel, _member, study, invitation = row
    study = Recruitment.objects.get(pk=study.pk)
    invitation = Invitation.objects.get(pk=invitation.pk)
    return (study.title, study.status, invitation.status, invitation.payment_made,
            invitation.invited_at)  # fmt: skip


def reads_board(username: str | None, service) -> bool:
    """Board readers see a service's open recruitment titles (never members): leads too."""
    if username == "admin":
        return True
    return any(role in ("researcher", "service_lead") and slug == service.slug
               for role, slug in DEMO_ROLES.get(username, []))  # fmt: skip


def test_no_login_sees_or_changes_a_panel_it_may_not(marked):
    for username in USERS:
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        before = {row[0].pk: state(row) for row in marked}
        visits = [(m, u, d, row[0]) for row in marked for m, u, d in urls(*row[1:], row[0])]
        visits += [("get", url, None, None) for url in SHARED]
        for method, url, data, target in visits:
            response = getattr(client, method)(url, data or {})
            text = response.content.decode() if not getattr(response, "streaming", False) else ""
            for service, *_ in marked:
                for marker in (member_marker(service), study_marker(service)):
                    if marker in text:
                        allowed = researches(username, service) or (
                            "/board/" in url and marker == study_marker(service)
                            and reads_board(username, service)
                        )  # fmt: skip
                        # lists (no target) name studies, never a member's details
                        own = target == service or (target is None and "STUDY" in marker)
                        assert own and allowed, f"{username}: {marker} at {url}"
            if target is not None and not researches(username, target) and "/board/" not in url:
                assert response.status_code in (302, 403, 404), (username, method, url)
        # then nothing changed where the login has no right to change it
        for row in marked:
            if not researches(username, row[0]):
                assert state(row) == before[row[0].pk], (username, row[0].slug)
        for added in Recruitment.objects.filter(title="HACKED").select_related("service"):
            assert researches(username, added.service), (username, added.service.slug)
            added.delete()
        assert not PopulationFigure.objects.exists()


def test_the_markers_are_there_to_be_found(marked):
    # the probe above would see a leak: the researcher finds their own service's markers
    client = Client()
    client.force_login(get_user_model().objects.get(username="researcher"))
    physio = next(row for row in marked if row[0].slug == "physiotherapy-outpatients")
    service, panel, member, study, invitation = physio
    shown = client.post(f"/admin/panels/members/{member.pk}/", {"action": "show"})
    assert member_marker(service) in shown.content.decode()
    assert (
        study_marker(service)
        in client.get(f"/admin/panels/recruitment/{study.pk}/").content.decode()
    )
    client.post(f"/admin/panels/recruitment/{study.pk}/", {"action": "invite"})
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.INVITED
    assert recruitment.MAY_RECRUIT == ("researcher",)
    assert PanelPage.objects.filter(services=service).exists()
