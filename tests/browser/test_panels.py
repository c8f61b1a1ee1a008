"""Joining a panel in Chromium: sign up, confirm from the email, update, leave; axe on every page,
with and without JavaScript."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.core import mail

from panels import consent, emails
from panels.factories import PanelPageFactory
from panels.models import ConsentRecord, PanelMember


@pytest.fixture
def panel(transactional_db, site_tree):
    return PanelPageFactory(parent=site_tree, slug="join-a-panel", title="Patient panel")


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def fill_sign_up(page):
    page.get_by_label("Full name").fill("Sam Taylor")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("The first part of your postcode").fill("LS1 4AP")
    page.get_by_label("35 to 44").check()
    page.get_by_label("Online surveys").check()
    page.get_by_label("Large print").check()
    page.get_by_label(consent.text(consent.ConsentPurpose.CONTACT)).check()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_sign_up_confirm_update_and_leave(browser, live_server, panel, javascript):
    page = browser.new_context(java_script_enabled=javascript).new_page()
    # axe runs as a script in the page: without JavaScript the journey itself is what is tested.
    check = assert_no_axe_violations if javascript else (lambda page: None)
    # The panel page, then the form, empty and with errors
    page.goto(live_server.url + panel.url)
    check(page)
    page.get_by_role("link", name="Join this panel").click()
    check(page)
    # is_visible() does not wait: let the page and its stylesheet finish loading first
    page.wait_for_load_state("load")
    assert not page.locator("#id_website").is_visible()  # the honeypot
    page.get_by_role("button", name="Join the panel").click()
    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the new page
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    check(page)
    # Signing up
    fill_sign_up(page)
    page.get_by_role("button", name="Join the panel").click()
    page.wait_for_url("**/check-your-email/")
    assert page.locator("h1").inner_text() == "Check your email"
    check(page)
    # The email's link (sent here in-process: the worker's emails are tested in tests/panels)
    member = PanelMember.objects.get()
    emails.send_confirmation(member_id=member.pk)
    confirm_url = re.findall(r"http://\S+", mail.outbox[-1].body)[0]
    page.goto(live_server.url + urlsplit(confirm_url).path)
    check(page)
    page.get_by_role("button", name="Confirm and join").click()
    assert "You have joined Patient panel" in page.locator("h1").inner_text()
    check(page)
    # The member's own page: change details, then leave
    page.get_by_role("link", name="see and change your details, pause or leave").click()
    assert "sam@example.org" in page.locator("main").inner_text()
    check(page)
    page.get_by_role("link", name="Change your details").click()
    check(page)
    page.get_by_label("Full name").fill("Sam T")
    page.get_by_role("button", name="Save changes").click()
    assert "Your details have been updated" in page.locator("main").inner_text()
    assert "Sam T" in page.locator("main").inner_text()
    page.get_by_role("link", name="Leave the panel and delete my details").click()
    check(page)
    page.get_by_role("button", name="Leave and delete my details").click()
    assert "You have left Patient panel" in page.locator("h1").inner_text()
    check(page)
    assert not PanelMember.objects.exists()
    assert ConsentRecord.objects.get().withdrawn_at is not None
    page.context.close()


def test_under_16_page_is_accessible(page, live_server, panel):
    page.goto(live_server.url + panel.url + "join/")
    page.get_by_label("Under 16").check()
    page.get_by_role("button", name="Join the panel").click()
    assert page.locator("h1").inner_text() == "You need to be 16 or over to join"
    assert_no_axe_violations(page)
    assert not PanelMember.objects.exists()
