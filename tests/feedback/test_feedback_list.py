"""The staff feedback list: what each row shows, its filters, text search on either database,
bad searches, roles and paging."""

from datetime import timedelta
from urllib.parse import parse_qsl

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from feedback.admin_views import PAGE_SIZE
from feedback.choices import Channel, FftAnswer, SafeguardingStatus, Sentiment, Status
from feedback.factories import FeedbackFactory, FeedbackServiceFactory
from feedback.models import Feedback, FeedbackTheme, Theme
from feedback.search import search_feedback
from tests.feedback.test_admin_views import staff
from website.choices import LifecycleStage, ServiceRoleName
from website.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(service):
    return staff(service, ServiceRoleName.SERVICE_LEAD, "lee-lead")


@pytest.fixture
def safeguarding_lead(service):
    return staff(service, ServiceRoleName.SAFEGUARDING_LEAD, "sam-safeguarding")


def row(service, **fields):
    """A processed response, today unless told otherwise."""
    return FeedbackFactory(service=service, status=Status.PROCESSED, **fields)


def get_list(client, service, query=None):
    response = client.get(reverse("feedback_review:list", args=[service.pk]), query or {})
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def receipts(soup) -> list[str]:
    return [tr.find("td").get_text(strip=True).removesuffix("(hidden)")
            for tr in soup.select("table.feedback-list tbody tr") if tr.find("a")]  # fmt: skip


def count_line(soup) -> str:
    return soup.select_one(".feedback-list-count").get_text(" ", strip=True)


def test_each_row_shows_what_was_said_and_how(client, lead, service, travel):
    # given a processed response with a theme
    theme = Theme.objects.create(name="Car parking (test)", slug="car-parking-test")
    feedback = row(service, text="No parking spaces near the ward", fft_answer=FftAnswer.POOR,
                   channel=Channel.PAPER, sentiment=Sentiment.NEGATIVE,
                   lifecycle_stage=LifecycleStage.DESIGN)  # fmt: skip
    feedback.themes.set([theme])
    client.force_login(lead)
    # when
    _response, soup = get_list(client, service)
    # then its row holds each of these, under the headings that say what they are
    headings = [th.get_text(strip=True) for th in soup.select("table.feedback-list thead th")]
    tds = soup.select("table.feedback-list tbody tr td")
    cells = dict(zip(headings, [td.get_text(strip=True) for td in tds], strict=True))
    assert cells["Receipt"] == feedback.receipt
    assert cells["What they said (anonymised)"] == "No parking spaces near the ward"
    assert cells["Answer"] == "Poor"
    assert cells["Themes"] == "Car parking (test)"
    assert cells["Sentiment"] == "Negative"
    assert cells["Channel"] == "Paper card"
    assert cells["Stage"] == "Designing and building"
    assert cells["Given on"] == f"{timezone.localdate():%-d %b %Y}"
    assert count_line(soup) == "1 response."


def test_long_text_is_cut_and_read_whole_on_its_page(client, lead, service):
    long_text = "The midwife stayed with us all night. " * 20  # 760 characters
    feedback = row(service, text=long_text.strip())
    client.force_login(lead)

    _response, soup = get_list(client, service)

    cell = soup.select_one("td.feedback-text")
    link = cell.find("a")
    assert len(cell.get_text(strip=True).removesuffix(link.get_text(strip=True))) < 300
    assert link["href"] == reverse("feedback_review:detail", args=[feedback.pk])
    assert long_text.strip() in client.get(link["href"]).content.decode()


