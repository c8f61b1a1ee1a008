"""Taking feedback in: sanitise, anonymise, store once, and queue its processing after commit."""

import contextlib
import functools
import html
import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

import bleach
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from feedback.anonymise import anonymise
from feedback.choices import Channel, FftAnswer, QuestionKind
from feedback.form_definitions import FormDefinition, QuestionDefinition
from feedback.models import ContactRequest, Feedback, FeedbackQuestion
from feedback.safeguarding import detect_risk
from website.crypto import encrypt_json
from website.inserts import insert_new
from website.models import ServicePage
from website.task_publisher import publish_task

logger = logging.getLogger(__name__)

# No 0/O or 1/I/L, so a receipt read out over the phone is not misheard.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 8
# A receipt collision is about one in 10^12 per pair; a few attempts make failure impossible.
_RECEIPT_ATTEMPTS = 3
FREE_TEXT_KINDS = (QuestionKind.SINGLE_LINE, QuestionKind.MULTI_LINE)
# The queue CELERY_TASK_ROUTES names for process_feedback (a test checks the two agree).
PROCESSING_QUEUE = "feedback"
# Only these characters make bleach (html5lib) change text: markup, entities, C0 controls and
# lone surrogates. Most feedback has none, and skipping bleach for it gives the same text at a
# fraction of the cost (tests/feedback/test_services.py checks the two agree).
_NEEDS_BLEACH = re.compile(r"[<&\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


@dataclass(frozen=True)
class Submission:
    """The stored response, whether this call wrote it, and why the text suggests a risk."""

    feedback: Feedback
    created: bool
    risk_reasons: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.risk_reasons)


def new_receipt() -> str:
    """A short, unguessable reference a person can quote, such as `K7QD-3MXA`."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def to_plain_text(value: str) -> str:
    """Strip every tag and turn entities back into characters; output is escaped when shown."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _NEEDS_BLEACH.search(value):
        value = html.unescape(bleach.clean(value, tags=[], strip=True))
    return value.strip()


def clean_free_text(value: str) -> str:
    """Plain text with personal data replaced by tokens: what may be stored."""
    return anonymise(to_plain_text(value))


def build_answers(
    *,
    questions: Sequence[QuestionDefinition | FeedbackQuestion],
    values: dict[int, str | list[str]],
) -> list[dict]:
    """Answers to a form's extra questions, free text sanitised and anonymised, in form order."""
    answers = []
    for question in questions:
        value = values.get(question.pk)
        if value in (None, "", []):
            continue
        if question.kind in FREE_TEXT_KINDS:
            value = clean_free_text(str(value))
        answers.append(
            {"question_id": question.pk, "label": question.label, "kind": question.kind,
             "answer": value}
        )  # fmt: skip
    return answers


def risk_in(*, text: str, answers: list[dict]) -> list[str]:
    """Risk reasons in the free text and in free-text answers to extra questions."""
    free_answers = [str(a["answer"]) for a in answers if a.get("kind") in FREE_TEXT_KINDS]
    return detect_risk("\n".join([text, *free_answers]))


def submit_feedback(
    *,
    service: ServicePage | FormDefinition,
    fft_answer: FftAnswer | str,
    text: str,
    submission_key: UUID,
    channel: Channel | str = Channel.WEB,
    answers: list[dict] | None = None,
    given_on: date | None = None,
    entered_by: AbstractBaseUser | None = None,
    contact: dict | None = None,
) -> Submission:
    """Store one response, anonymised, atomically, and queue its processing once committed.

    `text` may be raw: it is made plain and anonymised here. `answers` come from
    `build_answers`. A repeated `submission_key` writes nothing and returns the first response.
    `service` may be the page or, on the public form, its cached `FormDefinition`.
    """
    service_id = service.service_id if isinstance(service, FormDefinition) else service.pk
    clean_text = clean_free_text(text)
    answers = answers or []
    now = timezone.now()
    for _attempt in range(_RECEIPT_ATTEMPTS):
        try:
            with _one_transaction(needed=bool(contact)):
                feedback = Feedback(
                    service_id=service_id,
                    receipt=new_receipt(),
                    submission_key=submission_key,
                    channel=channel,
                    fft_answer=fft_answer,
                    text=clean_text,
                    answers=answers,
                    lifecycle_stage=service.lifecycle_stage,
                    received_at=now,
                    given_on=given_on or timezone.localdate(now),
                    entered_by=entered_by,
                )
                insert_new(feedback)
                if contact:
                    ContactRequest.objects.create(feedback=feedback, details=encrypt_json(contact))
                transaction.on_commit(functools.partial(enqueue_processing, feedback.pk))
        except IntegrityError:
            # Either this key was stored already (a double click, a retry, a race with
            # another worker) or, almost never, the receipt collided: then try a new one.
            first = Feedback.objects.filter(submission_key=submission_key).first()
            if first is not None:
                return Submission(first, False, risk_in(text=first.text, answers=first.answers))
            continue
        return Submission(feedback, True, risk_in(text=clean_text, answers=answers))
    raise IntegrityError("Could not allocate a unique receipt")


def _one_transaction(*, needed: bool):
    """A transaction (or a savepoint in the caller's) for more than one row; none for one.

    A lone INSERT is atomic by itself, and in autocommit its on-commit hook runs as soon as it
    is stored; BEGIN and COMMIT would only add two database round trips to every submission.
    Inside a caller's transaction a savepoint keeps a duplicate key from breaking it.
    """
    if needed or transaction.get_connection().in_atomic_block:
        return transaction.atomic()
    return contextlib.nullcontext()


def enqueue_processing(feedback_id: int) -> bool:
    """Queue `process_feedback`; if the broker is down, log it and carry on (the sweeper retries).

    The stored row is the record of work owed, so losing this message loses nothing.
    """
    try:
        _send_processing(feedback_id)
    except (KombuOperationalError, RedisError, ConnectionError, TimeoutError, OSError) as exc:
        # The exception's text can carry the broker URL; its class name is enough.
        logger.warning(
            "Broker unavailable (%s); feedback %s left for the sweeper",
            type(exc).__name__,
            feedback_id,
        )
        return False
    return True


def _send_processing(feedback_id: int) -> None:
    # Not apply_async: its per-call routing, option merging and producer pool cost more than the
    # publish itself on every submission (bench/submit.py). The message is the same.
    from feedback.tasks import process_feedback  # the worker's module, imported when needed

    publish_task(process_feedback, [feedback_id], queue=PROCESSING_QUEUE)
