import uuid

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from feedback.choices import FftAnswer, QuestionKind, Status
from feedback.factories import FeedbackQuestionFactory
from feedback.forms import FFT_QUESTION
from feedback.models import ContactRequest, Feedback
from feedback.views import SIGNPOST_SESSION_KEY

pytestmark = pytest.mark.django_db

FFT_LABELS = ["Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know"]


def form_path(service):
    return reverse("feedback:form", kwargs={"service_slug": service.slug})


def valid_post(**overrides):
    data = {"fft_answer": "good", "text": "Kind staff", "submission_key": str(uuid.uuid4())}
    data.update(overrides)
    return data


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_service_page_links_to_the_form(client, service):
    response = client.get(service.url)
    link = soup(response).find("a", string=lambda s: s and "Give feedback" in s) or next(
        a for a in soup(response).select("a") if "Give feedback" in a.get_text()
    )
    assert link["href"] == form_path(service)


def test_form_asks_the_fft_question_with_six_answers_in_order(client, service):
    page = soup(client.get(form_path(service)))
    legend = page.find("legend")
    assert legend.get_text(strip=True) == FFT_QUESTION
    labels = [label.get_text(strip=True) for label in page.select(".nhsuk-radios__label")]
    assert labels == FFT_LABELS
    assert page.select_one("label[for=id_text]").get_text(strip=True) == (
        "Tell us why you gave this answer"
    )
    count = page.select_one(".nhsuk-character-count")
    assert count["data-maxlength"] == "5000"
    assert page.select_one("textarea#id_text").get("maxlength") is None
    key = page.select_one("input[name=submission_key]")["value"]
    assert uuid.UUID(key)
    assert page.select_one("input[name=csrfmiddlewaretoken]")


def test_follow_up_label_and_extra_questions_come_from_the_service_form(
    client, service, feedback_form
):
    feedback_form.follow_up_label = "What could we do better?"
    feedback_form.save()
    FeedbackQuestionFactory(
        form=feedback_form, label="Which ward?", kind=QuestionKind.RADIOS, choices="A\nB",
        required=True,
    )  # fmt: skip
    page = soup(client.get(form_path(service)))
    assert page.select_one("label[for=id_text]").get_text(strip=True) == "What could we do better?"
    assert "Which ward?" in page.get_text()


def test_valid_post_stores_one_row_and_redirects_to_the_receipt(client, service):
    response = client.post(form_path(service), valid_post())
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "feedback:thank_you", kwargs={"service_slug": service.slug, "receipt": feedback.receipt}
    )
    thanks = client.get(response["Location"])
    assert feedback.receipt in thanks.content.decode()
    assert "nhsuk-card--care--urgent" not in thanks.content.decode()
    assert feedback.status == Status.RECEIVED and feedback.service == service


HELP_NUMBERS = ('href="tel:999"', 'href="tel:111"', 'href="tel:116123"', "116 123")


def test_every_thank_you_page_shows_111_999_and_samaritans(client, service):
    # given feedback with no risk in it, and a receipt typed in by hand
    response = client.post(form_path(service), valid_post(), follow=True)
    typed = reverse("feedback:thank_you", kwargs={"service_slug": service.slug,
                                                  "receipt": "CCCC-DDDD"})  # fmt: skip
    # then both pages say where to get help, without the urgent panel
    for page in (response.content.decode(), client.get(typed).content.decode()):
        assert all(number in page for number in HELP_NUMBERS)
        assert "nhsuk-card--care--urgent" not in page


def test_disclosure_shows_urgent_signposting_at_once(client, service):
    response = client.post(
        form_path(service), valid_post(text="I want to end my life"), follow=True
    )
    text = response.content.decode()
    assert all(number in text for number in HELP_NUMBERS)
    assert "nhsuk-card--care--urgent" in text


def test_urgent_signposting_leaves_no_trace_in_the_url_or_the_session(client, service):
    # when a disclosure is posted
    response = client.post(form_path(service), valid_post(text="I want to end my life"))
    location = response["Location"]
    feedback = Feedback.objects.get()
    # then the redirect carries the receipt and nothing else
    assert location == reverse("feedback:thank_you", kwargs={
        "service_slug": service.slug, "receipt": feedback.receipt})  # fmt: skip
    assert "?" not in location and "help" not in location
    assert client.session[SIGNPOST_SESSION_KEY] == feedback.receipt
    # the panel is shown once, then the marker, the session row and its cookie are gone
    first = client.get(location)
    assert "nhsuk-card--care--urgent" in first.content.decode()
    assert SIGNPOST_SESSION_KEY not in client.session
    assert first.cookies[settings.SESSION_COOKIE_NAME].value == ""
    assert not Session.objects.exists()
    again = client.get(location)
    assert "nhsuk-card--care--urgent" not in again.content.decode()
    assert all(number in again.content.decode() for number in HELP_NUMBERS)


