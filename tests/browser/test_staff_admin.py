"""The staff dashboard's services panel and the audit trail in a real browser, with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model

from website.audit import record
from website.models import ServicePage

pytestmark = pytest.mark.django_db(transaction=True)


def check_axe(page, context=None):
    results = Axe().run(page, context=context) if context else Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def sign_in(page, live_server, client, username):
    # django-axes blocks the login form in tests: a session made by force_login is handed over
    client.force_login(get_user_model().objects.get(username=username))
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value,
                               "url": live_server.url}])  # fmt: skip


@pytest.mark.parametrize("username", ["editor", "service-lead", "safeguarding"])
def test_the_services_panel_passes_axe(page, live_server, demo_site, client, username):
    # given a member of staff signed in
    sign_in(page, live_server, client, username)
    # when they open the admin dashboard
    page.goto(f"{live_server.url}/admin/")
    # then their panel lists their services, and its markup has no axe violations
    panel = page.locator("#my-services-section")
    assert panel.count() == 1
    assert "Maternity services" in panel.inner_text()
    check_axe(page, context="#my-services-section")


def test_the_audit_trail_has_a_title_and_passes_axe(page, live_server, demo_site, client):
    # given an event, and an administrator signed in
    maternity = ServicePage.objects.get(slug="maternity")
    record(user=get_user_model().objects.get(username="service-lead"),
           action="export.feedback_csv", service=maternity)  # fmt: skip
    sign_in(page, live_server, client, "admin")
    # when they open the audit trail
    page.goto(f"{live_server.url}/admin/audit_trail/")
    # then the page says what it is, lists the event, and its listing has no axe violations
    assert "Audit" in page.title()
    assert "export.feedback_csv" in page.locator("main").inner_text()
    check_axe(page, context="main")
