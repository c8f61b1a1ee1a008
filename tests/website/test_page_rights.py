"""Page rights per service: granted and revoked with the role, moderated by that service's leads."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import GroupPagePermission, Page, TaskState

from feedback.choices import SafeguardingStatus
from feedback.factories import FeedbackFactory
from website.audit import record
from website.choices import ADMINISTRATOR_GROUP, GROUP_NAMES, ServiceRoleName
from website.factories import ServiceRoleFactory, UserFactory
from website.models import AuditEvent, ServicePage, ServiceRole
from website.moderation import WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


def service(slug):
    return ServicePage.objects.get(slug=slug)


def test_editor_and_lead_groups_hold_nothing_on_the_root(demo_site):
    root = Page.get_first_root_node()
    for role in (ServiceRoleName.EDITOR, ServiceRoleName.SERVICE_LEAD):
        group = Group.objects.get(name=GROUP_NAMES[role])
        assert not GroupPagePermission.objects.filter(group=group).exists()
    administrators = GroupPagePermission.objects.filter(group__name=ADMINISTRATOR_GROUP, page=root)
    assert {"change_page", "publish_page"} <= set(
        administrators.values_list("permission__codename", flat=True)
    )


def test_a_role_grants_page_rights_on_its_own_service_only(demo_site):
    # given a member of staff with no role
    staff = UserFactory(username="new-editor")
    maternity, pharmacy = service("maternity"), service("pharmacy")
    assert not maternity.permissions_for_user(staff).can_edit()
    # when an editor role on maternity is saved
    role = ServiceRole.objects.create(user=staff, service=maternity, role=ServiceRoleName.EDITOR)
    staff = user("new-editor")  # a new request's user
    # then they may edit maternity's page (not publish it), nothing else, and use the admin
    assert maternity.permissions_for_user(staff).can_edit()
    assert not maternity.permissions_for_user(staff).can_publish()
    assert not pharmacy.permissions_for_user(staff).can_edit()
    assert not Page.objects.get(slug="services").permissions_for_user(staff).can_edit()
    assert staff.has_perm("wagtailadmin.access_admin")
    # when the role is taken away, the rights go with it
    role.delete()
    staff = user("new-editor")
    assert not maternity.permissions_for_user(staff).can_edit()
    assert not staff.has_perm("wagtailadmin.access_admin")


def test_a_lead_publishes_their_own_service(demo_site):
    lead = user("service-lead")
    assert service("maternity").permissions_for_user(lead).can_publish()
    assert service("maternity").permissions_for_user(lead).can_unpublish()
    assert not service("pharmacy").permissions_for_user(lead).can_publish()


def test_moving_a_role_to_another_user_moves_the_rights(demo_site):
    role = ServiceRole.objects.get(user__username="editor", service__slug="maternity")
    other = UserFactory(username="other-editor")
    role.user = other
    role.save()
    assert service("maternity").permissions_for_user(user("other-editor")).can_edit()
    assert not service("maternity").permissions_for_user(user("editor")).can_edit()
    assert service("emergency-department").permissions_for_user(user("editor")).can_edit()


def test_roles_given_and_taken_in_the_admin_change_rights_and_are_audited(client, demo_site):
    # given an administrator
    client.force_login(user("admin"))
    staff = UserFactory(username="new-lead")
    pharmacy = service("pharmacy")
    # when they give a service lead role on the admin screen
    form = {"user": staff.pk, "service": pharmacy.pk, "role": ServiceRoleName.SERVICE_LEAD}
    response = client.post("/admin/service_roles/new/", form)
    assert response.status_code == 302
    # then the lead may publish the pharmacy page, and the grant is in the audit trail
    assert pharmacy.permissions_for_user(user("new-lead")).can_publish()
    granted = AuditEvent.objects.get(action="role.granted", service=pharmacy)
    assert granted.user == user("admin")
    assert granted.detail == f"service_lead for user {staff.pk}"
    # when the role is deleted there
    role = ServiceRole.objects.get(user=staff)
    assert client.post(f"/admin/service_roles/delete/{role.pk}/").status_code == 302
    # then the right is gone and the revoke is audited
    assert not pharmacy.permissions_for_user(user("new-lead")).can_publish()
    revoked = AuditEvent.objects.get(action="role.revoked", service=pharmacy)
    assert revoked.user == user("admin")


def test_a_role_revoked_mid_session_is_refused_on_the_next_request(client, demo_site):
    # given a service lead reading their board and editing their page
    client.force_login(user("service-lead"))
    maternity = service("maternity")
    board = f"/admin/involvement/services/{maternity.pk}/board/"
    assert client.get(board).status_code == 200
    assert client.get(f"/admin/pages/{maternity.pk}/edit/").status_code == 200
    # when an administrator takes the role away while they are signed in
    ServiceRole.objects.filter(user__username="service-lead", service=maternity).delete()
    # then their next requests are refused
    assert client.get(board).status_code == 404
    assert client.get(f"/admin/pages/{maternity.pk}/edit/").status_code != 200
    assert client.get(f"/admin/involvement/services/{maternity.pk}/export.csv").status_code == 404


def test_editor_submits_and_only_that_services_leads_approve(demo_site):
    # given the default workflow, and a lead of another service
    maternity = service("maternity")
    other_lead = ServiceRoleFactory(service=service("pharmacy"),
                                    role=ServiceRoleName.SERVICE_LEAD).user  # fmt: skip
    workflow = maternity.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    # when the editor submits a change for moderation
    editor = user("editor")
    maternity.title = "Maternity care"
    revision = maternity.save_revision(user=editor)
    workflow.start(maternity, editor)
    state = TaskState.objects.get(revision=revision)
    task = state.task.specific
    # then maternity's lead (and administrators) may approve it; no one else
    assert state in TaskState.objects.reviewable_by(user("service-lead"))
    assert state in TaskState.objects.reviewable_by(user("admin"))
    for outsider in (other_lead, editor, user("researcher"), user("safeguarding")):
        assert state not in TaskState.objects.reviewable_by(outsider)
        assert task.get_actions(maternity, outsider) == []
    assert task.get_actions(maternity, user("service-lead"))
    # and the lead's dashboard lists it for review
    lead = Client()
    lead.force_login(user("service-lead"))
    assert "Awaiting your review" in lead.get("/admin/").content.decode()
    outsider = Client()
    outsider.force_login(other_lead)
    assert "Awaiting your review" not in outsider.get("/admin/").content.decode()


def test_submitting_emails_that_services_leads_only(demo_site, mailoutbox):
    # given a lead of another service too
    ServiceRoleFactory(service=service("pharmacy"), role=ServiceRoleName.SERVICE_LEAD,
                       user=UserFactory(username="pharmacy-lead"))  # fmt: skip
    maternity = service("maternity")
    # when the editor submits maternity's page for moderation
    maternity.save_revision(user=user("editor"))
    maternity.get_workflow().start(maternity, user("editor"))
    # then maternity's lead (and the superuser) are asked by email; no one else
    recipients = {address for message in mailoutbox for address in message.to}
    assert user("service-lead").email in recipients
    assert user("pharmacy-lead").email not in recipients
    assert user("editor").email not in recipients
    assert recipients <= {user("service-lead").email, user("admin").email}


def test_organisation_pages_are_moderated_by_administrators(demo_site):
    privacy = Page.objects.get(slug="privacy-notice")
    task = privacy.get_workflow().workflow_tasks.first().task.specific
    assert task.get_actions(privacy, user("admin"))
    assert task.get_actions(privacy, user("service-lead")) == []


@pytest.mark.parametrize(("username", "shown", "hidden"), [
    ("editor", ["Maternity services", "Edit its page", "Enter paper or phone feedback"],
     ["Hospital pharmacy", "Read its insight board", "Read its feedback"]),
    ("researcher", ["Physiotherapy outpatients", "Read its insight board"],
     ["Maternity services", "Edit its page", "Read its feedback"]),
    ("service-lead", ["Maternity services", "Edit its page", "Read its insight board",
                      "Read its feedback"], ["Hospital pharmacy", "Act on flagged items"]),
    ("safeguarding", ["Community mental health team", "Act on flagged items", "Read its feedback"],
     ["Hospital pharmacy", "Edit its page", "Read its insight board"]),
])  # fmt: skip
def test_each_dashboard_shows_what_its_role_can_act_on(client, demo_site, username, shown, hidden):
    client.force_login(user(username))
    page = client.get("/admin/").content.decode()
    assert "Your services and what you can do" in page
    for text in shown:
        assert text in page, text
    for text in hidden:
        assert text not in page, text


def test_the_safeguarding_dashboard_counts_open_cases(client, demo_site):
    maternity = service("maternity")
    FeedbackFactory(service=maternity, safeguarding_status=SafeguardingStatus.NEW)
    FeedbackFactory(service=maternity, safeguarding_status=SafeguardingStatus.CLOSED)
    client.force_login(user("safeguarding"))
    assert "Act on flagged items (1 open)" in client.get("/admin/").content.decode()


def test_a_service_with_staff_cannot_be_deleted(client, demo_site):
    # given an administrator and a service with roles on it
    client.force_login(user("admin"))
    maternity = service("maternity")
    # when they try to delete its page
    response = client.post(f"/admin/pages/{maternity.pk}/delete/", follow=True)
    # then it is refused with a reason, and the page, its roles and the audit trail stay
    assert "cannot be deleted" in response.content.decode()
    assert ServicePage.objects.filter(pk=maternity.pk).exists()
    assert ServiceRole.objects.filter(service=maternity).exists()


def test_a_forged_next_is_ignored_at_sign_in(client, demo_site):
    response = client.post("/admin/login/?next=https://evil.example/steal", {
        "username": "service-lead", "password": "involve-demo",
        "next": "https://evil.example/steal"})  # fmt: skip
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_an_account_with_audit_history_is_deactivated_not_deleted(client, demo_site):
    # given a researcher whose actions are in the audit trail
    researcher = user("researcher")
    record(user=researcher, action="opendata.downloaded")
    client.force_login(user("admin"))
    # when an administrator tries to delete the account
    response = client.post(f"/admin/users/delete/{researcher.pk}/", follow=True)
    # then it stays, with a message saying what to do instead
    assert "Deactivate it instead" in response.content.decode()
    assert get_user_model().objects.filter(pk=researcher.pk).exists()
