"""Per-service permissions: a role on one service never opens another."""

import pytest

from django.contrib.auth.models import AnonymousUser, Group
from django.http import Http404

from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.factories import ServicePageFactory, ServiceRoleFactory, UserFactory
from website.models import AuditEvent, ServicePage, ServicesIndexPage
from website.permissions import (
    get_object_or_404,
    get_service_or_404,
    has_service_role,
    holds_any_role,
    is_administrator,
    scope_to_user,
    services_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(site_tree):
    index = ServicesIndexPage.objects.child_of(site_tree).first()
    if index is None:
        from website.factories import ServicesIndexPageFactory

        index = ServicesIndexPageFactory(parent=site_tree, slug="services")
    return ServicePageFactory(parent=index, title="Service A"), ServicePageFactory(
        parent=index, title="Service B"
    )


@pytest.fixture
def lead_of_a(services):
    service_a, _ = services
    return ServiceRoleFactory(service=service_a, role=ServiceRoleName.SERVICE_LEAD).user


@pytest.fixture
def administrator(site_tree):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    return user


def audit_rows(services):
    """Rows owned by each service, to scope."""
    a, b = services
    return [
        AuditEvent.objects.create(action="viewed", object_type="x", object_id="1", service=a),
        AuditEvent.objects.create(action="viewed", object_type="x", object_id="2", service=b),
    ]


def test_role_on_service_a_opens_a_and_answers_404_for_b(lead_of_a, services):
    service_a, service_b = services
    assert get_service_or_404(lead_of_a, service_a.pk) == service_a
    with pytest.raises(Http404):
        get_service_or_404(lead_of_a, service_b.pk)


@pytest.mark.parametrize("bad_id", ["not-a-number", None, 999999])
def test_get_service_or_404_answers_404_for_nonsense_ids(lead_of_a, bad_id):
    with pytest.raises(Http404):
        get_service_or_404(lead_of_a, bad_id)


def test_role_is_checked_not_just_membership(lead_of_a, services):
    service_a, _ = services
    with pytest.raises(Http404):
        get_service_or_404(lead_of_a, service_a.pk, roles=[ServiceRoleName.RESEARCHER])
    assert has_service_role(lead_of_a, service_a, [ServiceRoleName.SERVICE_LEAD])
    assert not has_service_role(lead_of_a, service_a.pk, [ServiceRoleName.SAFEGUARDING_LEAD])


def test_services_for_lists_only_services_with_a_role(lead_of_a, services):
    service_a, _ = services
    assert list(services_for(lead_of_a)) == [service_a]


def test_scope_to_user_limits_rows_to_the_users_services(lead_of_a, services):
    row_a, row_b = audit_rows(services)
    rows = AuditEvent.objects.filter(action="viewed")  # giving the role wrote an event too
    assert list(scope_to_user(lead_of_a, rows)) == [row_a]
    assert get_object_or_404(lead_of_a, rows, row_a.pk) == row_a
    with pytest.raises(Http404):
        get_object_or_404(lead_of_a, rows, row_b.pk)


@pytest.mark.parametrize("kind", ["administrator group", "superuser"])
def test_administrators_see_every_service(administrator, services, kind):
    user = administrator if kind == "administrator group" else UserFactory(is_superuser=True)
    assert is_administrator(user)
    rows = audit_rows(services)
    assert set(services_for(user)) == set(ServicePage.objects.all())
    assert list(scope_to_user(user, AuditEvent.objects.order_by("pk"))) == rows
    for service in services:
        assert get_service_or_404(user, service.pk) == service


def test_anonymous_user_sees_nothing(services):
    anonymous = AnonymousUser()
    audit_rows(services)
    assert not is_administrator(anonymous)
    assert not services_for(anonymous).exists()
    assert not scope_to_user(anonymous, AuditEvent.objects.all()).exists()
    assert not has_service_role(anonymous, services[0])
    with pytest.raises(Http404):
        get_service_or_404(anonymous, services[0].pk)


@pytest.mark.parametrize("kind", ["staff with a role", "administrator"])
def test_inactive_user_sees_nothing(lead_of_a, administrator, services, kind):
    user = lead_of_a if kind == "staff with a role" else administrator
    user.is_active = False
    user.save()
    audit_rows(services)
    assert not is_administrator(user)
    assert not services_for(user).exists()
    assert not scope_to_user(user, AuditEvent.objects.all()).exists()
    with pytest.raises(Http404):
        get_service_or_404(user, services[0].pk)


def test_user_without_roles_sees_nothing(services):
    assert not services_for(UserFactory()).exists()


def test_holds_any_role_answers_as_services_for_would(lead_of_a, administrator, services):
    editor_of_b = ServiceRoleFactory(service=services[1], role=ServiceRoleName.EDITOR).user
    for user in (lead_of_a, administrator, editor_of_b, UserFactory(), AnonymousUser()):
        for roles in ([ServiceRoleName.SERVICE_LEAD], [ServiceRoleName.EDITOR],
                      list(ServiceRoleName)):  # fmt: skip
            assert holds_any_role(user, roles) is services_for(user, roles).exists()
    assert holds_any_role(lead_of_a, [ServiceRoleName.SERVICE_LEAD])
    assert not holds_any_role(lead_of_a, [ServiceRoleName.EDITOR])
    assert holds_any_role(administrator, [ServiceRoleName.EDITOR])