def test_text_is_escaped(client, lead, service):
    row(service, text="<script>alert(1)</script> rude")
    client.force_login(lead)
    response, _soup = get_list(client, service)
    assert "<script>alert(1)" not in response.content.decode()
    assert "&lt;script&gt;alert(1)" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"positive-web", "negative-paper-hidden", "neutral-design-old", "flagged"}),
        ({"sentiment": Sentiment.NEGATIVE}, {"negative-paper-hidden", "flagged"}),
        ({"stage": LifecycleStage.DESIGN}, {"neutral-design-old"}),
        ({"hidden": "yes"}, {"negative-paper-hidden"}),
        ({"hidden": "no"}, {"positive-web", "neutral-design-old", "flagged"}),
        ({"flagged": "yes"}, {"flagged"}),
        (
            {"answer": [FftAnswer.VERY_GOOD, FftAnswer.POOR]},
            {"positive-web", "negative-paper-hidden"},
        ),
        ({"channel": Channel.PAPER}, {"negative-paper-hidden"}),
        ({"theme": "THEME"}, {"positive-web", "negative-paper-hidden", "neutral-design-old"}),
        ({"date_from": "DAYS_AGO_20", "date_to": "DAYS_AGO_5"}, {"neutral-design-old"}),
        ({"date_to": "DAYS_AGO_1", "sentiment": Sentiment.POSITIVE}, set()),
        ({"status": Status.RECEIVED}, set()),
        ({"theme": "THEME", "mention": "positive"}, {"positive-web"}),
        ({"theme": "THEME", "mention": "negative"}, {"negative-paper-hidden"}),
        ({"theme": "THEME", "mention": "neither"}, {"neutral-design-old"}),
        ({"mention": "negative"}, {"negative-paper-hidden", "flagged"}),
    ],
)
def test_filters(client, safeguarding_lead, service, query, expected, travel):
    # given
    today = timezone.localdate()
    theme = Theme.objects.create(name="Kindness (test)", slug="kindness-test")
    rows = {
        "positive-web": row(service, fft_answer=FftAnswer.VERY_GOOD, sentiment=Sentiment.POSITIVE),
        "negative-paper-hidden": row(service, fft_answer=FftAnswer.POOR, channel=Channel.PAPER,
                                     sentiment=Sentiment.NEGATIVE, hidden=True),
        "neutral-design-old": row(service, fft_answer=FftAnswer.NEITHER,
                                  sentiment=Sentiment.NEUTRAL, given_on=today - timedelta(days=9),
                                  lifecycle_stage=LifecycleStage.DESIGN),
        "flagged": row(service, fft_answer=FftAnswer.VERY_POOR, sentiment=Sentiment.NEGATIVE,
                       safeguarding_status=SafeguardingStatus.NEW),
    }  # fmt: skip
    rows["positive-web"].themes.set([theme])
    # a theme spoken of each way, or neither (a tag staff added has no sign)
    for name, polarity in (("negative-paper-hidden", "negative"), ("neutral-design-old", "")):
        FeedbackTheme.objects.create(feedback=rows[name], theme=theme, polarity=polarity)
    FeedbackTheme.objects.filter(feedback=rows["positive-web"]).update(polarity="positive")
    other = Theme.objects.create(name="Food (test)", slug="food-test")
    FeedbackTheme.objects.create(feedback=rows["flagged"], theme=other, polarity="negative")
    query = {k: theme.pk if v == "THEME" else
             (today - timedelta(days=int(v.rsplit("_", 1)[1]))).isoformat()
             if isinstance(v, str) and v.startswith("DAYS_AGO") else v
             for k, v in query.items()}  # fmt: skip
    client.force_login(safeguarding_lead)  # the one role that sees flagged rows too
    # when
    _response, soup = get_list(client, service, query)
    # then
    assert set(receipts(soup)) == {rows[name].receipt for name in expected}
    assert count_line(soup).startswith(f"{len(expected)} response")


SAID = {
    "parking": "Parking was impossible, I drove round the car park for an hour",
    "parked": "We parked in the wrong place and nobody told us",
    "ward": "The ward was spotless and quiet",
    "costly": "Parking costs too much for parents visiting every day",
}


@pytest.fixture
def said(service):
    return {name: row(service, text=text) for name, text in SAID.items()}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plain contains search")
@pytest.mark.parametrize(
    ("q", "expected"),
    [("PARKING", {"parking", "costly"}), ("car park", {"parking"}), ("ward", {"ward"}),
     ("  spotless  ", {"ward"}), ("helicopter", set())],
)  # fmt: skip
def test_search_on_sqlite_finds_the_words_in_any_case(client, lead, service, said, q, expected):
    client.force_login(lead)
    _response, soup = get_list(client, service, {"q": q})
    assert set(receipts(soup)) == {said[name].receipt for name in expected}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search")
@pytest.mark.parametrize(
    ("q", "expected"),
    [("parking", ["parking", "parked", "costly"]), ("park -costs", ["parking", "parked"]),
     ('"car park"', ["parking"]), ("ward OR helicopter", ["ward"]), ("the", [])],
)  # fmt: skip
def test_search_on_postgresql_stems_and_ranks(client, lead, service, said, q, expected):
    client.force_login(lead)
    _response, soup = get_list(client, service, {"q": q})
    found = receipts(soup)
    assert set(found) == {said[name].receipt for name in expected}
    if q == "parking":  # the one that says it twice comes first
        assert found[0] == said["parking"].receipt


