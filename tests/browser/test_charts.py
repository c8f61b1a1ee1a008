"""Charts in Chromium at a phone's width and a desktop's: every x label is inside its chart and
none overlaps another, as laid out by the browser; axe-core finds nothing on the page."""

import itertools

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model

from feedback.choices import Channel, FftAnswer
from feedback.rollups import rebuild_rollups
from tests.involvement.conftest import processed
from website.models import ServicePage

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [375, 1280]
# Every label's box, the SVG's box, and how far each label sits from the next, in CSS pixels.
LABEL_BOXES = """svg => {
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  return {svg: box(svg.getBoundingClientRect()),
          x: [...svg.querySelectorAll("text.involve-chart-x")].map(
               t => ({text: t.textContent, ...box(t.getBoundingClientRect())})),
          all: [...svg.querySelectorAll("text")].map(
               t => ({text: t.textContent, ...box(t.getBoundingClientRect())}))};
}"""


@pytest.fixture
def eighteen_months(demo_site, travel):
    """Maternity with responses in each of the last 18 months, by every channel, and rollups."""
    maternity = ServicePage.objects.get(slug="maternity")
    answers = itertools.cycle([FftAnswer.VERY_GOOD, FftAnswer.GOOD, FftAnswer.POOR])
    channels = itertools.cycle(Channel.values)
    for day in range(3, 18 * 30, 3):
        processed(maternity, days_ago=day, fft_answer=next(answers), channel=next(channels))
    rebuild_rollups(service_ids=[maternity.pk])
    return maternity


def assert_labels_fit(page):
    charts = page.locator("svg.involve-chart")
    assert charts.count() >= 1
    for i in range(charts.count()):
        found = charts.nth(i).evaluate(LABEL_BOXES)
        svg, labels = found["svg"], found["x"]
        for label in found["all"]:
            assert svg["left"] - 0.5 <= label["left"] and label["right"] <= svg["right"] + 0.5, (
                f"{label['text']!r} is cut off by the edge of chart {i}"
            )
        ordered = sorted(labels, key=lambda b: b["left"])
        for a, b in itertools.pairwise(ordered):
            assert a["right"] <= b["left"], f"{a['text']!r} overlaps {b['text']!r} in chart {i}"


def check_axe(page, context=None):
    results = Axe().run(page, context=context) if context else Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", WIDTHS)
def test_board_chart_labels_fit_at_any_width(page, live_server, client, eighteen_months, width):
    # given the service lead signed in (django-axes blocks the login form in tests)
    client.force_login(get_user_model().objects.get(username="service-lead"))
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])  # fmt: skip
    page.set_viewport_size({"width": width, "height": 900})

    # when they open the maternity board over the last 18 months
    page.goto(f"{live_server.url}/admin/involvement/services/{eighteen_months.pk}/board/"
              f"?start=2024-12-01&end=2026-06-17")  # fmt: skip

    # then no chart's label is cut off or overlaps another, and the board passes axe
    assert page.locator("#volume-by-week-heading").is_visible()
    assert page.locator("svg.involve-chart text.involve-chart-x").count() > 10
    assert_labels_fit(page)
    check_axe(page, context=".involve-board")


@pytest.mark.parametrize("width", WIDTHS)
def test_public_trend_labels_fit_at_any_width(page, live_server, eighteen_months, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/performance/maternity/")
    assert_labels_fit(page)
    check_axe(page)