def test_signed_in_staff_keep_their_session_after_the_panel(client, service):
    from website.factories import UserFactory

    client.force_login(UserFactory())
    response = client.post(form_path(service), valid_post(text="I want to end my life"))
    assert "nhsuk-card--care--urgent" in client.get(response["Location"]).content.decode()
    assert SIGNPOST_SESSION_KEY not in client.session
    assert "_auth_user_id" in client.session


def test_signposting_cannot_be_borrowed_for_another_receipt(client, service):
    # given a disclosure's marker in the session
    client.post(form_path(service), valid_post(text="I want to end my life"))
    other = reverse("feedback:thank_you", kwargs={"service_slug": service.slug,
                                                  "receipt": "CCCC-DDDD"})  # fmt: skip
    # then another receipt's page, or an old ?help= link, shows no panel
    assert "nhsuk-card--care--urgent" not in client.get(other).content.decode()
    assert "nhsuk-card--care--urgent" not in client.get(f"{other}?help=forged").content.decode()


def test_script_is_stored_as_plain_text_and_escaped_when_shown(client, service):
    client.post(form_path(service), valid_post(text='<script>alert("x")</script><b>bold</b>'))
    assert Feedback.objects.get().text == 'alert("x")bold'


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": "x" * 5001}, "text", "5,000 characters or fewer"),
        ({"text": "a\x00b"}, "text", "character we cannot accept"),
        ({"fft_answer": "excellent"}, "fft_answer", "one of the six answers"),
        ({"fft_answer": ""}, "fft_answer", "Select how your experience"),
        ({"contact_me": "on"}, "contact_name", "Enter your name"),
        ({"contact_me": "on", "contact_name": "Jo"}, "contact_email", "email address or a phone"),
        ({"contact_email": "not-an-email"}, "contact_email", "correct format"),
    ],
)
def test_bad_input_rerenders_with_error_summary_and_keeps_input(
    client, service, overrides, field, message
):
    data = valid_post(**overrides)
    response = client.post(form_path(service), data)
    page = soup(response)
    assert response.status_code == 200
    assert Feedback.objects.count() == 0
    summary = page.select_one(".nhsuk-error-summary")
    assert message in summary.get_text()
    assert page.title.get_text().startswith("Error:")
    assert message in page.select_one(f"#id_{field}_error").get_text()
    anchor = summary.select_one("a")["href"].lstrip("#")
    assert page.find(id=anchor) is not None
    # what was typed is still there
    if "text" in overrides and "\x00" not in overrides["text"]:
        assert page.select_one("textarea#id_text").get_text() == overrides["text"]
    assert page.select_one("input[name=submission_key]")["value"] == data["submission_key"]


def test_over_long_text_is_not_truncated_but_refused(client, service):
    response = client.post(form_path(service), valid_post(text="y" * 5001))
    assert soup(response).select_one("textarea#id_text").get_text() == "y" * 5001


def test_crlf_counts_as_one_character(client, service):
    text = "a\r\n" * 2500  # 7,500 bytes sent; 5,000 characters as the person sees them
    response = client.post(form_path(service), valid_post(text=text.rstrip("\r\n") + "b"))
    assert response.status_code == 302


def test_extra_fields_are_ignored_and_service_comes_from_the_url(client, service):
    from feedback.factories import FeedbackServiceFactory

    other = FeedbackServiceFactory()
    client.post(form_path(service), valid_post(status="processed", service=str(other.pk),
                                               channel="paper", hidden="1"))  # fmt: skip
    feedback = Feedback.objects.get()
    assert (feedback.service, feedback.status, feedback.channel, feedback.hidden) == (
        service, Status.RECEIVED, "web", False
    )  # fmt: skip


def test_same_submission_key_twice_gives_one_row_and_the_same_receipt(client, service):
    data = valid_post()
    first = client.post(form_path(service), data)
    second = client.post(form_path(service), data)
    assert Feedback.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_honeypot_gets_the_thank_you_page_and_stores_nothing(client, service):
    response = client.post(form_path(service), valid_post(website="http://spam"), follow=True)
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_get_with_the_form_fields_stores_nothing(client, service):
    response = client.get(form_path(service), valid_post())
    assert response.status_code == 200
    assert Feedback.objects.count() == 0


