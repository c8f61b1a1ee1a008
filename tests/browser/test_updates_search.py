"""'You said, we did' and site search in Chromium: axe-core finds nothing on an update, the
index and search (results and a query it cannot search), and the journeys work by keyboard
without JavaScript, including asking on the thank-you page to hear what changed."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from involvement.models import OutcomeSubscription
from tests.involvement.test_you_said_we_did import feedback_on, publish_update, theme_named
from website.models import ServicePage


@pytest.fixture
def site(live_server, demo_site):
    """The demo site with one published update for maternity; returns the base address."""
    maternity = ServicePage.objects.get(slug="maternity")
    waits = theme_named("Waiting times")
    feedback_on(maternity, waits, 9)
    publish_update(maternity, title="Evening antenatal clinic", themes=[waits],
                   you_said="Appointments were only in working hours.",
                   we_did="We opened an evening clinic on Thursdays.")  # fmt: skip
    return live_server.url


PAGES = {
    "update": "/services/maternity/evening-antenatal-clinic/",
    "index": "/you-said-we-did/",
    "index filtered": "/you-said-we-did/?service=maternity&theme=waiting-times",
    "search results": "/search/?q=evening+clinic",
    "search error": "/search/?q=%3F%21%3F%21",
    "search long": "/search/?q=" + "a" * 10_000,
    "thank you": "/feedback/maternity/thank-you/ABCD-2345/",
}


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(site, page, name):
    response = page.goto(site + PAGES[name])
    assert response.status == 200
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_filter_the_index_and_open_an_update_by_keyboard_without_javascript(site, page_without_js):
    page = page_without_js
    page.goto(site + "/you-said-we-did/")
    page.select_option("#filter-service", "maternity")
    page.locator("form.involve-filters button").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/you-said-we-did/?service=maternity&theme=")
    page.locator("a.nhsuk-card__link", has_text="Evening antenatal clinic").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/evening-antenatal-clinic/")
    assert page.locator("h1").inner_text() == "Evening antenatal clinic"
    assert "We opened an evening clinic on Thursdays." in page.locator("main").inner_text()


def test_search_by_keyboard_without_javascript(site, page_without_js):
    page = page_without_js
    page.goto(site + "/search/")
    page.locator("#search-query").fill("evening clinic")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=evening+clinic")
    assert page.locator("main h3 a").first.inner_text() == "Evening antenatal clinic"


@pytest.mark.parametrize("javascript", [True, False])
def test_ask_to_hear_what_changed_from_the_thank_you_page(site, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site + PAGES["thank you"])
    # a mistake first: explained, and the form is still there
    page.locator("#id_email").fill("not an address")
    page.locator("#id_email").press("Enter")
    page.wait_for_load_state()
    assert page.locator(".nhsuk-error-summary").is_visible()
    if javascript:  # axe-core runs as a script in the page
        assert Axe().run(page).violations_count == 0
    page.locator("#id_email").fill("pat@example.com")
    page.locator("#id_email").press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "We will email you what changed"
    if javascript:
        assert Axe().run(page).violations_count == 0
    assert OutcomeSubscription.objects.count() == 1
    context.close()
