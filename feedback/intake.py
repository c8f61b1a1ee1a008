"""Taking feedback in: sanitise, anonymise, store once, and queue its processing after commit."""

import contextlib
import html
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from uuid import UUID

import bleach

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from feedback.anonymise import anonymise
from feedback.choices import Channel, FftAnswer, Language
from feedback.models import ContactRequest, Feedback, FeedbackQuestion
from feedback.queue import enqueue_processing
from feedback.safeguarding import FREE_TEXT_KINDS, risk_in
from website.crypto import encrypt_json
from website.models import ServicePage

# No 0/O or 1/I/L, so a receipt read out over the phone is not misheard.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 8
# A receipt collision is about one in 10^12 per pair; a few attempts make failure impossible.
_RECEIPT_ATTEMPTS = 3
# Only these characters make bleach (html5lib) change text: markup, entities, C0 controls and
# lone surrogates. Most feedback has none, and skipping bleach for it gives the same text at a
# fraction of the cost (tests/feedback/test_intake.py checks the two agree).
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
    *, questions: Sequence[FeedbackQuestion], values: dict[int, str | list[str]]
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


def submit_feedback(
    *,
    service: ServicePage,
    fft_answer: FftAnswer | str,
    text: str,
    submission_key: UUID,
    channel: Channel | str = Channel.WEB,
    answers: list[dict] | None = None,
    given_on: date | None = None,
    entered_by: AbstractBaseUser | None = None,
    contact: dict | None = None,
    assisted: bool | None = None,
    language: Language | str | None = None,
) -> Submission:
    """Store one response, anonymised, atomically, and queue its processing once committed.

    `text` may be raw: it is made plain and anonymised here. `answers` come from
    `build_answers`. A repeated `submission_key` writes nothing and returns the first response.
    `assisted` says whether someone helped fill the form in, when the form asked. `language` is
    the form's; by default the request's (English, or Welsh under /cy/).
    """
    clean_text = clean_free_text(text)
    language = language or language_of_request()
    answers = answers or []
    now = timezone.now()
    for _attempt in range(_RECEIPT_ATTEMPTS):
        try:
            with _atomic_for(rows=2 if contact else 1):
                feedback = Feedback.objects.create(
                    service=service,
                    receipt=new_receipt(),
                    submission_key=submission_key,
                    channel=channel,
                    language=language,
                    fft_answer=fft_answer,
                    text=clean_text,
                    answers=answers,
                    lifecycle_stage=service.lifecycle_stage,
                    received_at=now,
                    given_on=given_on or timezone.localdate(now),
                    entered_by=entered_by,
                    assisted=assisted,
                )
                if contact:
                    ContactRequest.objects.create(feedback=feedback, details=encrypt_json(contact))
                transaction.on_commit(partial(enqueue_processing, feedback.pk))
        except IntegrityError:
            # Either this key was stored already (a double click, a retry, a race with
            # another worker) or, almost never, the receipt collided: then try a new one.
            first = Feedback.objects.filter(submission_key=submission_key).first()
            if first is not None:
                return Submission(first, False, risk_in(text=first.text, answers=first.answers))
            continue
        return Submission(feedback, True, risk_in(text=clean_text, answers=answers))
    raise IntegrityError("Could not allocate a unique receipt")


def language_of_request() -> str:
    """The active language as a Feedback.language: Welsh for a /cy/ page, English otherwise."""
    active = (translation.get_language() or "").lower()
    return Language.WELSH if active.split("-")[0] == "cy" else Language.ENGLISH


def _atomic_for(*, rows: int):
    """`transaction.atomic()` when more than one row goes, or inside a caller's transaction.

    A lone INSERT is atomic by itself and in autocommit its on-commit hook runs once it is
    stored; BEGIN and COMMIT would add two round trips to every submission. Inside a caller's
    transaction the savepoint keeps a duplicate key from breaking it.
    """
    if rows > 1 or transaction.get_connection().in_atomic_block:
        return transaction.atomic()
    return contextlib.nullcontext()