def test_missing_csrf_token_is_refused_with_the_accessible_page(service):
    client = Client(enforce_csrf_checks=True)
    response = client.post(form_path(service), valid_post())
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_ten_megabyte_body_is_a_clear_400(client, service):
    response = client.post(form_path(service), valid_post(text="z" * (10 * 1024 * 1024)))
    assert response.status_code == 400
    assert "could not read what you sent" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_thousands_of_fields_is_a_clear_400(client, service):
    data = valid_post(**{f"f{i}": "1" for i in range(5000)})
    response = client.post(form_path(service), data)
    assert response.status_code == 400
    assert "could not read what you sent" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_contact_details_go_to_their_own_encrypted_table(client, service):
    client.post(form_path(service), valid_post(
        contact_me="on", contact_name="Jo Bloggs", contact_email="jo@example.com",
        text="Please get in touch",
    ))  # fmt: skip
    feedback = Feedback.objects.get()
    assert "jo@example.com" not in feedback.text and "Jo Bloggs" not in feedback.text
    stored = ContactRequest.objects.get(feedback=feedback)
    assert b"jo@example.com" not in bytes(stored.details)


def test_contact_fields_without_the_box_ticked_are_not_stored(client, service):
    client.post(form_path(service), valid_post(contact_email="jo@example.com"))
    assert ContactRequest.objects.count() == 0


def test_extra_question_answers_are_validated_and_anonymised(client, service, feedback_form):
    radios = FeedbackQuestionFactory(
        form=feedback_form, label="Which ward?", kind=QuestionKind.RADIOS, choices="A\nB",
        required=True,
    )  # fmt: skip
    text_q = FeedbackQuestionFactory(form=feedback_form, kind=QuestionKind.MULTI_LINE)
    refused = client.post(form_path(service), valid_post(**{f"question_{radios.pk}": "C"}))
    assert "Select one of the answers to: Which ward?" in refused.content.decode()
    client.post(form_path(service), valid_post(**{
        f"question_{radios.pk}": "B", f"question_{text_q.pk}": "Call me on 07700 900123",
    }))  # fmt: skip
    answers = Feedback.objects.get().answers
    assert [a["answer"] for a in answers] == ["B", "Call me on [PHONE]"]


def test_unknown_or_draft_service_is_404(client, service):
    assert client.get("/feedback/no-such-service/").status_code == 404
    service.unpublish()
    assert client.get(form_path(service)).status_code == 404


def test_rate_limit_answers_429_with_retry_after(client, service, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(form_path(service), valid_post()).status_code == 302
    response = client.post(form_path(service), valid_post())
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= settings.FEEDBACK_RATE_WINDOW_SECONDS
    assert "Please wait before sending more feedback" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert Feedback.objects.count() == 2


def test_redis_down_still_thanks_and_keeps_the_row(client, service, redis_outage, settings):
    # given a tiny limit, which must fail open while the cache is unreachable
    settings.FEEDBACK_RATE_LIMIT = 1
    for _ in range(3):
        # when
        response = client.post(form_path(service), valid_post(), follow=True)
        # then
        assert response.status_code == 200
        assert "Thank you for your feedback" in response.content.decode()
    assert Feedback.objects.filter(status=Status.RECEIVED).count() == 3


def test_database_down_is_a_friendly_503_and_writes_nothing(client, service):
    from django.db import OperationalError, connection

    def refuse_inserts(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_inserts):
        response = client.post(form_path(service), valid_post())
    assert response.status_code == 503
    assert "Nothing you sent has been stored" in response.content.decode()
    assert response["Retry-After"]
    assert Feedback.objects.count() == 0


def test_failure_after_the_insert_leaves_nothing_half_written(client, service):
    from django.db import OperationalError, connection

    def refuse_contact(execute, sql, params, many, context):
        if "contactrequest" in sql.lower() and sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("disk I/O error")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_contact):
        response = client.post(form_path(service), valid_post(
            contact_me="on", contact_name="Jo", contact_phone="07700 900123"))  # fmt: skip
    assert response.status_code == 503
    assert Feedback.objects.count() == 0 and ContactRequest.objects.count() == 0


def test_processing_is_queued_after_commit(client, service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(form_path(service), valid_post())
    assert len(callbacks) == 1


def test_fft_answer_values_are_the_six_choices():
    assert [label for _value, label in FftAnswer.choices] == FFT_LABELS


def test_pages_with_a_form_are_never_cached(client, service):
    form_page = client.get(form_path(service))
    error_page = client.post(form_path(service), {"fft_answer": "nonsense"})
    assert error_page.status_code == 200
    for response in (form_page, error_page):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
