"""Months of synthetic, realistic feedback for the demo services, so a fresh `make run` has boards,
performance pages and open data with figures in them."""

import random
import uuid
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from feedback.choices import Channel, FftAnswer, Status
from feedback.intake import new_receipt
from feedback.models import Feedback
from feedback.processing import analyse
from feedback.rollups import rebuild_rollups
from website.locales import in_default_language
from website.models import ServicePage

# How often each answer is given, close to the national FFT picture (mostly positive).
ANSWER_WEIGHTS = {
    FftAnswer.VERY_GOOD: 56,
    FftAnswer.GOOD: 24,
    FftAnswer.NEITHER: 7,
    FftAnswer.POOR: 5,
    FftAnswer.VERY_POOR: 5,
    FftAnswer.DONT_KNOW: 3,
}
CHANNEL_WEIGHTS = {
    Channel.WEB: 55,
    Channel.PAPER: 25,
    Channel.PHONE: 10,
    Channel.IN_PERSON: 8,
    Channel.OTHER: 2,
}

PRAISE = (
    "The staff were kind and explained everything.",
    "I was seen quickly and the nurse was lovely.",
    "Everyone was friendly and treated me with respect.",
    "The doctor listened to me and answered all my questions.",
    "The ward was clean and quiet at night.",
    "Reception were helpful when I called to change my appointment.",
    "They made my mum feel safe and looked after.",
    "Clear information about my medicines before I went home.",
)
COMPLAINTS = (
    "I waited over three hours and nobody told me why.",
    "Parking was impossible and the machines did not take cards.",
    "The waiting room was crowded and the toilets were dirty.",
    "Nobody explained what would happen next.",
    "My appointment was cancelled twice at short notice.",
    "It was hard to get through on the phone.",
    "The food was cold and there was no choice for my diet.",
    "Staff seemed rushed and did not listen to my concerns.",
)
MIXED = (
    "Good care once I was seen, but the wait was long.",
    "Kind staff, although the signs to the department were confusing.",
    "The nurses were brilliant but the car park was full.",
)


def _text(rng: random.Random, answer: str) -> str:
    """One to three sentences that fit the answer; about a quarter of people write nothing."""
    if rng.random() < 0.25 or answer == FftAnswer.DONT_KNOW:
        return ""
    if answer in (FftAnswer.VERY_GOOD, FftAnswer.GOOD):
        pool = PRAISE
    elif answer == FftAnswer.NEITHER:
        pool = MIXED + COMPLAINTS[:3]
    else:
        pool = COMPLAINTS
    return " ".join(rng.sample(pool, k=rng.choice((1, 1, 2, 3))))


def _month_starts(months: int, today: date) -> list[date]:
    first = today.replace(day=1)
    starts = []
    for _ in range(months):
        starts.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return sorted(starts)


def _rows_for(service: ServicePage, rng: random.Random, months: int, today: date) -> list:
    rows = []
    answers, answer_weights = zip(*ANSWER_WEIGHTS.items(), strict=True)
    channels, channel_weights = zip(*CHANNEL_WEIGHTS.items(), strict=True)
    for start in _month_starts(months, today):
        last = min(
            today - timedelta(days=1),
            (start + timedelta(days=31)).replace(day=1) - timedelta(days=1),
        )
        if last < start:
            continue
        for _ in range(rng.randint(18, 40)):
            day = start + timedelta(days=rng.randint(0, (last - start).days))
            at = timezone.make_aware(
                datetime.combine(day, time(rng.randint(8, 20), rng.randint(0, 59)))
            )
            answer = rng.choices(answers, answer_weights)[0]
            text = _text(rng, answer)
            analysis = analyse(text, fft_answer=answer)
            row = Feedback(
                service=service,
                receipt=new_receipt(),
                submission_key=uuid.UUID(int=rng.getrandbits(128)),
                channel=rng.choices(channels, channel_weights)[0],
                fft_answer=answer,
                text=text,
                lifecycle_stage=service.lifecycle_stage,
                received_at=at,
                given_on=day,
                status=Status.PROCESSED,
                processed_at=at,
                sentiment=analysis.sentiment,
                sentiment_score=analysis.sentiment_score,
            )
            rows.append((row, analysis.themes))
    return rows


@transaction.atomic
def seed_history(*, months: int = 18, today: date | None = None, seed: int = 2026) -> int:
    """Give every live service with no feedback yet `months` of processed responses, counted by
    the rollups' own rebuild; running it again adds nothing. Returns how many rows it added."""
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, repeatable on purpose
    added = []
    for service in in_default_language(ServicePage.objects.live()).order_by("path"):
        if Feedback.objects.filter(service=service).exists():
            continue
        rows = _rows_for(service, rng, months, today)
        Feedback.objects.bulk_create([row for row, _ in rows])
        Feedback.themes.through.objects.bulk_create(
            Feedback.themes.through(feedback_id=row.pk, theme_id=theme_id, polarity=polarity)
            for row, themes in rows
            for theme_id, polarity in themes.items()
        )
        added.append((service.pk, len(rows)))
    if added:
        rebuild_rollups(service_ids=[pk for pk, _ in added], since=_month_starts(months, today)[0])
    return sum(count for _, count in added)
