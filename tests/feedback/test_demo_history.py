"""The demo's feedback history: months of processed responses counted by the rollups' rebuild."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Min

from feedback.choices import Status
from feedback.demo_history import seed_history
from feedback.factories import FeedbackFactory
from feedback.models import DailyRollup, Feedback
from feedback.rollups import rollup_counts
from website.locales import in_default_language
from website.models import ServicePage

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 31)


def test_history_fills_every_month_and_the_rollups_count_each_row(demo_site):
    # when
    added = seed_history(months=18, today=TODAY)
    # then: every live service has rows in each of the 18 months, all processed and analysed
    services = list(ServicePage.objects.live())
    assert added == Feedback.objects.count() > 18 * len(services) * 10
    assert not Feedback.objects.exclude(status=Status.PROCESSED).exists()
    for service in services:
        rows = Feedback.objects.filter(service=service)
        months = set(rows.values_list("given_on__year", "given_on__month"))
        assert len(months) == 18
    assert Feedback.objects.aggregate(first=Min("given_on"))["first"] >= date(2024, 10, 1)
    assert not Feedback.objects.filter(given_on__gte=TODAY).exists()
    assert Feedback.themes.through.objects.exists()
    assert not Feedback.objects.exclude(safeguarding_status="").exists()
    # and the rollups, read through their one API, count every row once
    counts = rollup_counts(service_ids=[s.pk for s in services], start=date(2024, 1, 1), end=TODAY)
    assert sum(cell["responses"] for cell in counts.values()) == added
    assert sum(DailyRollup.objects.values_list("responses", flat=True)) == added


def test_history_is_added_once_and_never_beside_real_feedback(demo_site):
    # given a service that already has feedback of its own
    maternity = ServicePage.objects.get(slug="maternity")
    FeedbackFactory(service=maternity, status=Status.PROCESSED)
    # when seeded twice
    first = seed_history(months=3, today=TODAY)
    second = seed_history(months=3, today=TODAY)
    # then the second run adds nothing and maternity keeps only its own row
    assert first > 0 and second == 0
    assert Feedback.objects.filter(service=maternity).count() == 1


def test_a_fresh_demo_board_shows_figures(client, site_tree, travel):
    # given a fresh demo (seed_demo adds the history)
    call_command("seed_demo", verbosity=0)
    maternity = in_default_language(ServicePage.objects.filter(slug="maternity")).get()
    # when the service lead opens the maternity board for its default period
    client.force_login(get_user_model().objects.get(username="service-lead"))
    response = client.get(f"/admin/involvement/services/{maternity.pk}/board/")
    # then it counts responses and draws its charts from them
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    responses = next(dt for dt in soup.select("dt") if dt.get_text(strip=True) == "Responses")
    assert int(responses.find_next_sibling("dd").get_text(strip=True).replace(",", "")) > 0
    assert len(soup.select("svg[role=img]")) >= 5
