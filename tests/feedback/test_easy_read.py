"""The easy read feedback form: one question a screen, nothing stored until it is sent."""

import pytest
from bs4 import BeautifulSoup

from django.core import signing
from django.urls import reverse

from feedback.choices import Channel, FftAnswer
from feedback.factories import FeedbackServiceFactory
from feedback.inclusive_forms import EASY_READ, read_state, sign_state
from feedback.models import Feedback

pytestmark = pytest.mark.django_db

FFT_LABELS = ["Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know"]


def easy_read_path(service):
    return reverse("feedback:easy_read", kwargs={"service_slug": service.slug})


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def post_screen(client, service, page, **fields):
    """POST the screen shown in `page` with these fields, carrying its state as a browser would."""
    data = {"state": page.select_one("input[name=state]")["value"],
            "step": page.select_one("input[name=step]")["value"], **fields}  # fmt: skip
    return client.post(easy_read_path(service), data)


def walk_to_check(client, service, *, answer="good", text="", helped=""):
    page = soup(client.get(easy_read_path(service)))
    page = soup(post_screen(client, service, page, fft_answer=answer))
    page = soup(post_screen(client, service, page, text=text))
    return soup(post_screen(client, service, page, helped=helped))


def test_first_screen_asks_the_fft_question_with_a_face_for_each_answer(client, service):
    # when
    response = client.get(easy_read_path(service))
    page = soup(response)

    # then
    assert response.status_code == 200
    assert (
        page.select_one("legend h1").get_text(strip=True) == "How was Maternity services for you?"
    )
    labels = page.select(".nhsuk-radios__label")
    assert [label.get_text(strip=True) for label in labels] == FFT_LABELS
    values = [radio["value"] for radio in page.select("input[type=radio]")]
    assert values == FftAnswer.values
    for label in labels:
        face = label.select_one("svg.involve-face")
        # The face is decoration: hidden from screen readers, the text names the radio.
        assert face["aria-hidden"] == "true"
        assert face["focusable"] == "false"
    # Each face differs by its drawing, not only its colour.
    drawings = {"".join(p["d"] for p in label.select("path")) for label in labels}
    assert len(drawings) == 6
    assert "Page 1 of 4" in page.get_text()
    assert page.select_one("input[name=website]") is None
    assert "no-cache" in response["Cache-Control"]


def test_each_screen_asks_one_question_and_nothing_is_stored_before_send(client, service):
    # given
    page = soup(client.get(easy_read_path(service)))

    # when / then: the answer, then tell us more with its reminder, then who helped
    page = soup(post_screen(client, service, page, fft_answer="very_good"))
    assert page.select_one("h1 label[for=id_text]").get_text(strip=True) == "Tell us more"
    assert "Please do not write anyone's name." in page.select_one(".involve-names-reminder").text
    assert len(page.select("textarea")) == 1 and not page.select("input[type=radio]")
    page = soup(post_screen(client, service, page, text="The nurse Jane Smith was lovely"))
    assert page.select_one("legend h1").get_text(strip=True) == "Did someone help you fill this in?"
    assert [r["value"] for r in page.select("input[type=radio]")] == ["yes", "no"]
    page = soup(post_screen(client, service, page, helped="yes"))
    assert page.select_one("h1").get_text(strip=True) == "Check your answers"
    values = [v.get_text(" ", strip=True) for v in page.select(".nhsuk-summary-list__value")]
    assert values == ["Very good", "The nurse Jane Smith was lovely", "Yes, someone helped me"]
    assert Feedback.objects.count() == 0


def test_send_stores_anonymised_easy_read_feedback_and_queues_it(
    client, service, django_capture_on_commit_callbacks
):
    # given
    page = walk_to_check(client, service, answer="poor", text="Ask for Jane Smith on 07700 900123",
                         helped="no")  # fmt: skip

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post_screen(client, service, page)

    # then
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "feedback:thank_you", kwargs={"service_slug": service.slug, "receipt": feedback.receipt}
    )
    assert feedback.channel == Channel.EASY_READ
    assert feedback.fft_answer == FftAnswer.POOR
    assert feedback.assisted is False
    assert "07700" not in feedback.text and "[PHONE]" in feedback.text
    assert feedback.lifecycle_stage == service.lifecycle_stage
    assert len(callbacks) == 1


def test_sending_twice_stores_one_response(client, service):
    page = walk_to_check(client, service, helped="yes")
    first = post_screen(client, service, page)
    second = post_screen(client, service, page)
    assert Feedback.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert Feedback.objects.get().assisted is True


def test_helped_may_be_left_out(client, service):
    page = walk_to_check(client, service, helped="")
    assert "Not said" in page.select(".nhsuk-summary-list__value")[2].get_text()
    post_screen(client, service, page)
    assert Feedback.objects.get().assisted is None


