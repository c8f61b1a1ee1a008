"""What leaves the staff side: no hidden or flagged response in a CSV export or the FHIR API, no
flagged one among a board's example comments, and examples only for themes with 10 responses."""

import csv
import io

import pytest

from django.urls import reverse

from feedback.choices import SafeguardingStatus
from feedback.factories import FeedbackServiceFactory
from involvement import exports, fhir
from involvement.boards import MIN_RESPONSES_FOR_COMMENTS, build_board, default_filters
from involvement.tokens import issue_token
from website.factories import UserFactory

pytestmark = pytest.mark.django_db

DISCLOSURE = "Since the birth I feel hopeless and I want to end my life"


@pytest.fixture
def maternity(site_tree):
    """A service of its own (the demo's may come with history)."""
    return FeedbackServiceFactory(title="Maternity services", slug="maternity-only")


@pytest.fixture
def rows(maternity, make_feedback, theme):
    """An ordinary, a hidden and a flagged response, all processed and under one theme."""
    ordinary = make_feedback(maternity, themes=[theme], text="Lovely midwives")[0]
    hidden = make_feedback(maternity, themes=[theme], text="Hidden by a lead", hidden=True)[0]
    flagged = make_feedback(maternity, themes=[theme], text=DISCLOSURE,
                            safeguarding_status=SafeguardingStatus.NEW,
                            safeguarding_reasons=["self_harm"])[0]  # fmt: skip
    return {"ordinary": ordinary, "hidden": hidden, "flagged": flagged}


def test_the_csv_export_leaves_out_hidden_and_flagged_responses(client, maternity, rows, travel):
    # when: an administrator (the widest export there is) downloads it
    client.force_login(UserFactory(username="ada-admin", is_superuser=True))
    response = client.get(reverse("involvement_admin:export_feedback", args=[maternity.pk]))
    # then
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    receipts = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    assert receipts == [rows["ordinary"].receipt]
    assert DISCLOSURE not in text and "Hidden by a lead" not in text


def test_the_export_rows_are_shareable_ones_only(maternity, rows, travel):
    filters = default_filters()

    found = list(exports.feedback_rows(service=maternity, start=filters.start, end=filters.end))

    assert [row[0] for row in found[1:]] == [rows["ordinary"].receipt]


def test_the_fhir_bundle_never_carries_a_hidden_or_flagged_response(client, maternity, rows):
    _row, token = issue_token(name="EPR", services=[maternity])

    response = client.get("/fhir/r4/QuestionnaireResponse", {"service": maternity.pk},
                          HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip

    ids = [entry["resource"]["id"] for entry in response.json()["entry"]]
    assert ids == [rows["ordinary"].receipt]
    assert DISCLOSURE not in response.content.decode()
    bundle = fhir.response_bundle(service=maternity, start=None, end=None, count=10, offset=0)
    assert len(bundle["entry"]) == 1


def test_board_examples_need_ten_responses_and_are_never_flagged(maternity, make_feedback, theme):
    # given: a flagged response, the newest, and fewer than ten responses under the theme
    make_feedback(maternity, MIN_RESPONSES_FOR_COMMENTS - 2, themes=[theme], text="Kind staff")
    make_feedback(maternity, themes=[theme], text=DISCLOSURE, days_ago=0,
                  safeguarding_status=SafeguardingStatus.NEW)  # fmt: skip
    # when / then: nine responses: no examples at all
    board = build_board(service=maternity, filters=default_filters())
    line = next(line for line in board.top_themes if line.theme == theme)
    assert (line.count, line.comments) == (MIN_RESPONSES_FOR_COMMENTS - 1, [])
    # when / then: ten: examples, but never the disclosure
    make_feedback(maternity, themes=[theme], text="Clean ward")
    board = build_board(service=maternity, filters=default_filters())
    line = next(line for line in board.top_themes if line.theme == theme)
    assert line.count == MIN_RESPONSES_FOR_COMMENTS
    assert line.comments and DISCLOSURE not in line.comments
    assert all(line.comments for line in board.rising_themes if line.count >= 10)
