"""The board's table of positive and negative mentions per theme, and staff agreement."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.utils import timezone

from feedback.factories import FeedbackFactory, FeedbackServiceFactory
from feedback.models import Theme
from feedback.moderation import retag_feedback
from feedback.processing import process_feedback
from involvement.boards import default_filters
from involvement.theme_signs import theme_signs
from website.models import ServicePage

pytestmark = pytest.mark.django_db


def processed(service, text):
    row = FeedbackFactory(service=service, given_on=timezone.localdate(), text=text)
    process_feedback(feedback_id=row.pk)
    return row


def test_signs_and_agreement_per_theme(site_tree, travel):
    # given three responses in a new service, staff reviewing one of them
    service = FeedbackServiceFactory(title="Eye clinic", slug="eye-clinic")
    processed(service, "The nurses were lovely.")
    processed(service, "The receptionist was rude and the parking was awful.")
    reviewed = processed(service, "Friendly staff.")
    staff = Theme.objects.get(slug="staff-manner")
    retag_feedback(feedback=reviewed, theme_ids=[staff.pk])
    # when
    signs = theme_signs(service_id=service.pk, filters=default_filters())
    # then
    by_slug = {line.theme.slug: line for line in signs.lines}
    staff_line = by_slug["staff-manner"]
    assert (staff_line.responses, staff_line.positive, staff_line.negative) == (3, 2, 1)
    assert (by_slug["parking"].negative, by_slug["parking"].neutral) == (1, 0)
    assert (signs.agreement.responses, signs.agreement.unchanged) == (1, 1)
    [line] = signs.agreement_lines
    assert (line.theme, line.agreement.kept) == (staff, 1)
    assert not line.shown  # one review is fewer than MIN_REVIEWED_PER_THEME


def test_the_board_shows_the_signs_table_and_says_when_nobody_reviewed(client, demo_site, travel):
    # given two processed responses in the demo's maternity service
    maternity = ServicePage.objects.filter(slug="maternity").order_by("pk").first()
    processed(maternity, "The parking was awful.")
    processed(maternity, "Parking was easy and free.")
    client.force_login(get_user_model().objects.get(username="service-lead"))
    # when
    response = client.get(f"/admin/involvement/services/{maternity.pk}/board/")
    # then
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find(id="theme-signs-heading").parent
    headers = [th.text for th in section.select("table thead th")]
    assert headers == ["Theme", "Responses", "Positive", "Negative", "Neither"]
    rows = [[cell.text for cell in row.select("th, td")] for row in section.select("tbody tr")]
    assert ["Parking", "2", "1", "1", "0"] in rows
    assert "have not reviewed the themes of any response" in section.text
