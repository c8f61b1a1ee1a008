"""The safeguarding screens in a real browser: a lead works a case and its contact request through
plain forms, with JavaScript and without, and each screen's markup passes axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model

from feedback.factories import ContactRequestFactory, FeedbackFactory
from feedback.models import ContactRequest, Feedback
from feedback.processing import process_feedback
from website.models import ServicePage

pytestmark = pytest.mark.django_db(transaction=True)


def check_axe(page, javascript: bool):
    """axe-core runs in the page, so only where JavaScript is on."""
    if not javascript:
        return
    page.wait_for_load_state()
    results = Axe().run(page, context=".nice-padding")
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_lead_works_a_case_and_its_contact_request(browser, live_server, demo_site, client,
                                                      javascript):  # fmt: skip
    # given: a disclosure in maternity from someone who asked to be contacted
    maternity = ServicePage.objects.get(slug="maternity")
    feedback = FeedbackFactory(service=maternity, text="I want to end my life")
    process_feedback(feedback_id=feedback.pk)
    contact = ContactRequestFactory(feedback=feedback)
    client.force_login(get_user_model().objects.get(username="safeguarding"))
    context = browser.new_context(java_script_enabled=javascript)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])  # fmt: skip
    page = context.new_page()
    # when: the lead opens the open cases and the case
    page.goto(f"{live_server.url}/admin/feedback-review/safeguarding/")
    check_axe(page, javascript)
    with page.expect_navigation():
        page.get_by_role("link", name=feedback.receipt).click()
    assert page.title().startswith(f"Safeguarding case {feedback.receipt}")
    check_axe(page, javascript)
    # and acknowledges it, then closes it after confirming
    page.get_by_label("Status").select_option("acknowledged")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    page.get_by_label("Status").select_option("closed")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.title().startswith(f"Close case {feedback.receipt}?")
    check_axe(page, javascript)
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, set it to closed").click()
    assert Feedback.objects.get(pk=feedback.pk).safeguarding_status == "closed"
    # when: the contact request is followed up from the case
    with page.expect_navigation():
        page.get_by_role("link", name="follow up the contact request").click()
    check_axe(page, javascript)
    with page.expect_navigation():
        page.get_by_role("button", name="Show contact details").click()
    assert "alex@example.com" in page.content()
    check_axe(page, javascript)
    page.get_by_label("Contacted").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save outcome").click()
    # then
    assert ContactRequest.objects.get(pk=contact.pk).outcome == "contacted"
    assert "Contacted, recorded by" in page.content()
    context.close()
