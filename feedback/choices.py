"""Choice lists for feedback."""

from django.db import models


class FftAnswer(models.TextChoices):
    """The six Friends and Family Test answers, in the order NHS England sets."""

    VERY_GOOD = "very_good", "Very good"
    GOOD = "good", "Good"
    NEITHER = "neither", "Neither good nor poor"
    POOR = "poor", "Poor"
    VERY_POOR = "very_poor", "Very poor"
    DONT_KNOW = "dont_know", "Don't know"

    @property
    def column(self) -> str:
        """The rollup column that counts this answer."""
        return self.value


# The question every FFT form asks, worded as NHS England sets it.
FFT_QUESTION = "Overall, how was your experience of our service?"
POSITIVE_ANSWERS = (FftAnswer.VERY_GOOD, FftAnswer.GOOD)
NEGATIVE_ANSWERS = (FftAnswer.POOR, FftAnswer.VERY_POOR)


class Channel(models.TextChoices):
    """How the feedback reached us."""

    WEB = "web", "Website"
    PAPER = "paper", "Paper card"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    """Where a response is in the pipeline."""

    RECEIVED = "received", "Received"
    PROCESSED = "processed", "Processed"
    FAILED = "failed", "Failed"


class Sentiment(models.TextChoices):
    """Overall tone of the free text."""

    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"

    @property
    def column(self) -> str:
        """The rollup column that counts this sentiment."""
        return f"sentiment_{self.value}"


class SafeguardingStatus(models.TextChoices):
    """Whether a flagged response has reached a person who acted on it."""

    NOT_FLAGGED = "", "Not flagged"
    AWAITING = "awaiting", "Awaiting action"
    ACTIONED = "actioned", "Actioned"


class QuestionKind(models.TextChoices):
    """Kinds of extra question editors can add to a service's form."""

    SINGLE_LINE = "single_line", "Single line of text"
    MULTI_LINE = "multi_line", "Several lines of text"
    RADIOS = "radios", "Radios (choose one)"
    CHECKBOXES = "checkboxes", "Checkboxes (choose any)"
    DROPDOWN = "dropdown", "Dropdown (choose one)"
