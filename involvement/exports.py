"""Staff CSV exports: anonymised feedback for a date range and the monthly FFT return.

Every cell passes through website.spreadsheets.safe_cell, so a spreadsheet never runs a formula
someone typed into a feedback form (OWASP "CSV injection").
"""

from collections.abc import Iterator
from datetime import date

from feedback.choices import Channel, FftAnswer
from feedback.models import Feedback
from feedback.rollups import ANSWER_COLUMNS, rollup_counts
from website.choices import LifecycleStage
from website.models import ServicePage
from website.spreadsheets import csv_lines as csv_lines  # the views write CSV through here
from website.spreadsheets import safe_cell as safe_cell

EXPORT_BATCH = 2000  # rows fetched per database round trip while streaming an export


def answer_text(value) -> str:
    """An extra question's answer as text: checkbox answers are lists."""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value or "")


FEEDBACK_HEADER = ["receipt", "given_on", "channel", "lifecycle_stage", "fft_answer", "sentiment",
                   "themes", "comment", "answers"]  # fmt: skip


def feedback_rows(*, service: ServicePage, start: date, end: date) -> Iterator[list]:
    """The service's processed, anonymised responses given between start and end, oldest first.

    Hidden and flagged responses are left out (Feedback.objects.shareable): flagged ones belong
    to the safeguarding views.
    """
    yield FEEDBACK_HEADER
    rows = (
        Feedback.objects.filter(service=service)
        .shareable()
        .filter(given_on__gte=start, given_on__lte=end)
        .order_by("given_on", "pk")
        .prefetch_related("themes")
    )
    answers = dict(FftAnswer.choices)
    for row in rows.iterator(chunk_size=EXPORT_BATCH):
        extra = "; ".join(f"{a.get('label', '')}: {answer_text(a.get('answer'))}"
                          for a in row.answers if isinstance(a, dict))  # fmt: skip
        yield [row.receipt, row.given_on.isoformat(), row.get_channel_display(),
               LifecycleStage(row.lifecycle_stage).label, answers.get(row.fft_answer, ""),
               row.sentiment, "; ".join(t.name for t in row.themes.all()), row.text,
               extra]  # fmt: skip


def fft_return_rows(*, service: ServicePage, start: date, end: date) -> list[list]:
    """The monthly FFT return: counts per answer for each collection channel, and in total."""
    columns = [*ANSWER_COLUMNS, "responses"]
    by_channel = rollup_counts(service_ids=[service.pk], start=start, end=end, by=["channel"],
                               columns=columns)  # fmt: skip
    header = ["service", "ods_code", "period_start", "period_end", "channel",
              *FftAnswer.labels, "total"]  # fmt: skip
    rows = [header]
    totals = [0] * len(columns)
    for channel, label in Channel.choices:
        found = by_channel.get((channel,), {})
        counts = [found.get(column, 0) for column in columns]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append([service.title, service.ods_code, start.isoformat(), end.isoformat(), label,
                     *counts])  # fmt: skip
    rows.append([service.title, service.ods_code, start.isoformat(), end.isoformat(), "All",
                 *totals])  # fmt: skip
    return rows
