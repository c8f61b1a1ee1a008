"""The board counts the easy read and children's forms by channel, each under its own label."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.urls import reverse

from feedback.models import Feedback
from feedback.processing import process_feedback
from website.models import ServicePage

pytestmark = pytest.mark.django_db

NEW_CHANNELS = {
    "feedback:easy_read": "Easy read form",
    "feedback:young_people": "Children and young people's form (8 to 15)",
    "feedback:under_8s": "Under 8s form (with a parent or carer)",
}


def give(client, url_name, service, answer, times):
    """Fill in an adapted form screen by screen, as a person would, `times` times."""
    path = reverse(url_name, kwargs={"service_slug": service.slug})
    for _ in range(times):
        page = BeautifulSoup(client.get(path).content, "html.parser")
        fields = {"fft_answer": answer}
        while True:
            data = {"state": page.select_one("input[name=state]")["value"],
                    "step": page.select_one("input[name=step]")["value"], **fields}  # fmt: skip
            response = client.post(path, data)
            if response.status_code == 302:
                break
            page = BeautifulSoup(response.content, "html.parser")
            fields = {}


def test_board_breaks_responses_down_by_the_new_channels(client, demo_site, travel):
    # given: responses through each adapted form, processed as the worker would
    maternity = ServicePage.objects.get(slug="maternity")
    give(client, "feedback:easy_read", maternity, "very_good", 3)
    give(client, "feedback:young_people", maternity, "good", 2)
    give(client, "feedback:under_8s", maternity, "poor", 1)
    for pk in Feedback.objects.values_list("pk", flat=True):
        assert process_feedback(feedback_id=pk)

    # when the service lead opens the board
    client.force_login(get_user_model().objects.get(username="service-lead"))
    board = BeautifulSoup(
        client.get(f"/admin/involvement/services/{maternity.pk}/board/").content, "html.parser"
    )

    # then the weekly table has a column per channel used, with its label and its count
    table = board.select_one("#volume-by-week-heading").find_parent("section").select_one("table")
    header = [th.get_text(strip=True) for th in table.select("thead th")]
    totals = dict.fromkeys(NEW_CHANNELS.values(), 0)
    for row in table.select("tbody tr"):
        cells = [td.get_text(strip=True) for td in row.find_all("td")]
        for label in totals:
            totals[label] += int(cells[header.index(label) - 1])
    assert totals == {"Easy read form": 3, "Children and young people's form (8 to 15)": 2,
                      "Under 8s form (with a parent or carer)": 1}  # fmt: skip
    # and the channel filter offers them
    options = [o.get_text(strip=True) for o in board.select("select[name=channel] option")]
    assert set(NEW_CHANNELS.values()) <= set(options)


def test_the_fft_return_counts_the_new_channels(client, demo_site, travel):
    maternity = ServicePage.objects.get(slug="maternity")
    give(client, "feedback:easy_read", maternity, "good", 2)
    give(client, "feedback:under_8s", maternity, "dont_know", 1)
    for pk in Feedback.objects.values_list("pk", flat=True):
        process_feedback(feedback_id=pk)
    client.force_login(get_user_model().objects.get(username="service-lead"))
    response = client.get(f"/admin/involvement/services/{maternity.pk}/fft-return.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, by_channel = rows[0], {r[4]: r for r in rows[1:]}
    assert by_channel["Easy read form"][header.index("Good")] == "2"
    assert by_channel["Under 8s form (with a parent or carer)"][header.index("Don't know")] == "1"
