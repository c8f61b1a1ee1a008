"""Contact requests reach a person: flagged (no details) where staff look, details decrypted only
on an explicit, audited POST by the service's safeguarding leads and administrators, an outcome
recorded by whom and when, and overdue requests found."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.choices import ContactOutcome
from feedback.factories import ContactRequestFactory, FeedbackFactory, FeedbackServiceFactory
from feedback.models import ContactRequest
from feedback.processing import process_feedback
from tests.feedback.test_admin_views import staff
from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.crypto import encrypt_json
from website.factories import UserFactory
from website.models import AuditEvent

pytestmark = pytest.mark.django_db

EMAIL = "jo.bloggs@example.org"


@pytest.fixture
def sam(service):
    return staff(service, ServiceRoleName.SAFEGUARDING_LEAD, "sam-safeguarding")


@pytest.fixture
def contact(service):
    feedback = FeedbackFactory(service=service, text="He hits me when nobody is around")
    process_feedback(feedback_id=feedback.pk)
    details = {"name": "Jo Bloggs", "email": EMAIL, "phone": "07700 900461"}
    return ContactRequestFactory(feedback=feedback, details=encrypt_json(details))


def url(contact, name="contact"):
    return reverse(f"feedback_review:{name}", args=[contact.pk])


def test_a_safeguarding_lead_signs_in_shows_the_details_and_records_the_outcome(sam, contact):
    client = Client()
    # given: Sam signs in through the admin's own login form
    signed_in = client.post(reverse("wagtailadmin_login"),
                            {"username": sam.username, "password": "involve-demo"})  # fmt: skip
    assert signed_in.status_code == 302
    # when: the list and the request are opened
    listing = client.get(reverse("feedback_review:contacts"))
    page = client.get(url(contact))
    # then: the request is there, its details are not, and nothing was decrypted yet
    assert contact.feedback.receipt in listing.content.decode()
    assert "Awaiting an outcome" in listing.content.decode()
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.title.get_text().startswith(
        f"Contact request for feedback {contact.feedback.receipt}"
    )
    assert EMAIL not in page.content.decode() and EMAIL not in listing.content.decode()
    assert soup.find("button", string="Show contact details")
    assert not AuditEvent.objects.filter(action="contact.shown").exists()
    # when: Sam chooses "Show contact details"
    shown = client.post(url(contact), {"action": "show"})
    # then: the details, never cached, and the audit trail says who saw them (not what)
    assert shown.status_code == 200
    text = shown.content.decode()
    assert EMAIL in text and "Jo Bloggs" in text and "07700 900461" in text
    assert "no-store" in shown["Cache-Control"]
    event = AuditEvent.objects.get(action="contact.shown")
    assert (event.user, event.service_id, event.object_id) == (
        sam, contact.feedback.service_id, str(contact.pk))  # fmt: skip
    assert EMAIL not in event.detail and "Jo" not in event.detail
    # when: Sam records that she was contacted
    saved = client.post(url(contact), {"action": "outcome", "outcome": "contacted"})
    # then: the outcome, by whom and when, audited and shown
    assert saved.status_code == 302
    contact.refresh_from_db()
    assert (contact.outcome, contact.outcome_by) == (ContactOutcome.CONTACTED, sam)
    assert timezone.now() - contact.outcome_at < timedelta(minutes=1)
    assert AuditEvent.objects.get(action="contact.outcome").detail == "contacted"
    after = client.get(url(contact)).content.decode()
    assert "Contacted, recorded by Sam Demo" in after and EMAIL not in after
    assert "Contacted" in client.get(reverse("feedback_review:contacts")).content.decode()


def test_a_get_never_decrypts(client, sam, contact):
    client.force_login(sam)

    page = client.get(url(contact), {"action": "show"}).content.decode()

    assert EMAIL not in page
    assert not AuditEvent.objects.filter(action="contact.shown").exists()


def test_show_contact_details_needs_the_csrf_token(sam, contact):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sam)

    response = client.post(url(contact), {"action": "show"})

    assert response.status_code == 403
    assert EMAIL not in response.content.decode()


@pytest.mark.parametrize(
    "role", [ServiceRoleName.EDITOR, ServiceRoleName.RESEARCHER, ServiceRoleName.SERVICE_LEAD]
)
def test_other_roles_see_only_the_flag(client, contact, service, role):
    user = staff(service, role, "other-staff")
    client.force_login(user)

    assert client.get(url(contact)).status_code == 404
    assert client.post(url(contact), {"action": "show"}).status_code == 404
    outcome = {"action": "outcome", "outcome": "not_needed"}
    assert client.post(url(contact), outcome).status_code == 404
    listing = client.get(reverse("feedback_review:contacts")).content.decode()
    assert contact.feedback.receipt not in listing
    assert not AuditEvent.objects.filter(action__startswith="contact.").exists()
    assert ContactRequest.objects.get(pk=contact.pk).outcome == ""


def test_a_safeguarding_lead_of_another_service_gets_404(client, contact):
    other = staff(FeedbackServiceFactory(), ServiceRoleName.SAFEGUARDING_LEAD, "sid-else")
    client.force_login(other)

    assert client.post(url(contact), {"action": "show"}).status_code == 404


def test_an_administrator_may_follow_up_any_request(client, contact, site_tree):
    admin = UserFactory(username="ada-admin")
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    client.force_login(admin)

    assert EMAIL in client.post(url(contact), {"action": "show"}).content.decode()


def test_the_case_links_to_its_contact_request(client, sam, contact):
    client.force_login(sam)

    page = client.get(reverse("feedback_review:case", args=[contact.feedback.pk])).content.decode()

    assert url(contact) in page
    assert EMAIL not in page


def test_deleted_details_say_so(client, sam, contact):
    ContactRequest.objects.filter(pk=contact.pk).update(
        details=b"", details_deleted_at=timezone.now(), outcome="contacted",
        outcome_at=timezone.now(),
    )  # fmt: skip
    client.force_login(sam)

    page = client.get(url(contact)).content.decode()

    assert "The details were deleted on" in page
    assert "Show contact details" not in page


@pytest.mark.parametrize(
    ("age", "outcome", "overdue"),
    [
        (timedelta(hours=1), "", False),
        (timedelta(days=4, hours=1), "", True),  # four calendar days: two working days at least
        (timedelta(days=4, hours=1), ContactOutcome.COULD_NOT_REACH, False),
    ],
)
def test_requests_with_no_outcome_after_two_working_days_are_overdue(
    contact, travel, age, outcome, overdue
):
    ContactRequest.objects.filter(pk=contact.pk).update(
        created_at=timezone.now() - age, outcome=outcome
    )

    assert ContactRequest.objects.overdue().filter(pk=contact.pk).exists() is overdue
