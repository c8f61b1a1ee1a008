"""Emails to people who registered interest or asked what changed are in the language of the
page they used, with links to the Welsh pages (/cy/) when that was Welsh."""

import pytest

from django.conf import settings
from django.core import mail

from feedback.factories import FeedbackServiceFactory
from feedback.models import Theme
from feedback.rollups import rebuild_rollups
from involvement import interest, interest_emails, outcomes
from involvement.factories import OpportunityPageFactory
from involvement.models import Interest, OutcomeEmail
from panels.models import PanelMember
from tests.involvement.conftest import processed
from tests.involvement.test_outcome_emails import THEME, attended_members, publish
from tests.welsh import in_welsh
from website.factories import ServicePageFactory, ServicesIndexPageFactory

pytestmark = pytest.mark.django_db
BASE = settings.SITE_BASE_URL.rstrip("/")


@pytest.fixture
def opportunity(site_tree, travel, monkeypatch):
    """An open opportunity at a service, its emails not queued (sent directly below)."""
    monkeypatch.setattr(interest, "queue_email", lambda name, pk, *language: None)
    index = ServicesIndexPageFactory(parent=site_tree, slug="services")
    service = ServicePageFactory(parent=index, title="Maternity services", slug="maternity")
    return OpportunityPageFactory(parent=service, title="Maternity survey", slug="survey")


@pytest.fixture
def service(site_tree):
    """A service with processed feedback on one theme, so an update can answer it."""
    service = FeedbackServiceFactory(title="Maternity services", slug="maternity")
    theme, _created = Theme.objects.get_or_create(**THEME)
    processed(service, themes=[theme])
    rebuild_rollups(service_ids=[service.pk])
    return service


def test_interest_registered_on_the_welsh_page_is_answered_in_welsh(client, opportunity):
    # given: the opportunity in Welsh
    welsh = in_welsh(opportunity, title="Arolwg mamolaeth")
    # when: someone registers on the Welsh page
    form = {"name": "Sam Taylor", "email": "sam@example.org", "needs": ""}
    assert client.post(welsh.url + "register/", form)["Location"].startswith("/cy/")
    # then: the interest is on the English opportunity's list, and its emails are in Welsh
    row = Interest.objects.get()
    assert (row.opportunity_id, row.language) == (opportunity.pk, "cy")
    assert interest_emails.send_confirmation(interest_id=row.pk)
    Interest.objects.filter(pk=row.pk).update(invited_at=row.registered_at, invitation="Maw 7yh")
    assert interest_emails.send_invitation(interest_id=row.pk)
    confirmation, invitation = mail.outbox
    assert confirmation.subject == "Rydych wedi cofrestru diddordeb: Arolwg mamolaeth"
    assert welsh.url.startswith("/cy/") and f"{BASE}{welsh.url}\n" in confirmation.body
    assert invitation.subject == "Gwahoddiad i gymryd rhan: Arolwg mamolaeth"
    assert "Helo Sam Taylor," in invitation.body


def test_registering_again_in_english_is_confirmed_in_english(opportunity):
    row = interest.register_interest(
        opportunity=opportunity, language="cy",
        details=interest.InterestDetails(name="Sam Taylor", email="sam@example.org"),
    )  # fmt: skip
    interest_emails.send_confirmation(interest_id=row.pk, language="en-gb")
    assert mail.outbox[0].subject == "You registered interest: Maternity survey"


def test_a_welsh_subscriber_hears_in_welsh_with_a_link_to_the_welsh_update(service):
    # given: one address left on a Welsh thank-you page, one on an English one
    outcomes.subscribe(service=service, email="pat@example.com", language="cy")
    outcomes.subscribe(service=service, email="sam@example.com")
    # when: the update is published, then its Welsh translation
    update = publish(service)
    in_welsh(service, title="Gwasanaethau mamolaeth")
    welsh = in_welsh(update, title="Clinig gyda'r nos", we_did="Fe wnaethom ychwanegu clinig.")
    outcomes.send_outcome_emails(update_id=update.pk)
    # then: each is told once (publishing the translation owes nobody again), in their language
    assert OutcomeEmail.objects.count() == 2
    emails = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    cy, en = emails["pat@example.com"], emails["sam@example.com"]
    assert cy.subject == "Beth sydd wedi newid yn Gwasanaethau mamolaeth: Clinig gyda'r nos"
    assert "Fe wnaethom ychwanegu clinig." in cy.body
    assert welsh.url.startswith("/cy/") and f"{BASE}{welsh.url}\n" in cy.body
    assert en.subject == "What changed at Maternity services: Evening clinic"
    assert f"{BASE}{update.url}\n" in en.body


def test_a_member_who_joined_in_welsh_hears_what_changed_in_welsh(service):
    # given: two members attended the study, one joined in Welsh
    recruitment = attended_members(service, n_attended=2, n_other=0)
    PanelMember.objects.filter(email_key="key-0").update(language="cy")
    # when
    update = publish(service, recruitment=recruitment)
    outcomes.send_outcome_emails(update_id=update.pk)
    # then
    languages = dict(OutcomeEmail.objects.values_list("member__email_key", "language"))
    assert languages == {"key-0": "cy", "key-1": "en-gb"}
    emails = {message.to[0]: message for message in mail.outbox}
    assert emails["member0@example.com"].subject.startswith("Beth sydd wedi newid yn ")
    assert "Fe wnaethoch gymryd rhan" in emails["member0@example.com"].body
    assert emails["member1@example.com"].subject.startswith("What changed at ")
