"""The staff feedback list in a real browser: a service lead follows a theme from the insight
board to its comments, searches them, and mistypes a search, by keyboard, with JavaScript and
without; each screen's content passes axe-core."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model

from feedback.choices import Sentiment
from feedback.models import Theme
from feedback.rollups import rebuild_rollups
from tests.involvement.conftest import processed
from website.models import ServicePage

pytestmark = pytest.mark.django_db(transaction=True)


def check_axe(page, javascript: bool):
    """axe-core runs in the page, so only where JavaScript is on."""
    if not javascript:
        return
    page.wait_for_load_state()
    results = Axe().run(page, context="main")
    assert results.violations_count == 0, results.generate_report()


def listed(page) -> int:
    return int(re.match(r"(\d+) response", page.locator(".feedback-list-count").inner_text())[1])


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_service_lead_follows_a_theme_and_searches_its_comments(
    browser, live_server, demo_site, client, javascript
):
    # given a theme many maternity responses mention, some about parking
    maternity = ServicePage.objects.get(slug="maternity")
    kindness = Theme.objects.create(name="Kindness (test)", slug="kindness-test")
    for n in range(12):
        text = "Kind midwives but parking was a nightmare" if n % 3 else "Kind midwives"
        processed(maternity, days_ago=2, themes=[kindness], text=text, sentiment=Sentiment.POSITIVE)
    processed(maternity, days_ago=2, text="Cold food")
    rebuild_rollups()
    client.force_login(get_user_model().objects.get(username="service-lead"))
    context = browser.new_context(java_script_enabled=javascript)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])  # fmt: skip
    page = context.new_page()

    # when the lead opens the board and follows the theme's count
    page.goto(f"{live_server.url}/admin/involvement/services/{maternity.pk}/board/")
    with page.expect_navigation():
        page.get_by_role("link", name="12 responses").click()
    # then the list holds those twelve, with their text
    assert page.title().startswith("Feedback for Maternity services")
    assert listed(page) == 12
    assert "Cold food" not in page.content()
    assert page.get_by_text("Kind midwives but parking was a nightmare").count() == 8
    check_axe(page, javascript)

    # when they search within the theme, by keyboard
    page.get_by_label("Search the comments").fill("parking")
    with page.expect_navigation():
        page.get_by_label("Search the comments").press("Enter")
    # then only those that mention parking are left, and the theme filter still applies
    assert page.locator(".feedback-list-count").inner_text() == "8 responses match your search."
    assert page.get_by_label("Theme", exact=True).input_value() == str(kindness.pk)
    check_axe(page, javascript)

    # when the search is only punctuation
    page.get_by_label("Search the comments").fill("?!")
    with page.expect_navigation():
        page.get_by_role("button", name="Search and filter").click()
    # then the page says what to do, links to the box, and keeps the other filters
    alert = page.get_by_role("alert")
    assert "Enter a word or a number to search for." in alert.inner_text()
    assert listed(page) == 12
    check_axe(page, javascript)
    context.close()
