"""Easy read, children's and under 8s forms, the accessibility statement and printing, in Chromium.

Each screen is checked with axe-core; the journeys run by keyboard alone and without JavaScript.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model

from feedback.choices import Channel, FftAnswer
from feedback.factories import FeedbackServiceFactory
from feedback.models import Feedback
from website.models import AccessibilityStatementPage, ServicePage


@pytest.fixture
def service(transactional_db, site_tree):
    return FeedbackServiceFactory(title="Maternity services", slug="maternity")


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def tab_until(page, predicate, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"Tab never reached: {predicate}")


def press_continue(page, name="Continue"):
    """Tab to the screen's main button and press Enter, as a keyboard user would."""
    tab_until(page, f"document.activeElement.textContent.trim() === '{name}'")
    # Wait for the next screen itself: the current one is already loaded.
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_easy_read_by_keyboard_alone_with_axe_on_every_screen(page, live_server, service):
    # given
    page.goto(f"{live_server.url}/feedback/maternity/easy-read/")
    assert_no_axe_violations(page)

    # when: the pictures, by Tab and arrow keys
    tab_until(page, "document.activeElement.name === 'fft_answer'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    press_continue(page)
    # tell us more
    assert page.locator("h1").inner_text() == "Tell us more"
    assert_no_axe_violations(page)
    tab_until(page, "document.activeElement.id === 'id_text'")
    page.keyboard.type("The staff spoke slowly and clearly.")
    press_continue(page)
    # did someone help
    assert page.locator("h1").inner_text() == "Did someone help you fill this in?"
    assert_no_axe_violations(page)
    tab_until(page, "document.activeElement.name === 'helped'")
    page.keyboard.press("Space")
    press_continue(page)
    # check and send
    assert page.locator("h1").inner_text() == "Check your answers"
    assert_no_axe_violations(page)
    assert Feedback.objects.count() == 0
    press_continue(page, "Send")

    # then
    page.wait_for_url("**/thank-you/**")
    feedback = Feedback.objects.get()
    assert feedback.channel == Channel.EASY_READ
    assert feedback.fft_answer == FftAnswer.GOOD
    assert feedback.text == "The staff spoke slowly and clearly."
    assert feedback.assisted is True
    assert feedback.receipt in page.locator("main").inner_text()


@pytest.mark.parametrize("path", ["young-people", "under-8s"])
def test_childrens_forms_pass_axe_on_every_screen(page, live_server, service, path):
    page.goto(f"{live_server.url}/feedback/maternity/{path}/")
    assert_no_axe_violations(page)
    page.get_by_label("Very good", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Check your answers"
    assert_no_axe_violations(page)


# axe-core runs as a script, so the screens are checked with JavaScript on (above).
@pytest.mark.parametrize(("path", "channel"), [
    ("young-people", Channel.CHILDREN), ("under-8s", Channel.UNDER_8),
])  # fmt: skip
def test_childrens_forms_work_without_javascript(browser, live_server, service, path, channel):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/feedback/maternity/{path}/")
    page.get_by_label("Very good", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    reminder = page.locator(".involve-names-reminder")
    assert reminder.is_visible() and "name" in reminder.inner_text()
    page.locator("#id_text").fill("The play room was fun")
    page.get_by_role("button", name="Continue").click()
    # change the answer from the check screen, then send
    page.get_by_role("button", name="Change how it was").click()
    page.get_by_label("Good", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Check your answers"
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/thank-you/**")
    feedback = Feedback.objects.get()
    assert (feedback.channel, feedback.fft_answer) == (channel, FftAnswer.GOOD)
    assert feedback.text == "The play room was fun"
    context.close()


def test_no_answer_shows_the_error_with_the_pictures_again(page, live_server, service):
    page.goto(f"{live_server.url}/feedback/maternity/easy-read/")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Error:")
    assert page.locator(".nhsuk-radios__label svg.involve-face").count() == 6
    assert_no_axe_violations(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_fft_answer_0"
    assert Feedback.objects.count() == 0


def test_back_button_keeps_the_answer(page, live_server, service):
    page.goto(f"{live_server.url}/feedback/maternity/easy-read/")
    page.get_by_label("Poor", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Back").click()
    assert page.get_by_label("Poor", exact=True).is_checked()


def test_accessibility_statement_passes_axe(page, live_server, service, site_tree):
    statement = AccessibilityStatementPage(
        title="Accessibility statement", slug="accessibility-statement",
        contact_email="access@example.nhs.uk",
        known_issues=[("issue", {"summary": "Some PDF leaflets are not accessible.",
                                 "details": "", "criterion": "", "fix_by": None})],
    )  # fmt: skip
    site_tree.add_child(instance=statement)
    page.goto(f"{live_server.url}{statement.url}")
    assert page.locator("h1").inner_text() == "Accessibility statement"
    assert "easy read form" in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_service_page_prints_without_navigation_and_with_link_addresses(page, live_server, service):
    page.goto(f"{live_server.url}{service.url}")
    assert page.locator("header.nhsuk-header").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.nhsuk-header").is_visible()
    assert not page.locator("footer").first.is_visible()
    link = page.locator(".involve-other-ways a").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "/feedback/maternity/easy-read/" in after


@pytest.mark.parametrize("form", ["large-print", "easy-read"])
def test_printable_forms_pass_axe_and_print_without_the_site_around_them(
    page, live_server, demo_site, client, form
):
    # given the demo service lead, signed in (django-axes blocks the form: the session is handed)
    client.force_login(get_user_model().objects.get(username="service-lead"))
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value,
                               "url": live_server.url}])  # fmt: skip
    maternity = ServicePage.objects.get(slug="maternity")

    # when
    page.goto(f"{live_server.url}/admin/feedback-entry/{maternity.pk}/paper/{form}/")

    # then
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    assert not page.locator("header.nhsuk-header").is_visible()
    assert page.locator(".involve-paper-boxes li").first.is_visible()
    size = page.locator(".involve-paper-form p").first.evaluate(
        "p => parseFloat(getComputedStyle(p).fontSize)"
    )
    assert size >= 24  # 18 point is 24 CSS pixels
