"""Rising and falling themes: by share of responses, only against a big enough earlier period."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from feedback.factories import FeedbackServiceFactory
from feedback.models import Theme
from involvement.boards import BoardFilters, build_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(site_tree):
    return FeedbackServiceFactory()


@pytest.fixture
def themes(db):
    # Names and slugs of their own: the taxonomy's migration already holds "Staff", "Parking"...
    return [
        Theme.objects.create(name=f"Trend test {n}", slug=f"trend-test-{n.lower()}")
        for n in ("Parking", "Staff", "Food")
    ]


def last_30_days() -> BoardFilters:
    today = timezone.localdate()
    return BoardFilters(start=today - timedelta(days=29), end=today)


def test_no_trend_is_claimed_against_fewer_than_ten_earlier_responses(
    service, themes, make_feedback
):
    # given 9 responses in the previous 30 days, none about parking, and 12 about it now
    parking = themes[0]
    make_feedback(service, 9, days_ago=40)
    make_feedback(service, 12, days_ago=3, themes=[parking])
    # when
    board = build_board(service=service, filters=last_30_days())
    # then: nothing "rises from 0"
    assert board.previous_responses == 9
    assert board.rising_themes == [] and board.falling_themes == []


def test_rising_and_falling_compare_shares_not_counts(service, themes, make_feedback):
    # given: earlier 20 responses, parking 2 (10%), staff 10 (50%);
    # now 40 responses, parking 12 (30%), staff 12 (30%): staff has more mentions but less share
    parking, staff, _food = themes
    make_feedback(service, 2, days_ago=40, themes=[parking])
    make_feedback(service, 10, days_ago=40, themes=[staff])
    make_feedback(service, 8, days_ago=40)
    make_feedback(service, 12, days_ago=3, themes=[parking])
    make_feedback(service, 12, days_ago=3, themes=[staff])
    make_feedback(service, 16, days_ago=3)
    # when
    board = build_board(service=service, filters=last_30_days())
    # then
    assert [(line.theme, line.previous_share, line.share) for line in board.rising_themes] == [
        (parking, 10.0, 30.0)
    ]
    assert [(line.theme, line.previous_share, line.share) for line in board.falling_themes] == [
        (staff, 50.0, 30.0)
    ]
    assert board.falling_themes[0].count > board.falling_themes[0].previous


def test_a_comment_is_quoted_under_one_theme_only(service, themes, make_feedback):
    # given 10 responses carrying both themes, with the same words
    parking, staff, _food = themes
    make_feedback(service, 10, days_ago=3, themes=[parking, staff], text="Lovely staff, no parking")
    # when
    board = build_board(service=service, filters=last_30_days())
    # then the words appear once across the board
    quoted = [c for line in board.top_themes for c in line.comments]
    assert quoted == ["Lovely staff, no parking"]


def test_the_board_page_says_why_there_is_no_trend(client, demo_site, make_feedback, theme):
    from django.contrib.auth import get_user_model

    from website.models import ServicePage

    maternity = ServicePage.objects.get(slug="maternity")
    make_feedback(maternity, 1, themes=[theme])
    client.force_login(get_user_model().objects.get(username="service-lead"))
    page = client.get(f"/admin/involvement/services/{maternity.pk}/board/").content.decode()
    assert "too few to say which themes are rising or falling" in page
    # The count is a link to the responses behind it: compare the words, not the markup.
    words = BeautifulSoup(page, "html.parser").get_text()
    assert "1 response (" in words and "1 responses" not in words