@pytest.mark.parametrize("posted", ["", "excellent", "<b>good</b>", "GOOD"])
def test_an_answer_not_offered_shows_the_error_with_the_pictures_again(client, service, posted):
    # given
    page = soup(client.get(easy_read_path(service)))

    # when
    response = post_screen(client, service, page, fft_answer=posted)
    page = soup(response)

    # then
    assert response.status_code == 200
    assert page.title.get_text().startswith("Error:")
    summary = page.select_one(".nhsuk-error-summary")
    link = summary.select_one("a")
    assert link["href"] == "#id_fft_answer_0"
    assert page.select_one("#id_fft_answer_0")["type"] == "radio"
    assert "Choose" in link.get_text()
    assert page.select_one("#id_fft_answer_error").get_text(strip=True).startswith("Error:")
    assert len(page.select(".nhsuk-radios__label svg.involve-face")) == 6
    assert "id_fft_answer_error" in page.select_one("fieldset")["aria-describedby"]
    assert Feedback.objects.count() == 0


def test_text_too_long_or_with_nul_is_refused_on_its_own_screen(client, service):
    page = soup(client.get(easy_read_path(service)))
    page = soup(post_screen(client, service, page, fft_answer="good"))
    for text in ["x" * 5001, "bad\x00byte"]:
        again = soup(post_screen(client, service, page, text=text))
        assert again.select_one(".nhsuk-error-summary a")["href"] == "#id_text"
        assert again.select_one("textarea")["aria-invalid"] == "true"
    assert Feedback.objects.count() == 0


def test_back_keeps_the_answers_so_far(client, service):
    page = soup(client.get(easy_read_path(service)))
    page = soup(post_screen(client, service, page, fft_answer="neither"))
    page = soup(post_screen(client, service, page, text="Long wait", goto="back"))
    assert page.select_one("#id_fft_answer_2").has_attr("checked")
    page = soup(post_screen(client, service, page, fft_answer="neither"))
    assert page.select_one("textarea").get_text() == "Long wait"


def test_change_from_the_check_screen_returns_to_it(client, service):
    page = walk_to_check(client, service, answer="good", text="Fine")
    change = [b["value"] for b in page.select("button[name=goto]") if b["value"] != "back"]
    assert change == ["answer", "more", "helped"]
    page = soup(post_screen(client, service, page, goto="answer"))
    page = soup(post_screen(client, service, page, fft_answer="very_poor"))
    assert page.select_one("h1").get_text(strip=True) == "Check your answers"
    post_screen(client, service, page)
    assert Feedback.objects.get().fft_answer == FftAnswer.VERY_POOR


@pytest.mark.parametrize("state", ["", "garbage", "e30:1aaaaa:bbbb"])
def test_a_state_altered_or_missing_starts_again_and_stores_nothing(client, service, state):
    response = client.post(easy_read_path(service), {"state": state, "step": "check"})
    page = soup(response)
    assert response.status_code == 200
    assert "We had to start again" in page.get_text()
    assert page.select_one("input[name=step]")["value"] == "answer"
    assert Feedback.objects.count() == 0


@pytest.fixture
def other_service(site_tree):
    return FeedbackServiceFactory(title="Urgent care", slug="urgent-care")


def test_a_state_made_for_another_service_is_refused(service, other_service):
    token = sign_state({"key": "x", "fft_answer": "good"}, version=EASY_READ,
                       service_id=other_service.pk)  # fmt: skip
    assert read_state(token, version=EASY_READ, service_id=service.pk) is None
    assert read_state(token, version=EASY_READ, service_id=other_service.pk)["fft_answer"] == "good"


def test_a_check_screen_with_no_answer_goes_back_to_the_question(client, service):
    token = sign_state({"key": "k"}, version=EASY_READ, service_id=service.pk)
    page = soup(client.post(easy_read_path(service), {"state": token, "step": "check"}))
    assert page.select_one("input[name=step]")["value"] == "answer"
    assert Feedback.objects.count() == 0


def test_state_is_signed_not_stored(client, service):
    page = soup(client.get(easy_read_path(service)))
    token = page.select_one("input[name=state]")["value"]
    with pytest.raises(signing.BadSignature):
        signing.loads(token)
    assert not client.session.keys()


def test_unknown_service_is_404(client, site_tree):
    assert client.get("/feedback/no-such-service/easy-read/").status_code == 404


def test_the_honeypot_keeps_nothing(client, service):
    page = walk_to_check(client, service)
    response = post_screen(client, service, page, website="http://spam.example")
    assert response.status_code == 302
    assert Feedback.objects.count() == 0


def test_text_disclosing_a_risk_shows_urgent_help_on_the_thank_you_page(client, service):
    # given
    page = walk_to_check(client, service, answer="very_poor", text="I want to end my life")

    # when
    response = post_screen(client, service, page)
    thanks = soup(client.get(response["Location"]))

    # then: the same signposting as the web form, once
    assert thanks.select_one(".nhsuk-card--care--urgent")
    assert "116 123" in thanks.get_text()
    again = soup(client.get(response["Location"]))
    assert not again.select_one(".nhsuk-card--care--urgent")


def test_a_helped_answer_not_offered_is_an_error_and_nothing_is_stored(client, service):
    page = soup(client.get(easy_read_path(service)))
    page = soup(post_screen(client, service, page, fft_answer="good"))
    page = soup(post_screen(client, service, page, text=""))
    again = soup(post_screen(client, service, page, helped="maybe"))
    assert again.select_one(".nhsuk-error-summary a")["href"] == "#id_helped_0"
    assert "Choose yes or no" in again.select_one("#id_helped_error").get_text()
    assert Feedback.objects.count() == 0
