"""Board drill-downs: every linked figure on the insight board opens the feedback list showing
exactly that many responses, whatever the board's period, channel and stage."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.utils import timezone

from feedback.choices import Channel, FftAnswer, SafeguardingStatus, Sentiment, Status
from feedback.factories import FeedbackFactory
from feedback.models import FeedbackTheme, Theme
from feedback.rollups import rebuild_rollups
from involvement.boards import BoardFilters
from involvement.drilldown import list_url
from tests.involvement.conftest import processed
from website.choices import LifecycleStage
from website.figures import percent_text
from website.models import ServicePage

pytestmark = pytest.mark.django_db

LIST_PREFIX = "/admin/feedback-review/services/"
PASSING = "Lovely midwives, calm and kind"


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


@pytest.fixture
def maternity(demo_site, travel):
    """A year of varied feedback in maternity, and some elsewhere that must never be counted."""
    service = ServicePage.objects.get(slug="maternity")
    kind = Theme.objects.create(name="Kindness (test)", slug="kindness-test")
    waits = Theme.objects.create(name="Waiting (test)", slug="waiting-test")
    P, N = Sentiment.POSITIVE, Sentiment.NEGATIVE
    table = [  # (how many, days ago, answer, channel, stage, sentiment, themes, extra fields)
        (12, 3, FftAnswer.VERY_GOOD, Channel.WEB, LifecycleStage.DELIVERY, P, [kind], {}),
        (5, 40, FftAnswer.POOR, Channel.PAPER, LifecycleStage.DELIVERY, N, [waits], {}),
        (3, 70, FftAnswer.NEITHER, Channel.PHONE, LifecycleStage.DESIGN, Sentiment.NEUTRAL,
         [waits, kind], {}),
        (2, 10, FftAnswer.GOOD, Channel.WEB, LifecycleStage.DELIVERY, P, [kind], {"hidden": True}),
        (2, 5, FftAnswer.VERY_POOR, Channel.WEB, LifecycleStage.DELIVERY, N, [waits],
         {"safeguarding_status": SafeguardingStatus.NEW, "text": "He hit me"}),
        (11, 45, FftAnswer.GOOD, Channel.IN_PERSON, LifecycleStage.DELIVERY, P, [kind], {}),
        (4, 200, FftAnswer.DONT_KNOW, Channel.OTHER, LifecycleStage.POLICY, "", [], {}),
        (2, 500, FftAnswer.VERY_GOOD, Channel.WEB, LifecycleStage.DELIVERY, P, [kind], {}),
    ]  # fmt: skip
    for n, days_ago, answer, channel, stage, sentiment, themes, extra in table:
        fields = {"text": PASSING if answer == FftAnswer.VERY_GOOD else "Waited a long time"}
        for _ in range(n):
            said = processed(service, days_ago=days_ago, themes=themes, fft_answer=answer,
                             channel=channel, lifecycle_stage=stage, sentiment=sentiment,
                             **(fields | extra))  # fmt: skip
            # each theme spoken of the way the whole response was (neutral ones left unknown)
            FeedbackTheme.objects.filter(feedback=said).exclude(
                feedback__sentiment=Sentiment.NEUTRAL).update(polarity=sentiment)  # fmt: skip
    # never counted: not yet processed, or another service's
    FeedbackFactory.create_batch(3, service=service, status=Status.RECEIVED)
    pharmacy = ServicePage.objects.get(slug="pharmacy")
    for _ in range(3):
        processed(pharmacy, themes=[kind], text=PASSING)
    rebuild_rollups()
    return service


def board_links(client, service, query) -> list[tuple[str, str]]:
    """(figure as shown, address) for every link from the board to the feedback list."""
    response = client.get(f"/admin/involvement/services/{service.pk}/board/", query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [(a.get_text(" ", strip=True), a["href"]) for a in soup.select(".involve-board a")
            if a["href"].startswith(LIST_PREFIX)]  # fmt: skip


def listed(client, href) -> int:
    """The "N responses" the list says for this address."""
    response = client.get(href)
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").select_one(".feedback-list-count").text
    return int(re.match(r"\s*(\d+) response", text).group(1))


def figure(text: str) -> int:
    return int(re.match(r"(\d+)", text).group(1))


@pytest.mark.parametrize("username", ["admin", "service-lead"])
@pytest.mark.parametrize(
    "query",
    [
        {},  # the last 12 months
        {"start": "DAYS_AGO_35", "end": "DAYS_AGO_0"},  # odd days of two months and their weeks
        {"start": "DAYS_AGO_75", "end": "DAYS_AGO_4", "channel": Channel.WEB},
        {"stage": LifecycleStage.DESIGN},
        {"start": "DAYS_AGO_365", "end": "DAYS_AGO_30", "stage": LifecycleStage.DELIVERY},
    ],
)
def test_every_linked_board_figure_opens_a_list_of_that_many(client, maternity, username, query):
    # given the board's filters, relative to the fixed day the test runs on
    today = timezone.localdate()
    query = {k: (today - timedelta(days=int(v.rsplit("_", 1)[1]))).isoformat()
             if v.startswith("DAYS_AGO") else v for k, v in query.items()}  # fmt: skip
    login(client, username)
    # when the board is read and each of its links to the list is followed
    links = board_links(client, maternity, query)
    # then every figure agrees with the list, counts and percentages alike
    assert len(links) >= 8
    total = None
    for text, href in links:
        count = listed(client, href)
        if text.endswith("%"):
            assert total, "the responses figure comes first"
            assert percent_text(count, total, places=1) == text, (text, href)
        else:
            assert count == figure(text), (text, href)
            total = total or count


def test_the_service_lead_is_told_of_flagged_responses_the_list_leaves_out(client, maternity):
    login(client, "service-lead")
    links = board_links(client, maternity, {})
    # the headline's safeguarding flags: 2, which the service lead may count but not read
    flagged = [href for _text, href in links if "flagged=yes" in href]
    assert flagged and listed(client, flagged[0]) == 2
    page = client.get(flagged[0]).content.decode()
    assert "He hit me" not in page
    assert "2 of them are flagged for safeguarding" in page


def test_links_cover_each_kind_of_figure(client, maternity):
    login(client, "admin")
    hrefs = [parse_qs(urlsplit(href).query) for _text, href in board_links(client, maternity, {})]
    narrowed_by = {key for params in hrefs for key in params} - {"date_from", "date_to", "status"}
    assert narrowed_by >= {"answer", "sentiment", "stage", "channel", "theme", "flagged",
                           "mention"}  # fmt: skip
    assert all(params["status"] == ["processed"] for params in hrefs)
    # months and weeks of the period, and each channel's share of a week
    periods = {(p["date_from"][0], p["date_to"][0]) for p in hrefs}
    assert len(periods) > 10
    assert any("channel" in p and p["date_from"] != hrefs[0]["date_from"] for p in hrefs)


def test_each_example_comment_links_to_its_response(client, maternity):
    login(client, "service-lead")
    soup = BeautifulSoup(
        client.get(f"/admin/involvement/services/{maternity.pk}/board/").content, "html.parser"
    )
    quoted = soup.select(".involve-board-comments li")
    assert quoted
    for item in quoted:
        said = item.blockquote.get_text(strip=True)
        response = client.get(item.a["href"])
        assert response.status_code == 200
        assert said in response.content.decode()


def test_a_researcher_reads_figures_without_links_to_comments(client, demo_site, make_feedback):
    # the researcher reads physiotherapy's board but not its feedback list
    physio = ServicePage.objects.get(slug="physiotherapy-outpatients")
    make_feedback(physio, 3)
    login(client, "researcher")
    assert board_links(client, physio, {}) == []
    assert client.get(f"{LIST_PREFIX}{physio.pk}/").status_code == 404


def test_public_figures_are_never_links_to_staff_lists(client, maternity):
    # public pages show suppressed figures only, and none leads to the staff side
    for path in ("/performance/", "/performance/maternity/"):
        response = client.get(path)
        assert response.status_code == 200
        assert LIST_PREFIX not in response.content.decode()


def test_list_url_keeps_to_the_boards_period_channel_and_stage(travel):
    today = timezone.localdate()
    filters = BoardFilters(start=today - timedelta(days=9), end=today, channel="web",
                           stage="design")  # fmt: skip
    url = list_url(service_id=7, filters=filters, start=today - timedelta(days=30),
                   answer=["very_good", "good"])  # fmt: skip
    params = parse_qs(urlsplit(url).query)
    assert urlsplit(url).path == f"{LIST_PREFIX}7/"
    assert params == {
        "date_from": [filters.start.isoformat()],  # a month that began earlier is cut to it
        "date_to": [today.isoformat()],
        "status": ["processed"],
        "channel": ["web"],
        "stage": ["design"],
        "answer": ["very_good", "good"],
    }
