"""The accessibility statement: written from what the site does, edited by administrators only."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model

from website.models import AccessibilityStatementPage, HomePage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def statement(site_tree):
    page = AccessibilityStatementPage(
        title="Accessibility statement", slug="accessibility-statement",
        contact_email="access@example.nhs.uk", contact_phone="0300 123 4567", response_days=5,
        prepared_on=date(2026, 5, 1), last_reviewed=date(2026, 6, 1),
        known_issues=[("issue", {"summary": "Some PDF leaflets cannot be read by screen readers.",
                                 "details": "Ask us for the leaflet in another format.",
                                 "criterion": "4.1.2 Name, role, value",
                                 "fix_by": date(2026, 12, 31)})],
    )  # fmt: skip
    site_tree.add_child(instance=page)
    return page


def test_statement_lists_what_the_site_does_from_the_site_and_its_apps(client, statement):
    page = soup(client.get(statement.url))
    items = [li.get_text(" ", strip=True) for li in page.select("main ul li")]
    # the site's own, and the adapted feedback forms from the feedback app's hook
    assert "use every page and form with a keyboard alone" in items
    assert "use every page and form with JavaScript turned off" in items
    assert any("easy read form, with pictures" in item for item in items)
    assert any("ages 8 to 15" in item for item in items)
    assert any("large print or easy read" in item for item in items)
    text = page.get_text(" ", strip=True)
    assert "axe-core" in text and "keyboard alone and with JavaScript turned off" in text


def test_statement_gives_status_known_issues_other_formats_and_dates(client, statement):
    page = soup(client.get(statement.url))
    text = page.get_text(" ", strip=True)
    assert "partially compliant with the Web Content Accessibility Guidelines (WCAG)" in text
    issues = page.select(".involve-known-issues li")
    assert len(issues) == 1
    issue = issues[0].get_text(" ", strip=True)
    assert "Some PDF leaflets" in issue and "4.1.2 Name, role, value" in issue
    assert "31 December 2026" in issue
    assert page.select_one('a[href="mailto:access@example.nhs.uk"]')
    assert page.select_one('a[href="tel:03001234567"]')
    assert "We will reply within 5 working days." in text
    assert "prepared on 1 May 2026" in text and "last reviewed on 1 June 2026" in text
    assert "Equality Advisory and Support Service" in text


@pytest.mark.parametrize(("compliance", "words"), [
    ("full", "is fully compliant"), ("not", "is not compliant"),
])  # fmt: skip
def test_statement_follows_the_compliance_status(client, statement, compliance, words):
    statement.compliance = compliance
    statement.known_issues = []
    statement.save_revision().publish()
    text = soup(client.get(statement.url)).get_text(" ", strip=True)
    assert words in text
    assert "We do not know of any part of this website that fails the standard" in text


def test_one_statement_under_the_home_page_only():
    assert AccessibilityStatementPage.parent_page_types == ["website.HomePage"]
    assert AccessibilityStatementPage.max_count_per_parent == 1
    assert AccessibilityStatementPage in HomePage.allowed_subpage_models()


def test_administrators_edit_it_and_editors_do_not(demo_site):
    statement = AccessibilityStatementPage.objects.get()
    users = get_user_model().objects
    assert statement.permissions_for_user(users.get(username="admin")).can_edit()
    for username in ("editor", "service-lead"):
        assert not statement.permissions_for_user(users.get(username=username)).can_edit()


def test_demo_footer_links_to_the_statement(client, demo_site):
    statement = AccessibilityStatementPage.objects.get()
    page = soup(client.get("/"))
    assert page.select_one(f'footer a[href="{statement.url}"]')
    response = client.get(statement.url)
    assert response.status_code == 200
    assert "We will reply within" in response.content.decode()
