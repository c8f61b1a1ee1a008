"""The language of each response (issue 16 item 3): recorded from the form's address, counted on
the service's board, themes matched in Welsh too, and mixed-language text stored as given."""

import uuid
from datetime import date

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.utils import translation

from feedback.choices import FftAnswer, Language
from feedback.intake import submit_feedback
from feedback.languages import language_counts
from feedback.models import Feedback, Theme
from feedback.processing import process_feedback
from feedback.taxonomy_cy import WELSH_KEYWORDS
from feedback.themes import match_themes
from website.models import ServicePage

pytestmark = pytest.mark.django_db


def maternity() -> ServicePage:
    return ServicePage.objects.get(slug="maternity", locale__language_code="en-gb")


def test_a_response_on_the_welsh_form_is_recorded_as_welsh(client, demo_site):
    # when
    client.post("/cy/feedback/maternity/", {"fft_answer": "good", "text": "Staff caredig iawn"})
    client.post("/feedback/maternity/", {"fft_answer": "poor", "text": "Long wait"})
    # then: both belong to the one service, each with its language
    rows = dict(Feedback.objects.values_list("language", "service_id"))
    assert rows == {Language.WELSH: maternity().pk, Language.ENGLISH: maternity().pk}


def test_the_language_defaults_to_the_active_one_and_can_be_given(demo_site):
    service = maternity()
    with translation.override("cy"):
        welsh = submit_feedback(service=service, fft_answer=FftAnswer.GOOD, text="Da",
                                submission_key=uuid.uuid4())  # fmt: skip
    english = submit_feedback(service=service, fft_answer=FftAnswer.GOOD, text="Good",
                              submission_key=uuid.uuid4())  # fmt: skip
    given = submit_feedback(service=service, fft_answer=FftAnswer.GOOD, text="Da",
                            submission_key=uuid.uuid4(), language=Language.WELSH)  # fmt: skip
    assert [s.feedback.language for s in (welsh, english, given)] == ["cy", "en-gb", "cy"]


def test_mixed_language_text_is_stored_as_given_and_anonymised(client, demo_site):
    # given: Welsh and English in one comment, with a name and a phone number
    text = ("Roedd y nyrs yn garedig iawn. The wait was long though. "
            "Ffoniwch fi ar 07700 900123, Mrs Jones.")  # fmt: skip
    # when
    client.post("/cy/feedback/maternity/", {"fft_answer": "good", "text": text})
    # then: both languages kept, word for word, personal data replaced
    stored = Feedback.objects.get().text
    assert stored.startswith("Roedd y nyrs yn garedig iawn. The wait was long though. ")
    assert "07700 900123" not in stored and "[PHONE]" in stored
    assert "Jones" not in stored


def test_welsh_keywords_ship_for_every_default_theme(demo_site):
    themes = Theme.objects.filter(slug__in=WELSH_KEYWORDS)
    assert themes.count() == len(WELSH_KEYWORDS)
    assert all(theme.keywords_cy.strip() for theme in themes)


@pytest.mark.parametrize(("text", "slug"), [
    ("Roedd y staff yn garedig iawn", "staff-manner"),
    ("Roedd rhaid aros am oriau", "timeliness"),
    ("Doedd dim lle parcio", "parking"),
    ("Roedd y bwyd yn oer", "food-and-drink"),
    ("Roedd y ward yn fudr", "cleanliness"),
])  # fmt: skip
def test_welsh_comments_find_their_themes(demo_site, text, slug):
    theme = Theme.objects.get(slug=slug)
    assert theme.pk in match_themes(text)


def test_a_welsh_response_is_themed_once_processed(client, demo_site):
    client.post("/cy/feedback/maternity/", {"fft_answer": "poor", "text": "Dim lle parcio o gwbl"})
    feedback = Feedback.objects.get()
    assert process_feedback(feedback_id=feedback.pk)
    assert feedback.themes.filter(slug="parking").exists()


def test_language_counts_count_each_language_in_the_range(demo_site, travel):
    # given
    service = maternity()
    for language, day in [("cy", date(2026, 3, 2)), ("cy", date(2026, 3, 3)),
                          ("en-gb", date(2026, 3, 3)), ("cy", date(2026, 5, 1))]:  # fmt: skip
        submit_feedback(service=service, fft_answer=FftAnswer.GOOD, text="", given_on=day,
                        submission_key=uuid.uuid4(), language=language)  # fmt: skip
    # when
    counts = language_counts(service_ids=[service.pk], start=date(2026, 3, 1),
                             end=date(2026, 3, 31))  # fmt: skip
    # then
    assert counts == {"en-gb": 1, "cy": 2}


def test_the_board_shows_responses_by_language(client, demo_site):
    # given: two Welsh responses and one English
    for _ in range(2):
        client.post("/cy/feedback/maternity/", {"fft_answer": "good", "text": "Da iawn"})
    client.post("/feedback/maternity/", {"fft_answer": "good", "text": "Good"})
    # when the service lead opens the board
    client.force_login(get_user_model().objects.get(username="service-lead"))
    html = BeautifulSoup(
        client.get(f"/admin/involvement/services/{maternity().pk}/board/").content, "html.parser"
    )
    # then
    rows = {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
            for tr in html.select("table.involve-board-languages tbody tr")}  # fmt: skip
    assert rows == {"English": ["1", "33%"], "Welsh": ["2", "67%"]}
