"""The researcher's list of interest and the yearly report in a real browser, with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from involvement import interest
from involvement.factories import DecisionRecordFactory, OpportunityPageFactory
from involvement.models import Interest
from website.models import ServicePage

pytestmark = pytest.mark.django_db(transaction=True)


def check_axe(page, context=None):
    results = Axe().run(page, context=context) if context else Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def sign_in(page, live_server, client, username):
    # django-axes blocks the login form in tests: a session made by force_login is handed over
    client.force_login(get_user_model().objects.get(username=username))
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value,
                               "url": live_server.url}])  # fmt: skip


def test_researcher_sees_who_registered_and_invites_them(
    page, live_server, demo_site, client, monkeypatch
):
    # given someone registered interest in an opportunity of the researcher's service
    monkeypatch.setattr(interest, "queue_email", lambda *args: None)  # emails: tests/involvement
    service = ServicePage.objects.get(slug="community-mental-health")
    opportunity = OpportunityPageFactory(parent=service, slug="plans", title="Crisis plans")
    interest.register_interest(opportunity=opportunity, details=interest.InterestDetails(
        name="Sam Taylor", email="sam@example.org"))  # fmt: skip
    sign_in(page, live_server, client, "researcher")
    # when they open the list and show the details
    page.goto(f"{live_server.url}/admin/involvement/interest/")
    assert page.title().startswith("Interest in opportunities")
    check_axe(page, context="main")
    page.get_by_role("link", name="Crisis plans").click()
    assert "sam@example.org" not in page.locator("main").inner_text()
    page.get_by_role("button", name="Show contact details").click()
    assert "sam@example.org" in page.locator("main").inner_text()
    check_axe(page, context="main")
    # and invite them
    page.get_by_label("Invite", exact=False).first.check()
    page.get_by_label("Invitation: when, where and how to take part").fill("Tuesday 7pm")
    page.get_by_role("button", name="Send invitations").click()
    expect(page.locator("main")).to_contain_text("1 invited")
    assert Interest.objects.get().invitation == "Tuesday 7pm"


def test_yearly_report_has_a_title_and_passes_axe(page, live_server, demo_site, client, travel):
    # travel: the live server runs in this process, so it reports at the same fixed date
    maternity = ServicePage.objects.get(slug="maternity")
    DecisionRecordFactory(service=maternity, decision="Home checks")
    sign_in(page, live_server, client, "service-lead")
    page.goto(f"{live_server.url}/admin/involvement/reports/")
    check_axe(page, context="main")
    page.goto(f"{live_server.url}/admin/involvement/reports/services/{maternity.pk}/2026/")
    assert page.title().startswith("Maternity services: involvement")
    assert "Home checks" in page.locator("main").inner_text()
    check_axe(page)
    page.emulate_media(media="print")
    assert not page.locator(".involve-report-actions").is_visible()
