import html
import uuid

import bleach
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.db import IntegrityError

from feedback.choices import Channel, FftAnswer, QuestionKind, Status
from feedback.factories import FeedbackFactory, FeedbackQuestionFactory
from feedback.intake import (
    _NEEDS_BLEACH,
    RECEIPT_ALPHABET,
    build_answers,
    new_receipt,
    submit_feedback,
    to_plain_text,
)
from feedback.models import ContactRequest, Feedback
from feedback.queue import enqueue_processing
from feedback.safeguarding import SELF_HARM
from website.crypto import decrypt_json

pytestmark = pytest.mark.django_db


def submit(service, **overrides):
    fields = {
        "service": service,
        "fft_answer": FftAnswer.GOOD,
        "text": "Kind staff.",
        "submission_key": uuid.uuid4(),
    }
    return submit_feedback(**{**fields, **overrides})


def test_receipt_is_short_and_unambiguous():
    receipt = new_receipt()
    assert len(receipt) == 9 and receipt[4] == "-"
    assert set(receipt.replace("-", "")) <= set(RECEIPT_ALPHABET)
    assert not set(receipt) & set("01ILO")


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("<script>alert(1)</script>Hello", "alert(1)Hello"),
        ("<b>Good</b> &amp; kind", "Good & kind"),
        ("Fish & chips < 5", "Fish & chips < 5"),
        ('<img src=x onerror="alert(1)">', ""),
        ("line one\r\nline two", "line one\nline two"),
    ],
)
def test_to_plain_text(raw, plain):
    assert to_plain_text(raw) == plain


def bleach_always(value: str) -> str:
    """to_plain_text as it was before its fast path: every text through bleach."""
    cleaned = bleach.clean(value.replace("\r\n", "\n").replace("\r", "\n"), tags=[], strip=True)
    return html.unescape(cleaned).strip()


# Text built from what html5lib treats specially: controls, noncharacters, BOM, entities, markup.
TRICKY = st.lists(
    st.sampled_from(
        [
            *"\x00\x01\x0b\x0c\x1f\x7f\x80\x9f\ufeff\ufffe\U0010ffff <>&;#\"'=\r\n\tab",
            "&amp;",
            "&lt",
            "&#39;",
            "&#x3c;",
            "&nbsp",
            "<b>",
            "</p>",
            "<!--",
            "-->",
        ]
    )  # fmt: skip
).map("".join)


@given(st.one_of(st.text(), TRICKY, st.text(st.characters(max_codepoint=0x2FF))))
@hypothesis_settings(max_examples=500)
def test_to_plain_text_fast_path_gives_what_bleach_gives(value):
    assert to_plain_text(value) == bleach_always(value)


def test_every_character_the_fast_path_lets_through_is_one_bleach_keeps():
    # given every code point but lone surrogates (unencodable, so never in a request), in
    # blocks so that bleach runs a few hundred times rather than a million
    codes = [
        c for c in (*range(0xD800), *range(0xE000, 0x110000)) if not _NEEDS_BLEACH.search(chr(c))
    ]
    for start in range(0, len(codes), 4096):
        value = "a" + "".join(map(chr, codes[start : start + 4096])) + "b"
        assert to_plain_text(value) == bleach_always(value), hex(codes[start])


def test_submit_stores_anonymised_plain_text(service):
    # when
    result = submit(service, text="<p>Dr Smith called me on 07700 900123</p>")
    # then
    feedback = Feedback.objects.get()
    assert result.created and result.feedback == feedback
    assert "07700" not in feedback.text and "[PHONE]" in feedback.text
    assert "<p>" not in feedback.text
    assert feedback.status == Status.RECEIVED
    assert feedback.channel == Channel.WEB
    assert feedback.lifecycle_stage == service.lifecycle_stage
    assert feedback.given_on == feedback.received_at.astimezone().date() or feedback.given_on


def test_repeated_submission_key_returns_first_receipt_and_writes_nothing(service):
    key = uuid.uuid4()
    first = submit(service, submission_key=key, text="First")
    second = submit(service, submission_key=key, text="Second", fft_answer=FftAnswer.POOR)
    assert second.created is False
    assert second.feedback.receipt == first.feedback.receipt
    assert Feedback.objects.get().text == "First"


def test_repeat_of_flagged_submission_is_still_flagged(service):
    key = uuid.uuid4()
    submit(service, submission_key=key, text="I want to kill myself")
    again = submit(service, submission_key=key, text="I want to kill myself")
    assert again.risk_reasons == [SELF_HARM]


def test_risk_reasons_cover_extra_free_text_answers(service, feedback_form):
    question = FeedbackQuestionFactory(form=feedback_form, kind=QuestionKind.MULTI_LINE)
    answers = build_answers(questions=[question], values={question.pk: "I feel suicidal"})
    result = submit(service, text="Fine", answers=answers)
    assert result.risk_reasons == [SELF_HARM]


def test_build_answers_anonymises_free_text_only(feedback_form):
    text_q = FeedbackQuestionFactory(form=feedback_form, kind=QuestionKind.SINGLE_LINE)
    radio_q = FeedbackQuestionFactory(
        form=feedback_form, kind=QuestionKind.RADIOS, choices="Yes\nNo"
    )
    boxes_q = FeedbackQuestionFactory(
        form=feedback_form, kind=QuestionKind.CHECKBOXES, choices="Car\nBus"
    )
    skipped = FeedbackQuestionFactory(form=feedback_form, kind=QuestionKind.SINGLE_LINE)
    answers = build_answers(
        questions=[text_q, radio_q, boxes_q, skipped],
        values={text_q.pk: "<i>Email me at jo@example.com</i>", radio_q.pk: "Yes",
                boxes_q.pk: ["Car", "Bus"], skipped.pk: ""},
    )  # fmt: skip
    assert [a["question_id"] for a in answers] == [text_q.pk, radio_q.pk, boxes_q.pk]
    assert answers[0]["answer"] == "Email me at [EMAIL]"
    assert answers[1]["answer"] == "Yes"
    assert answers[2]["answer"] == ["Car", "Bus"]


