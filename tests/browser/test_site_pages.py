"""The public site in Chromium: accessible (axe-core), keyboard-friendly, no third-party requests,
and usable without JavaScript."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = {
    "home": ("/", 200),
    "services index": ("/services/", 200),
    "service": ("/services/maternity/", 200),
    "content page": ("/accessibility-statement/", 200),
    "404 page": ("/no-such-page/", 404),
}


@pytest.fixture
def site(live_server, demo_site):
    """The demo site served by the live server; returns its base address."""
    return live_server.url


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(site, page, name):
    path, status = PAGES[name]
    response = page.goto(site + path)
    assert response.status == status
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", PAGES)
def test_page_requests_nothing_from_other_hosts_and_breaks_no_policy(site, page, name):
    # given
    requested, console_errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    # when
    page.goto(site + PAGES[name][0])
    page.wait_for_load_state("networkidle")
    # then
    ours = urlsplit(site).netloc
    foreign = [url for url in requested if urlsplit(url).netloc not in (ours, "")]
    assert requested, "the page itself is a request"
    assert foreign == []
    # A CSP violation (inline script, style attribute, foreign font) shows as a console error.
    assert [e for e in console_errors if "Content Security Policy" in e] == []
    assert [e for e in console_errors if "404" not in e or name != "404 page"] == []


@pytest.mark.parametrize("name", PAGES)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, page, name):
    page.goto(site + PAGES[name][0])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className + '|' + document.activeElement.href")
    assert "nhsuk-skip-link" in focused
    assert focused.endswith("#maincontent")
    assert page.locator("a.nhsuk-skip-link").is_visible(), "visible when it has focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "maincontent"


def test_keyboard_alone_reaches_a_service(site, page):
    page.goto(site + "/")
    page.locator("main a[href='/services/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/services/")
    page.locator("a.nhsuk-card__link", has_text="Maternity services").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/services/maternity/")
    assert page.locator("h1").inner_text() == "Maternity services"


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_pages_work_without_javascript(site, page_without_js):
    page = page_without_js
    # every page renders its heading and navigation
    for path, status in PAGES.values():
        response = page.goto(site + path)
        assert response.status == status
        assert page.locator("main h1").count() == 1
        assert page.locator("header.nhsuk-header").is_visible()
    # and the journey from home to a service works by following links
    page.goto(site + "/")
    page.locator("main a[href='/services/']").click()
    page.wait_for_url(site + "/services/")
    page.get_by_role("link", name="Community mental health team").click()
    page.wait_for_url(site + "/services/community-mental-health/")
    assert page.locator("h1").inner_text() == "Community mental health team"
    page.locator("nav.nhsuk-breadcrumb ol a", has_text="Services").click()
    page.wait_for_url(site + "/services/")
