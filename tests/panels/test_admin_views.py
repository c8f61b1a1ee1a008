"""Researchers' panel views: who sees which panel and member, and the audit of every look."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group
from django.urls import reverse

from panels import joining, services
from panels.factories import PanelPageFactory
from panels.joining import AboutMe, Contact
from website.choices import ADMINISTRATOR_GROUP, GROUP_NAMES, ServiceRoleName
from website.factories import ServiceRoleFactory, UserFactory
from website.models import AuditEvent

pytestmark = pytest.mark.django_db


def staff(service, role, username):
    """A member of staff holding `role` on `service`, in that role's admin group."""
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    ServiceRoleFactory(user=user, service=service, role=role)
    return user


def join(panel, email, *, confirmed=True):
    member = joining.sign_up(
        panel=panel, contact=Contact(name="Sam Taylor", email=email, phone="+447700900982"),
        about=AboutMe(age_band="25_34", postcode_district="LS1", ways=["phone"],
                      details={"access_needs": ["bsl"], "availability": ["weekend"]}),
        purposes=["contact"],
    )  # fmt: skip
    return services.confirm(member=member) if confirmed else member


@pytest.fixture
def panels(site_tree, service_pages):
    """An organisation-wide panel, one for maternity and one for the eye clinic."""
    maternity, eyes = service_pages
    whole = PanelPageFactory(parent=site_tree, title="Whole trust panel", slug="panel")
    mat = PanelPageFactory(parent=site_tree, title="Maternity voices", slug="maternity-voices")
    mat.services.set([maternity])
    mat.save()
    eye = PanelPageFactory(parent=site_tree, title="Eye clinic panel", slug="eye-panel")
    eye.services.set([eyes])
    eye.save()
    return {"whole": whole, "maternity": mat, "eyes": eye}


@pytest.fixture
def researcher(service_pages):
    return staff(service_pages[0], ServiceRoleName.RESEARCHER, "rae-researcher")


def test_a_researcher_sees_panels_for_their_services_with_counts(client, researcher, panels):
    join(panels["maternity"], "a@example.org")
    join(panels["maternity"], "b@example.org", confirmed=False)
    client.force_login(researcher)
    page = BeautifulSoup(client.get(reverse("panels_admin:index")).content, "html.parser")
    rows = {r.select("td")[0].get_text(): [td.get_text() for td in r.select("td")[1:4]]
            for r in page.select("table.listing tbody tr")}  # fmt: skip
    assert rows == {"Maternity voices": ["1", "0", "1"], "Whole trust panel": ["0", "0", "0"]}
    assert page.title.get_text().startswith("Patient and carer panels")


def test_another_services_panel_and_member_answer_404(client, researcher, panels):
    other = join(panels["eyes"], "c@example.org")
    client.force_login(researcher)
    assert client.get(reverse("panels_admin:members", args=[panels["eyes"].pk])).status_code == 404
    assert client.get(reverse("panels_admin:member", args=[other.pk])).status_code == 404
    response = client.post(reverse("panels_admin:member", args=[other.pk]), {"action": "show"})
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="panel.contact_shown").exists()


def test_a_pending_sign_up_is_not_shown(client, researcher, panels):
    pending = join(panels["maternity"], "d@example.org", confirmed=False)
    client.force_login(researcher)
    assert client.get(reverse("panels_admin:member", args=[pending.pk])).status_code == 404


@pytest.mark.parametrize("role", [ServiceRoleName.EDITOR, ServiceRoleName.SERVICE_LEAD,
                                  ServiceRoleName.SAFEGUARDING_LEAD])  # fmt: skip
def test_other_roles_see_no_panels(client, panels, service_pages, role):
    member = join(panels["maternity"], "e@example.org")
    client.force_login(staff(service_pages[0], role, f"user-{role}"))
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
    for path in (reverse("panels_admin:index"), reverse("panels_admin:member", args=[member.pk])):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_contact_details_only_on_request_and_every_look_audited(client, researcher, panels):
    # given
    member = join(panels["maternity"], "f@example.org")
    client.force_login(researcher)
    path = reverse("panels_admin:member", args=[member.pk])
    # when: the member's page is opened
    response = client.get(path)
    # then: no contact details, and the look is recorded
    assert "f@example.org" not in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    viewed = AuditEvent.objects.get(action="panel.member_viewed")
    assert (viewed.user, viewed.object_id) == (researcher, str(member.pk))
    # when: the details are asked for
    shown = client.post(path, {"action": "show"}).content.decode()
    # then
    assert "f@example.org" in shown and "+447700900982" in shown
    assert "British Sign Language (BSL) interpreter" in shown and "Weekends" in shown
    event = AuditEvent.objects.get(action="panel.contact_shown")
    assert (event.user, event.object_id) == (researcher, str(member.pk))
    assert "f@example.org" not in event.detail and "Sam" not in event.detail


def test_listing_members_shows_no_contact_details_and_is_audited(client, researcher, panels):
    join(panels["maternity"], "g@example.org")
    client.force_login(researcher)
    body = client.get(reverse("panels_admin:members", args=[panels["maternity"].pk])).content
    assert b"g@example.org" not in body and b"Sam" not in body and b"LS1" in body
    assert AuditEvent.objects.filter(action="panel.members_listed").count() == 1


def test_administrators_see_every_panel(client, panels):
    admin = UserFactory(username="ada-admin")
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    member = join(panels["eyes"], "h@example.org")
    client.force_login(admin)
    page = client.get(reverse("panels_admin:index")).content.decode()
    assert all(p.title in page for p in panels.values())
    assert client.get(reverse("panels_admin:member", args=[member.pk])).status_code == 200