def test_contact_details_are_encrypted_apart_from_the_text(service):
    contact = {"name": "Jo Bloggs", "email": "jo@example.com", "phone": "", "method": "email"}
    result = submit(service, text="Please call", contact=contact)
    stored = ContactRequest.objects.get(feedback=result.feedback)
    assert b"jo@example.com" not in bytes(stored.details)
    assert decrypt_json(stored.details) == contact
    assert "jo@example.com" not in result.feedback.text


def test_staff_entry_keeps_channel_date_and_user(service, django_user_model):
    import datetime

    user = django_user_model.objects.create_user("clerk")
    result = submit(
        service, channel=Channel.PAPER, given_on=datetime.date(2026, 1, 5), entered_by=user
    )
    assert (result.feedback.channel, result.feedback.given_on, result.feedback.entered_by) == (
        Channel.PAPER, datetime.date(2026, 1, 5), user
    )  # fmt: skip


def test_processing_is_queued_only_on_commit(service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(service)
    assert len(callbacks) == 1


def test_repeat_queues_nothing(service, django_capture_on_commit_callbacks):
    key = uuid.uuid4()
    submit(service, submission_key=key)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(service, submission_key=key)
    assert callbacks == []


def test_enqueue_with_redis_down_is_logged_without_text_and_swallowed(
    service, redis_outage, caplog
):
    feedback = FeedbackFactory(service=service, text="Secret words")
    assert enqueue_processing(feedback.pk) is False
    assert "left for the sweeper" in caplog.text
    assert "Secret words" not in caplog.text and "redis://" not in caplog.text


def test_enqueue_with_redis_down_returns_quickly(service, redis_outage):
    import time

    feedback = FeedbackFactory(service=service)
    started = time.monotonic()
    assert enqueue_processing(feedback.pk) is False
    # The broker's connection timeout is a second; a POST must not wait on retries.
    assert time.monotonic() - started < 3


def test_enqueue_with_redis_up_lands_on_the_feedback_queue(service, redis_server):
    import json

    import redis

    from website.celery_app import app

    # given the broker's Redis (the test worker, if any, consumes elsewhere while not started)
    feedback = FeedbackFactory(service=service)
    client = redis.Redis.from_url(app.conf.broker_url)
    client.delete("feedback")
    # when
    assert enqueue_processing(feedback.pk) is True
    # then one process_feedback message for this row waits on the list named "feedback"
    messages = client.lrange("feedback", 0, -1)
    client.delete("feedback")
    assert len(messages) == 1
    headers = json.loads(messages[0])["headers"]
    assert (headers["task"], headers["argsrepr"]) == (
        "feedback.tasks.process_feedback",
        f"({feedback.pk},)",
    )


def test_duplicate_receipt_is_retried(service, monkeypatch):
    existing = FeedbackFactory(service=service)
    receipts = iter([existing.receipt, "ZZZZ-ZZZZ"])
    monkeypatch.setattr("feedback.intake.new_receipt", lambda: next(receipts))
    result = submit(service)
    assert result.feedback.receipt == "ZZZZ-ZZZZ"


def test_unknown_answer_is_refused_by_the_database_constraints_of_the_form(service):
    # The service trusts validated input; the key's uniqueness is what the database enforces.
    FeedbackFactory(service=service, submission_key=uuid.UUID(int=1))
    with pytest.raises(IntegrityError):
        FeedbackFactory(service=service, submission_key=uuid.UUID(int=1))


@pytest.mark.django_db(transaction=True)
def test_in_autocommit_a_lone_row_is_stored_and_queued_at_once(service, monkeypatch):
    from django.db import connection

    # given no caller's transaction, as in a web request
    queued = []
    monkeypatch.setattr("feedback.intake.enqueue_processing", queued.append)
    statements = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: statements.append(sql) or execute(sql, *args)
    ):
        submission = submit(service)
    # then the row is there, its processing queued once, with no BEGIN or COMMIT around it
    assert Feedback.objects.filter(pk=submission.feedback.pk).exists()
    assert queued == [submission.feedback.pk]
    assert [s.split()[0].upper() for s in statements] == ["INSERT"]


@pytest.mark.django_db(transaction=True)
def test_in_autocommit_a_repeated_key_writes_nothing(service, monkeypatch):
    monkeypatch.setattr("feedback.intake.enqueue_processing", lambda pk: None)
    key = uuid.uuid4()
    first = submit(service, submission_key=key)
    again = submit(service, submission_key=key)
    assert not again.created and again.feedback.receipt == first.feedback.receipt
    assert Feedback.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_in_autocommit_contact_details_and_row_are_stored_together_or_not_at_all(
    service, monkeypatch
):
    from django.db import OperationalError, connection

    queued = []
    monkeypatch.setattr("feedback.intake.enqueue_processing", queued.append)

    def refuse_contact(execute, sql, params, many, context):
        if "contactrequest" in sql.lower() and sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("disk I/O error")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_contact), pytest.raises(OperationalError):
        submit(service, contact={"name": "Jo", "email": "", "phone": "07700 900123"})
    assert Feedback.objects.count() == 0 and ContactRequest.objects.count() == 0
    assert queued == []
