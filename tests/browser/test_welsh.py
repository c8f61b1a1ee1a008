"""The Welsh feedback form and thank-you page in Chromium: axe-core, keyboard only, and without
JavaScript (issue 16 item 3)."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.core import mail

from feedback.choices import FftAnswer, Language
from feedback.factories import FeedbackFormFactory, FeedbackServiceFactory
from feedback.models import Feedback
from involvement import demo as involvement_demo
from involvement.opportunity_demo import seed_opportunities
from panels import demo as panels_demo
from panels import emails
from panels.factories import PanelPageFactory
from panels.models import PanelMember
from tests.welsh import in_welsh
from website.demo import seed_pages
from website.demo_welsh import seed_welsh_pages, welsh_locale


@pytest.fixture
def service(transactional_db, site_tree):
    """A service with its feedback form, and its page translated into Welsh."""
    service = FeedbackServiceFactory(title="Maternity services", slug="maternity")
    FeedbackFormFactory(service=service)
    welsh = service.copy_for_translation(welsh_locale(), copy_parents=True)
    welsh.title = "Gwasanaethau mamolaeth"
    welsh.save_revision().publish()
    return service


def welsh_form(live_server) -> str:
    return f"{live_server.url}/cy/feedback/maternity/"


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def tab_until(page, predicate, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"Tab never reached: {predicate}")


def test_the_welsh_form_and_thank_you_page_by_keyboard_alone(page, live_server, service):
    # given
    page.goto(welsh_form(live_server))
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Rhoi adborth am Gwasanaethau mamolaeth"
    assert_no_axe_violations(page)
    # when: Tab to the radios, arrow to "Da", type the reason in Welsh, Tab to the button, Enter
    tab_until(page, "document.activeElement.name === 'fft_answer'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    tab_until(page, "document.activeElement.id === 'id_text'")
    page.keyboard.type("Roedd y bydwragedd yn amyneddgar ac yn garedig.")
    tab_until(page, "document.activeElement.type === 'submit'")
    page.keyboard.press("Enter")
    # then: the thank-you page, in Welsh, and the response recorded as Welsh
    page.wait_for_url("**/cy/feedback/maternity/thank-you/**")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Diolch am eich adborth"
    feedback = Feedback.objects.get()
    assert (feedback.fft_answer, feedback.language) == (FftAnswer.GOOD, Language.WELSH)
    assert feedback.text == "Roedd y bydwragedd yn amyneddgar ac yn garedig."
    assert feedback.receipt in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_welsh_errors_are_accessible_and_keep_what_was_typed(page, live_server, service):
    page.goto(welsh_form(live_server))
    page.get_by_label("Dywedwch wrthym pam y rhoesoch yr ateb hwn").fill("Anghofiais")
    page.get_by_role("button", name="Anfon adborth").click()
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "Mae problem" in summary.inner_text()
    assert "Dewiswch sut oedd eich profiad o'n gwasanaeth" in summary.inner_text()
    assert page.title().startswith("Gwall:")
    assert page.locator("#id_text").input_value() == "Anghofiais"
    assert_no_axe_violations(page)
    # the summary's link takes keyboard users to the first radio
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_fft_answer_0"
    assert Feedback.objects.count() == 0


def test_the_welsh_form_works_without_javascript(browser, live_server, service):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(welsh_form(live_server))
    page.get_by_label("Da iawn").check()
    page.get_by_label("Dywedwch wrthym pam y rhoesoch yr ateb hwn").fill("Gofal gwych.")
    page.get_by_role("button", name="Anfon adborth").click()
    page.wait_for_url("**/cy/feedback/maternity/thank-you/**")
    assert page.locator("h1").inner_text() == "Diolch am eich adborth"
    assert Feedback.objects.get().language == Language.WELSH
    context.close()


def test_the_language_switcher_by_keyboard(page, live_server, service):
    # given: the English form
    page.goto(f"{live_server.url}/feedback/maternity/")
    switcher = page.locator("nav.involve-language-switcher a")
    assert (switcher.get_attribute("lang"), switcher.inner_text()) == ("cy", "Cymraeg")
    # when: Tab to "Cymraeg" and Enter
    tab_until(page, "document.activeElement.getAttribute('hreflang') === 'cy'")
    page.keyboard.press("Enter")
    # then: the same form in Welsh, whose switcher goes back to English
    page.wait_for_url("**/cy/feedback/maternity/")
    assert page.locator("h1").inner_text() == "Rhoi adborth am Gwasanaethau mamolaeth"
    back = page.locator("nav.involve-language-switcher a")
    assert (back.get_attribute("lang"), back.inner_text()) == ("en-GB", "English")
    assert_no_axe_violations(page)


def test_the_character_count_speaks_welsh(page, live_server, service):
    page.goto(welsh_form(live_server))
    page.get_by_label("Dywedwch wrthym pam y rhoesoch yr ateb hwn").press_sequentially("Da iawn")
    status = page.locator(".nhsuk-character-count__status")
    expect(status).to_contain_text("nod ar ôl")
    assert "characters" not in status.inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_joining_a_panel_in_welsh(browser, live_server, service, javascript):
    # given: a panel page translated into Welsh
    english = PanelPageFactory(parent=service.get_parent().get_parent(), slug="join-a-panel",
                               title="Patient panel")  # fmt: skip
    welsh = in_welsh(english, title="Panel cleifion")
    page = browser.new_context(java_script_enabled=javascript).new_page()
    check = assert_no_axe_violations if javascript else (lambda page: None)
    # when: the form is sent empty, then filled in with Welsh labels
    page.goto(live_server.url + welsh.url + "join/")
    check(page)
    page.get_by_role("button", name="Ymuno â'r panel").click()
    expect(page).to_have_title(re.compile(r"^Gwall: "))
    assert "Rhowch eich enw llawn" in page.locator(".nhsuk-error-summary").inner_text()
    check(page)
    page.get_by_label("Enw llawn").fill("Siân Evans")
    page.get_by_label("Cyfeiriad e-bost").fill("sian@example.org")
    page.get_by_label("E-bost", exact=True).check()
    page.get_by_label("Rhan gyntaf eich cod post").fill("CF10 1AA")
    page.get_by_label("35 i 44").check()
    page.get_by_label("Arolygon ar-lein").check()
    page.get_by_label("Rwy'n cytuno y caiff ymchwilwyr").check()
    page.get_by_role("button", name="Ymuno â'r panel").click()
    # then: the Welsh 'check your email' page, and a Welsh email whose link opens in Welsh
    page.wait_for_url("**/cy/join-a-panel/check-your-email/")
    assert page.locator("html").get_attribute("lang") == "cy"
    check(page)
    member = PanelMember.objects.get()
    assert (member.panel_id, member.language) == (english.pk, "cy")
    emails.send_confirmation(member_id=member.pk)
    confirm_url = re.findall(r"http://\S+", mail.outbox[-1].body)[0]
    page.goto(live_server.url + urlsplit(confirm_url).path)
    assert page.locator("html").get_attribute("lang") == "cy"
    page.get_by_role("button", name="Cadarnhau ac ymuno").click()
    assert "Panel cleifion" in page.locator("h1").inner_text()
    check(page)


def test_the_welsh_demo_panel_and_get_involved_pages_pass_axe(page, live_server, transactional_db,
                                                              site_tree):  # fmt: skip
    # given the demo's pages and their Welsh translations, as seed_demo makes them
    seed_pages()
    panels_demo.seed()
    seed_opportunities()
    seed_welsh_pages()
    panels_demo.seed_welsh()
    involvement_demo.seed_welsh()
    for path in ("/cy/", "/cy/join-a-panel/", "/cy/get-involved/"):
        # when
        page.goto(f"{live_server.url}{path}")
        # then
        assert page.locator("html").get_attribute("lang") == "cy"
        assert_no_axe_violations(page)
