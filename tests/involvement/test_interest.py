"""Registering interest: the form, what is stored, bad input, researchers' list and invitations,
and deletion 90 days after the opportunity ends."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from involvement import interest, interest_emails, interest_staff
from involvement.factories import GetInvolvedIndexPageFactory, OpportunityPageFactory
from involvement.models import Interest
from website.choices import ADMINISTRATOR_GROUP, GROUP_NAMES, ServiceRoleName
from website.factories import (
    ServicePageFactory,
    ServiceRoleFactory,
    ServicesIndexPageFactory,
    UserFactory,
)
from website.models import AuditEvent

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 17)  # tests.dates.ORDINARY_MOMENT
DAY = timedelta(days=1)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def data(**overrides) -> dict:
    return {"name": "Sam Taylor", "email": "Sam@Example.org", "needs": "Step-free access"} | (
        overrides
    )


@pytest.fixture
def queued(monkeypatch):
    """Task names and interest ids queued (after commit)."""
    sent = []
    monkeypatch.setattr(
        interest, "queue_email", lambda name, pk, *language: sent.append((name, pk))
    )
    return sent


@pytest.fixture
def services(site_tree):
    index = ServicesIndexPageFactory(parent=site_tree, slug="services")
    return (
        ServicePageFactory(parent=index, title="Maternity services", slug="maternity"),
        ServicePageFactory(parent=index, title="Eye clinic", slug="eye-clinic"),
    )


@pytest.fixture
def opportunity(travel, services):
    return OpportunityPageFactory(parent=services[0], title="Maternity survey", slug="survey")


def register_path(opportunity):
    return opportunity.url + "register/"


def post(client, opportunity, capture, **overrides):
    with capture(execute=True):
        return client.post(register_path(opportunity), data(**overrides))


def staff(service, role, username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    ServiceRoleFactory(user=user, service=service, role=role)
    return user


def test_form_asks_for_name_email_and_needs_with_nhs_components(client, opportunity):
    page = soup(client.get(register_path(opportunity)))
    assert page.h1.get_text() == "Register your interest"
    for name in ("name", "email", "needs"):
        field = page.select_one(f"[name={name}]")
        assert page.select_one(f"label[for={field['id']}]"), name
    assert page.select_one("input[name=email]")["autocomplete"] == "email"
    assert page.select_one(".involve-honeypot input[name=website]")


def test_registering_stores_encrypted_details_and_queues_the_email(
    client, opportunity, queued, django_capture_on_commit_callbacks
):
    # when
    response = post(client, opportunity, django_capture_on_commit_callbacks)
    # then
    assert response["Location"] == opportunity.url + "registered/"
    row = Interest.objects.get()
    assert b"Sam" not in bytes(row.contact) and b"example" not in bytes(row.contact)
    assert interest.read_details(row) == interest.InterestDetails(
        name="Sam Taylor", email="Sam@Example.org", needs="Step-free access"
    )
    assert queued == [(interest.SEND_CONFIRMATION, row.pk)]
    done = soup(client.get(response["Location"]))
    assert done.h1.get_text() == "We have your details"


def test_registering_twice_keeps_one_row_and_says_the_same(
    client, opportunity, queued, django_capture_on_commit_callbacks
):
    first = post(client, opportunity, django_capture_on_commit_callbacks)
    second = post(client, opportunity, django_capture_on_commit_callbacks, email="SAM@example.ORG")
    assert first["Location"] == second["Location"]
    assert Interest.objects.count() == 1
    assert len(queued) == 2  # the confirmation again: the page never says who is registered


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter your full name"),
        ({"email": ""}, "email", "Enter your email address"),
        ({"email": "sam@exаmple.org"}, "email", "Enter an email address in the correct format"),
        ({"email": "not an address"}, "email", "Enter an email address in the correct format"),
        ({"name": "Sam\nBcc: x@example.org"}, "name", "must be on one line"),
        ({"name": "x" * 101}, "name", "100 characters or fewer"),
        ({"needs": "x" * 501}, "needs", "500 characters or fewer"),
    ],
)
def test_bad_input_is_shown_in_the_error_summary_and_nothing_is_stored(
    client, opportunity, queued, django_capture_on_commit_callbacks, overrides, field, message
):
    response = post(client, opportunity, django_capture_on_commit_callbacks, **overrides)
    assert response.status_code == 200
    page = soup(response)
    summary = page.select_one(".nhsuk-error-summary")
    assert message in summary.get_text()
    assert summary.select_one(f'a[href="#id_{field}"]')
    assert page.title.get_text().startswith("Error:")
    kept = page.select_one("input[name=email]")
    if field != "email":
        assert kept["value"] == "Sam@Example.org"  # nothing typed is lost
    assert not Interest.objects.exists()
    assert not queued


def test_script_in_the_needs_is_stored_as_text_and_escaped(
    client, opportunity, queued, django_capture_on_commit_callbacks
):
    post(client, opportunity, django_capture_on_commit_callbacks, needs="<script>x</script>")
    assert interest.read_details(Interest.objects.get()).needs == "<script>x</script>"


def test_honeypot_keeps_nothing(client, opportunity, queued, django_capture_on_commit_callbacks):
    response = post(client, opportunity, django_capture_on_commit_callbacks, website="spam")
    assert response["Location"] == opportunity.url + "registered/"
    assert not Interest.objects.exists()
    assert not queued


def test_too_many_registrations_from_one_client_are_refused(
    client, opportunity, queued, django_capture_on_commit_callbacks
):
    for n in range(10):
        post(client, opportunity, django_capture_on_commit_callbacks, email=f"p{n}@example.org")
    response = post(client, opportunity, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Interest.objects.count() == 10


@pytest.mark.parametrize(
    "dates",
    [
        {"opens_on": TODAY - 30 * DAY, "closing_date": TODAY - DAY},  # closed
        {"opens_on": TODAY + DAY, "closing_date": TODAY + 9 * DAY},  # not open yet
    ],
    ids=["closed", "not-yet-open"],
)
def test_no_registration_outside_the_opportunitys_dates(client, travel, services, queued, dates):
    opportunity = OpportunityPageFactory(parent=services[0], slug="dated", **dates)
    assert client.get(register_path(opportunity)).status_code == 404
    assert client.post(register_path(opportunity), data()).status_code == 404
    assert not Interest.objects.exists()


def test_no_form_where_people_take_part_another_way(client, travel, services):
    opportunity = OpportunityPageFactory(parent=services[0], slug="x", register_interest=False)
    assert client.get(register_path(opportunity)).status_code == 404
    links = soup(client.get(opportunity.url)).select(".nhsuk-action-link__link")
    assert "register/" not in " ".join(a["href"] for a in links)


def register(opportunity, email="sam@example.org"):
    return interest.register_interest(
        opportunity=opportunity,
        details=interest.InterestDetails(name="Sam Taylor", email=email),
    )


def test_researchers_of_the_service_see_the_list_and_others_get_404(
    client, opportunity, services, queued
):
    register(opportunity)
    own = staff(services[0], ServiceRoleName.RESEARCHER, "researcher")
    other = staff(services[1], ServiceRoleName.RESEARCHER, "other-researcher")
    editor = staff(services[0], ServiceRoleName.EDITOR, "editor")
    url = f"/admin/involvement/interest/{opportunity.pk}/"
    client.force_login(own)
    page = soup(client.get(url))
    assert page.title.get_text().startswith("Interest in Maternity survey")
    assert "sam@example.org" not in page.get_text()  # no details until asked for
    assert "Maternity survey" in client.get("/admin/involvement/interest/").content.decode()
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert "Maternity survey" not in client.get("/admin/involvement/interest/").content.decode()
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)


def test_showing_details_is_audited(client, opportunity, services, queued):
    register(opportunity)
    client.force_login(staff(services[0], ServiceRoleName.RESEARCHER, "researcher"))
    response = client.post(f"/admin/involvement/interest/{opportunity.pk}/", {"action": "show"})
    assert "sam@example.org" in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    event = AuditEvent.objects.get(action="interest.viewed")
    assert event.service == services[0]
    assert "sam" not in event.detail


def test_inviting_from_the_list_queues_one_invitation_each(
    client, opportunity, services, queued, django_capture_on_commit_callbacks
):
    # given two people registered, one already invited
    first, second = register(opportunity), register(opportunity, email="alex@example.org")
    Interest.objects.filter(pk=second.pk).update(invited_at=first.registered_at)
    queued.clear()
    client.force_login(staff(services[0], ServiceRoleName.RESEARCHER, "researcher"))
    url = f"/admin/involvement/interest/{opportunity.pk}/"
    # when both are chosen with a message
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "invite", "interest": [first.pk, second.pk],
                                      "message": "Tuesday 7pm, on Teams"})  # fmt: skip
    # then only the one not yet invited is
    assert response.status_code == 302
    assert queued == [(interest_staff.SEND_INVITATION, first.pk)]
    assert Interest.objects.get(pk=first.pk).invitation == "Tuesday 7pm, on Teams"
    assert AuditEvent.objects.filter(action="interest.invited").count() == 1


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"message": "Tuesday"}, "Select at least one person to invite"),
        ({"interest": ["1"], "message": " "}, "Enter the invitation"),
        ({"interest": ["1"], "message": "x" * 2001}, "2000 characters or fewer"),
    ],
)
def test_inviting_with_nothing_chosen_or_no_message_says_why(
    client, opportunity, services, queued, posted, message
):
    register(opportunity)
    client.force_login(staff(services[0], ServiceRoleName.RESEARCHER, "researcher"))
    url = f"/admin/involvement/interest/{opportunity.pk}/"
    response = client.post(url, {"action": "invite", **posted})
    assert message in soup(response).select_one("[role=alert]").get_text()
    assert not Interest.objects.filter(invited_at__isnull=False).exists()


def test_confirmation_and_invitation_emails(opportunity, queued, settings):
    row = register(opportunity)
    assert interest_emails.send_confirmation(interest_id=row.pk)
    assert mail.outbox[-1].to == ["sam@example.org"]
    assert mail.outbox[-1].subject == "You registered interest: Maternity survey"
    assert settings.SITE_BASE_URL.rstrip("/") + opportunity.url in mail.outbox[-1].body
    Interest.objects.filter(pk=row.pk).update(invited_at=row.registered_at, invitation="Tue 7pm")
    assert interest_emails.send_invitation(interest_id=row.pk)
    assert not interest_emails.send_invitation(interest_id=row.pk)  # a second run sends nothing
    assert len(mail.outbox) == 2
    assert "Tue 7pm" in mail.outbox[-1].body


def test_an_invitation_that_fails_to_send_is_sent_by_the_retry(opportunity, queued, monkeypatch):
    row = register(opportunity)
    Interest.objects.filter(pk=row.pk).update(invited_at=row.registered_at, invitation="Tue")
    monkeypatch.setattr(interest_emails, "send_mail", lambda *a, **k: (_ for _ in ()).throw(
        ConnectionRefusedError()))  # fmt: skip
    with pytest.raises(ConnectionRefusedError):
        interest_emails.send_invitation(interest_id=row.pk)
    monkeypatch.undo()
    assert interest_emails.send_invitation(interest_id=row.pk)
    assert len(mail.outbox) == 1


def test_interest_is_deleted_90_days_after_the_opportunity_ends(travel, services, queued):
    # given opportunities that ended 91 and 90 days ago, and one whose activity ended later
    def ended(slug, **dates):
        o = OpportunityPageFactory(parent=services[0], slug=slug, opens_on=TODAY - 200 * DAY,
                                   **dates)  # fmt: skip
        register(o)
        return o

    gone = ended("gone", closing_date=TODAY - 91 * DAY)
    kept = ended("kept", closing_date=TODAY - 90 * DAY)
    later = ended("later", closing_date=TODAY - 120 * DAY, ends_on=TODAY - 30 * DAY)
    # when
    deleted = interest_staff.delete_expired_interest(today=TODAY)
    # then
    assert deleted == 1
    assert not gone.interest.exists()
    assert kept.interest.exists() and later.interest.exists()


def test_organisation_opportunities_are_listed_for_administrators_only(
    client, travel, site_tree, services, queued
):
    group = OpportunityPageFactory(parent=GetInvolvedIndexPageFactory(parent=site_tree), slug="g")
    register(group)
    admin = UserFactory(username="trust-admin")
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    client.force_login(admin)
    assert client.get(f"/admin/involvement/interest/{group.pk}/").status_code == 200
    client.force_login(staff(services[0], ServiceRoleName.RESEARCHER, "researcher"))
    assert client.get(f"/admin/involvement/interest/{group.pk}/").status_code == 404


def test_panel_members_are_invited_through_the_panels_recruitment(
    client,
    opportunity,
    services,
    site_tree,
    queued,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    # given three registrations: a panel member, a panel member invited last week, and someone
    # on no panel; and an open recruitment of the service
    from panels import joining as panel_joining
    from panels import recruitment as panel_recruitment
    from panels import services as panel_services
    from panels.choices import InvitationStatus
    from panels.factories import PanelPageFactory
    from panels.models import PanelMember, Recruitment

    # the panel's emails are panels' to test; none reaches the real broker from here
    monkeypatch.setattr(panel_recruitment, "_enqueue_invitations", lambda ids: None)
    panel = PanelPageFactory(parent=site_tree, slug="panel")
    for email in ("member@example.org", "recent@example.org"):
        panel_services.confirm(member=panel_joining.sign_up(
            panel=panel, contact=panel_joining.Contact(name="P", email=email),
            about=panel_joining.AboutMe(age_band="25_34", postcode_district="LS1"),
            purposes=["contact"],
        ))  # fmt: skip
    PanelMember.objects.filter(email_key=panel_joining.email_key("recent@example.org")).update(
        last_invited_at=timezone.now() - 7 * DAY
    )
    study = Recruitment.objects.create(service=services[0], title="Antenatal app test",
                                       stage="design", activity="usability_test",
                                       starts_on=TODAY + 20 * DAY, setting="online",
                                       target_number=4)  # fmt: skip
    rows = [register(opportunity, email=e) for e in
            ("MEMBER@example.org", "recent@example.org", "nobody@example.org")]  # fmt: skip
    queued.clear()
    client.force_login(staff(services[0], ServiceRoleName.RESEARCHER, "researcher"))
    # when all three are invited through the recruitment
    url = f"/admin/involvement/interest/{opportunity.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "invite", "interest": [r.pk for r in rows],
                                     "message": "Tuesday 7pm", "recruitment": study.pk},
                               follow=True)  # fmt: skip
    # then the member gets the panel's invitation, the other our email, and the recent one waits
    said = "1 invited by email; 1 invited through the panel recruitment; 1 on the panel held back"
    assert said in response.content.decode()
    invitation = study.invitations.get(status=InvitationStatus.INVITED)
    assert invitation.member.email_key == panel_joining.email_key("member@example.org")
    assert queued == [(interest_staff.SEND_INVITATION, rows[2].pk)]
    invited = dict(Interest.objects.values_list("pk", "invitation"))
    assert invited[rows[0].pk] == "Invited through the panel: Antenatal app test"
    assert invited[rows[1].pk] == ""  # held back: still to invite
    assert invited[rows[2].pk] == "Tuesday 7pm"
