import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from feedback.choices import FftAnswer
from feedback.factories import FeedbackFormFactory, FeedbackQuestionFactory, FeedbackServiceFactory
from feedback.models import Feedback


@pytest.fixture
def service(transactional_db, site_tree):
    service = FeedbackServiceFactory(title="Maternity services", slug="maternity")
    form = FeedbackFormFactory(service=service)
    FeedbackQuestionFactory(form=form, label="Which part of your care?", kind="radios",
                            choices="Antenatal\nBirth\nPostnatal")  # fmt: skip
    return service


def form_url(live_server, service):
    return f"{live_server.url}/feedback/{service.slug}/"


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def tab_until(page, predicate, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"Tab never reached: {predicate}")


def test_keyboard_only(page, live_server, service):
    # given
    page.goto(form_url(live_server, service))
    # when: Tab to the radios, arrow to "Good", type the reason, Tab to the button, Enter
    tab_until(page, "document.activeElement.name === 'fft_answer'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    tab_until(page, "document.activeElement.id === 'id_text'")
    page.keyboard.type("The midwives were patient and kind.")
    tab_until(page, "document.activeElement.type === 'submit'")
    page.keyboard.press("Enter")
    # then
    page.wait_for_url("**/thank-you/**")
    feedback = Feedback.objects.get()
    assert feedback.fft_answer == FftAnswer.GOOD
    assert feedback.text == "The midwives were patient and kind."
    assert feedback.receipt in page.locator("main").inner_text()


def test_works_without_javascript(browser, live_server, service):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(form_url(live_server, service))
    # without JavaScript the contact fields are shown, not hidden away
    assert page.locator("#id_contact_email").is_visible()
    page.get_by_label("Very good").check()
    page.get_by_label("Tell us why you gave this answer").fill("Quick and clear.")
    page.get_by_label("I'd like someone to contact me about this").check()
    page.get_by_label("Your name").fill("Jo Bloggs")
    page.get_by_label("Email address").fill("jo@example.com")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/thank-you/**")
    assert "Thank you for your feedback" in page.locator("h1").inner_text()
    feedback = Feedback.objects.get()
    assert feedback.contact_request and "jo@example.com" not in feedback.text
    context.close()


def test_error_state_is_accessible_and_keeps_input(page, live_server, service):
    page.goto(form_url(live_server, service))
    assert_no_axe_violations(page)
    page.get_by_label("Tell us why you gave this answer").fill("I forgot the first question")
    page.get_by_role("button", name="Send feedback").click()
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "Select how your experience of our service was" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert page.locator("#id_text").input_value() == "I forgot the first question"
    assert_no_axe_violations(page)
    # the summary's link takes keyboard users to the first radio
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_fft_answer_0"
    assert Feedback.objects.count() == 0


def test_thank_you_page_with_signposting_is_accessible(page, live_server, service):
    page.goto(form_url(live_server, service))
    page.get_by_label("Very poor").check()
    page.get_by_label("Tell us why you gave this answer").fill("I want to end my life")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/thank-you/**")
    text = page.locator("main").inner_text()
    assert "116 123" in text and "999" in text and "111" in text
    assert page.locator(".nhsuk-card--care--urgent").is_visible()
    assert "?" not in page.url
    assert_no_axe_violations(page)
    # a reload (or the same address from the history) shows the numbers but not the panel
    page.reload()
    text = page.locator("main").inner_text()
    assert "116 123" in text and "999" in text and "111" in text
    assert page.locator(".nhsuk-card--care--urgent").count() == 0
    assert_no_axe_violations(page)


def test_character_count_counts_down(page, live_server, service):
    page.goto(form_url(live_server, service))
    page.get_by_label("Tell us why you gave this answer").press_sequentially("Twelve chars")
    status = page.locator(".nhsuk-character-count__status")
    expect(status).to_have_text("You have 4,988 characters remaining")