def test_search_and_filters_together(client, lead, service, said):
    said["costly"].channel = Channel.PAPER
    said["costly"].save()
    client.force_login(lead)
    _response, soup = get_list(client, service, {"q": "parking", "channel": Channel.PAPER})
    assert receipts(soup) == [said["costly"].receipt]
    assert count_line(soup) == "1 response matches your search."


@pytest.mark.parametrize(
    ("q", "error"),
    [
        ("x" * 10_000, "Search for 200 characters or fewer"),
        ("!!! ??? ...", "Enter a word or a number to search for."),
    ],
)
def test_a_bad_search_says_why_and_keeps_the_other_filters(client, lead, service, said, q, error):
    said["costly"].channel = Channel.PAPER
    said["costly"].save()
    client.force_login(lead)

    response, soup = get_list(client, service, {"q": q, "channel": Channel.PAPER})

    summary = soup.select_one("[role=alert]")
    assert error in summary.get_text()
    assert summary.find("a")["href"] == "#id_q"
    assert receipts(soup) == [said["costly"].receipt]  # the channel filter still applies
    assert len(response.content) < 60_000  # the query is not echoed back ten thousand times over


def test_an_empty_search_is_no_search(client, lead, service, said):
    client.force_login(lead)
    _response, soup = get_list(client, service, {"q": "   "})
    assert soup.select_one("[role=alert]") is None
    assert len(receipts(soup)) == len(SAID)


def test_nobody_without_the_role_reads_the_list(client, service):
    other = FeedbackServiceFactory(title="Urgent care", slug="urgent-care")
    row(service, text="Kind midwives")
    people = [
        staff(service, ServiceRoleName.EDITOR, "eddie-editor"),
        staff(service, ServiceRoleName.RESEARCHER, "rae-researcher"),
        staff(other, ServiceRoleName.SERVICE_LEAD, "other-lead"),
    ]
    for person in people:
        client.force_login(person)
        response = client.get(reverse("feedback_review:list", args=[service.pk]), {"q": "kind"})
        assert response.status_code == 404
        assert b"Kind midwives" not in response.content


def test_flagged_rows_are_counted_for_a_service_lead_but_never_shown(client, lead, service):
    # given one ordinary and one flagged response about the same thing
    row(service, text="The wait was long")
    flagged = row(service, text="He hit me while I waited",
                  safeguarding_status=SafeguardingStatus.NEW)  # fmt: skip
    client.force_login(lead)
    # when the service lead lists them, and searches them
    _response, listing = get_list(client, service)
    _response, searched = get_list(client, service, {"q": "hit"})
    # then the list counts the flagged one without showing it, and a search says nothing of it
    assert count_line(listing) == (
        "2 responses. 1 of them is flagged for safeguarding and shown only to the service's "
        "safeguarding leads."
    )
    assert flagged.receipt not in str(listing)
    assert count_line(searched) == "0 responses match your search."
    assert "He hit me" not in str(searched)


def test_reading_the_list_is_audited_without_the_search(client, lead, service, said):
    client.force_login(lead)
    get_list(client, service, {"q": "parking"})
    event = AuditEvent.objects.get(action="feedback.list_viewed")
    assert (event.user, event.service_id) == (lead, service.pk)
    assert "parking" not in event.detail


def test_paging_keeps_the_filters(client, lead, service):
    for _ in range(PAGE_SIZE + 5):
        row(service, channel=Channel.WEB)
    row(service, channel=Channel.PAPER)
    client.force_login(lead)

    _response, first = get_list(client, service, {"channel": Channel.WEB})
    following = first.select_one("nav[aria-label=Pages] a")["href"]
    _response, second = get_list(client, service, dict(parse_qsl(following.lstrip("?"))))

    assert "channel=web" in following
    assert count_line(first) == f"{PAGE_SIZE + 5} responses."
    assert len(receipts(second)) == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_postgresql_searches_through_the_gin_index(service, said):
    # given: PostgreSQL would rather read a table this small from end to end
    with connection.cursor() as cursor:
        # No Django call sets a planner option; for this test's transaction only, so any usable
        # index shows in the plan.
        cursor.execute("SET LOCAL enable_seqscan = off")
    # when
    plan = search_feedback(Feedback.objects.all(), query="parking").explain()
    # then the search's expression is the one the migration indexed
    assert "feedback_text_search_idx" in plan
