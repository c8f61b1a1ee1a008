"""'Page last reviewed' and 'Next review due' on every public page, and the overdue list."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from wagtail.models import get_page_models

from website.models import ContentPage, ServicePage
from website.page_reviews import ReviewDates

pytestmark = pytest.mark.django_db


def test_every_public_page_type_has_review_dates():
    for model in get_page_models():
        if model._meta.app_label != "wagtailcore":
            assert issubclass(model, ReviewDates), model


def test_the_next_review_defaults_to_a_year_after_the_last(demo_site):
    page = ContentPage.objects.get(slug="privacy-notice")
    page.last_reviewed, page.next_review_due = date(2026, 3, 1), None
    page.full_clean()
    assert page.next_review_due == date(2027, 3, 1)


def test_a_next_review_before_the_last_is_refused(demo_site):
    page = ContentPage.objects.get(slug="privacy-notice")
    page.last_reviewed, page.next_review_due = date(2026, 3, 1), date(2026, 2, 1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "next_review_due" in error.value.message_dict


@pytest.mark.parametrize("slug", ["maternity", "privacy-notice", "services"])
def test_public_pages_show_both_dates(client, demo_site, slug):
    from wagtail.models import Page

    page = Page.objects.get(slug=slug).specific
    page.last_reviewed, page.next_review_due = date(2026, 3, 1), date(2027, 3, 1)
    page.save_revision().publish()
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    text = soup.select_one(".nhsuk-review-date").get_text(" ", strip=True)
    assert "Page last reviewed: 1 March 2026" in text
    assert "Next review due: 1 March 2027" in text


def overdue(page, days):
    page.last_reviewed = date(2025, 1, 1)
    page.next_review_due = date(2026, 6, 17) - timedelta(days=days)
    page.save_revision().publish()


def test_editors_see_the_overdue_pages_they_can_edit(client, demo_site, travel):
    # given maternity (an editor's service) and pharmacy overdue, emergency not yet due
    overdue(ServicePage.objects.get(slug="maternity"), 30)
    overdue(ServicePage.objects.get(slug="pharmacy"), 60)
    overdue(ServicePage.objects.get(slug="emergency-department"), -5)
    # when the editor opens the list
    client.force_login(get_user_model().objects.get(username="editor"))
    response = client.get("/admin/reviews/overdue/")
    # then it shows their overdue page only, with how late it is
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.text.strip().startswith("Pages overdue for review")
    rows = [
        [c.get_text(strip=True) for c in row.select("th, td")]
        for row in soup.select("#overdue-reviews tbody tr")
    ]
    assert rows == [["Maternity services", "Service", "1 Jan 2025", "18 May 2026", "30"]]
    # and an administrator sees both, most overdue first
    client.force_login(get_user_model().objects.get(username="admin"))
    soup = BeautifulSoup(client.get("/admin/reviews/overdue/").content, "html.parser")
    titles = [row.th.get_text(strip=True) for row in soup.select("#overdue-reviews tbody tr")]
    assert titles == ["Hospital pharmacy", "Maternity services"]


def test_the_list_is_in_the_reports_menu_for_editors(client, demo_site):
    client.force_login(get_user_model().objects.get(username="editor"))
    assert "/admin/reviews/overdue/" in client.get("/admin/").content.decode()
    client.force_login(get_user_model().objects.get(username="researcher"))
    assert "/admin/reviews/overdue/" not in client.get("/admin/").content.decode()
