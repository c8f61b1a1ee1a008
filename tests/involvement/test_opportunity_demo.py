"""The demo opportunities and decision record, and the editor's form for an opportunity."""

import pytest
from bs4 import BeautifulSoup

from involvement.models import DecisionRecord, GetInvolvedIndexPage, OpportunityPage
from involvement.opportunity_demo import seed_opportunities
from panels.demo import seed as seed_panel
from website.demo import seed_pages
from website.factories import UserFactory
from website.models import ServicePage

pytestmark = pytest.mark.django_db


def test_demo_opportunities_are_made_once_across_the_stages(client, site_tree, travel):
    # given the demo site and panel
    seed_pages()
    seed_panel()
    # when the opportunities are seeded twice
    seed_opportunities()
    seed_opportunities()
    # then
    assert GetInvolvedIndexPage.objects.count() == 1
    assert OpportunityPage.objects.count() == 5
    assert set(OpportunityPage.objects.values_list("lifecycle_stage", flat=True)) == {
        "policy", "design", "delivery"}  # fmt: skip
    assert DecisionRecord.objects.count() == 1
    index = GetInvolvedIndexPage.objects.get()
    page = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert len(page.select(".nhsuk-card__link")) == 4  # one of the five has closed
    closed = OpportunityPage.objects.get(slug="birth-centre-tour-test")
    assert "has closed" in client.get(closed.url).content.decode()
    group = OpportunityPage.objects.get(slug="patient-experience-group")
    assert group.service is None and group.panel is not None


def test_editors_get_a_form_with_every_field(client, site_tree, travel):
    seed_pages()
    service = ServicePage.objects.get(slug="maternity")
    client.force_login(UserFactory(username="ed", is_superuser=True, is_staff=True))
    response = client.get(f"/admin/pages/add/involvement/opportunitypage/{service.pk}/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    for name in ("title", "summary", "lifecycle_stage", "activity", "what_you_will_do",
                 "looking_for", "opens_on", "closing_date", "ends_on", "dates_and_times",
                 "attendance", "place", "accessibility", "payment", "register_interest",
                 "panel", "give_feedback", "last_reviewed", "next_review_due"):  # fmt: skip
        assert page.select_one(f"[name={name}]") is not None, name
