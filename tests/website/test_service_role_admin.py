"""Administrators give staff roles on services in the Wagtail admin; nobody else can."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.models import ServicePage, ServiceRole

pytestmark = pytest.mark.django_db

INDEX = "/admin/service_roles/"
ADD = "/admin/service_roles/new/"


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def administrator(demo_site):
    """An administrator by group membership, not a superuser."""
    admin = get_user_model().objects.create_user("trust-admin", password="x", is_staff=True)
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    return admin


@pytest.mark.parametrize("username", ["admin", "trust-admin"])
def test_administrators_list_roles(client, administrator, username):
    client.force_login(user(username))
    response = client.get(INDEX)
    assert response.status_code == 200
    assert b"Service roles" in response.content
    assert b"Maternity services" in response.content


def test_administrator_gives_a_member_of_staff_a_role(client, administrator):
    # given
    client.force_login(administrator)
    researcher = user("researcher")
    maternity = ServicePage.objects.get(slug="maternity")
    assert not ServiceRole.objects.filter(user=researcher, service=maternity).exists()
    # when
    response = client.post(
        ADD, {"user": researcher.pk, "service": maternity.pk, "role": ServiceRoleName.RESEARCHER}
    )
    # then
    assert response.status_code == 302
    assert ServiceRole.objects.filter(
        user=researcher, service=maternity, role=ServiceRoleName.RESEARCHER
    ).exists()


def test_administrator_removes_a_role(client, administrator):
    client.force_login(administrator)
    role = ServiceRole.objects.filter(user__username="editor").first()
    response = client.post(f"/admin/service_roles/delete/{role.pk}/")
    assert response.status_code == 302
    assert not ServiceRole.objects.filter(pk=role.pk).exists()


@pytest.mark.parametrize("username", ["editor", "researcher", "service-lead", "safeguarding"])
def test_other_staff_cannot_see_or_change_roles(client, demo_site, username):
    # given a member of staff who may use the admin
    staff = user(username)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    service = ServicePage.objects.get(slug="pharmacy")
    count = ServiceRole.objects.count()
    # when / then
    assert b"Service roles" not in client.get("/admin/").content
    assert client.get(INDEX).status_code in (302, 403)
    response = client.post(
        ADD, {"user": staff.pk, "service": service.pk, "role": ServiceRoleName.SERVICE_LEAD}
    )
    assert response.status_code in (302, 403)
    assert ServiceRole.objects.count() == count
