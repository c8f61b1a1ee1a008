"""Finding an opportunity and registering interest in Chromium, with axe on every page, with
JavaScript and without."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.utils import timezone

from involvement import interest
from involvement.choices import Activity, Attendance
from involvement.factories import GetInvolvedIndexPageFactory, OpportunityPageFactory
from involvement.models import Interest
from website.choices import LifecycleStage
from website.factories import ServicePageFactory, ServicesIndexPageFactory


@pytest.fixture
def opportunities(transactional_db, site_tree):
    index = GetInvolvedIndexPageFactory(parent=site_tree)
    services = ServicesIndexPageFactory(parent=site_tree, slug="services")
    maternity = ServicePageFactory(parent=services, title="Maternity services", slug="maternity")
    today = timezone.localdate()
    survey = OpportunityPageFactory(
        parent=maternity, slug="survey", title="Tell us about care after birth",
        lifecycle_stage=LifecycleStage.DELIVERY, activity=Activity.SURVEY,
    )  # fmt: skip
    OpportunityPageFactory(
        parent=index, slug="group", title="Join our patient experience group",
        lifecycle_stage=LifecycleStage.POLICY, activity=Activity.BOARD_OR_GROUP,
        attendance=Attendance.IN_PERSON, place="Riverside Hospital",
    )  # fmt: skip
    closed = OpportunityPageFactory(parent=maternity, slug="closed", title="Old survey",
                                    opens_on=today - timedelta(days=30),
                                    closing_date=today - timedelta(days=1))  # fmt: skip
    return {"index": index, "survey": survey, "closed": closed}


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_find_an_opportunity_by_stage_and_register_interest(
    browser, live_server, opportunities, monkeypatch, javascript
):
    monkeypatch.setattr(interest, "queue_email", lambda *args: None)  # emails: tests/involvement
    page = browser.new_context(java_script_enabled=javascript).new_page()
    check = assert_no_axe_violations if javascript else (lambda page: None)
    # The index, then filtered by stage
    page.goto(live_server.url + opportunities["index"].url)
    check(page)
    assert page.locator(".nhsuk-card__link").count() == 2
    page.get_by_label("Stage").select_option(label="Delivery and implementation")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**stage=delivery**")
    expect(page.locator("#results")).to_have_text("1 open opportunity")
    check(page)
    # The opportunity
    page.get_by_role("link", name="Tell us about care after birth").click()
    assert page.locator("h1").inner_text() == "Tell us about care after birth"
    check(page)
    # Register interest: errors first, then done
    page.get_by_role("link", name="Register your interest").click()
    check(page)
    page.wait_for_load_state("load")
    assert not page.locator("#id_website").is_visible()  # the honeypot
    page.get_by_role("button", name="Register interest").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()  # waits for the new page
    assert page.title().startswith("Error: ")
    check(page)
    page.get_by_label("Full name").fill("Sam Taylor")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Anything that would help you take part (optional)").fill("Large print")
    page.get_by_role("button", name="Register interest").click()
    page.wait_for_url("**/registered/")
    assert page.locator("h1").inner_text() == "We have your details"
    check(page)
    assert interest.read_details(Interest.objects.get()).needs == "Large print"
    page.context.close()


def test_closed_opportunity_page_is_accessible(page, live_server, opportunities):
    page.goto(live_server.url + opportunities["closed"].url)
    assert "This opportunity has closed" in page.locator(".nhsuk-warning-callout").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Find an open opportunity").click()
    assert page.locator("h1").inner_text() == "Get involved"


def test_keyboard_alone_reaches_the_filters_and_the_form(page, live_server, opportunities):
    page.goto(live_server.url + opportunities["index"].url + "?stage=policy")
    page.get_by_label("Stage").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "service"
    page.goto(live_server.url + opportunities["survey"].url + "register/")
    page.get_by_label("Full name").focus()
    page.keyboard.type("Sam Taylor")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "email"
