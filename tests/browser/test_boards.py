"""Public performance pages and the insight board in a real browser, checked with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model

from feedback.models import Theme
from feedback.rollups import rebuild_rollups
from tests.involvement.conftest import processed
from website.models import ServicePage

pytestmark = pytest.mark.django_db(transaction=True)


def check_axe(page, context=None):
    results = Axe().run(page, context=context) if context else Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def feedback_rows(demo_site):
    pharmacy = ServicePage.objects.get(slug="pharmacy")
    for _ in range(3):
        processed(pharmacy, text="Helpful pharmacist")
    # Themed now and in the previous period, so the board's linked theme headings are drawn too.
    staff, _ = Theme.objects.get_or_create(slug="staff-manner", defaults={"name": "Staff manner"})
    maternity = ServicePage.objects.get(slug="maternity")
    for _ in range(14):
        processed(maternity, text="Kind midwives", themes=[staff])
    for _ in range(12):
        processed(maternity, days_ago=400, text="Kind midwives", themes=[staff])
    rebuild_rollups()


@pytest.mark.parametrize("path", ["/performance/", "/performance/pharmacy/", "/open-data/"])
def test_public_pages_pass_axe_and_show_stars(page, live_server, feedback_rows, path):
    page.goto(live_server.url + path)
    check_axe(page)
    if path == "/performance/pharmacy/":
        assert "*" in page.locator("main table").first.inner_text()


def test_board_markup_passes_axe_inside_the_admin(page, live_server, feedback_rows, client):
    # given the service lead signed in (django-axes blocks the login form in tests)
    client.force_login(get_user_model().objects.get(username="service-lead"))
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value,
                               "url": live_server.url}])  # fmt: skip
    maternity = ServicePage.objects.get(slug="maternity")

    # when they open the board
    page.goto(f"{live_server.url}/admin/involvement/services/{maternity.pk}/board/")

    # then the board's own markup has no axe violations
    assert page.locator(".involve-board svg[role=img]").count() >= 5
    check_axe(page, context=".involve-board")
