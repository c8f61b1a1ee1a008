"""Choice lists for feedback."""

from django.db import models

# The site's languages, shared: feedback records the one each response was given in.
from website.choices import Language as Language


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
    EASY_READ = "easy_read", "Easy read form"
    CHILDREN = "children", "Children and young people's form (8 to 15)"
    UNDER_8 = "under_8", "Under 8s form (with a parent or carer)"


class Status(models.TextChoices):
    """Where a response is in the pipeline."""

    RECEIVED = "received", "Received"
    PROCESSED = "processed", "Processed"
    FAILED = "failed", "Failed"


class ThemeReviewOutcome(models.TextChoices):
    """What staff did with a theme when they reviewed a response's themes."""

    KEPT = "kept", "Kept"
    REMOVED = "removed", "Removed"
    ADDED = "added", "Added"


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
    """Where a flagged response is as a safeguarding case; empty when it was never flagged."""

    NOT_FLAGGED = "", "Not flagged"
    NEW = "new", "New"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    REFERRED = "referred", "Referred"
    CLOSED = "closed", "Closed"
    NOT_A_CONCERN = "not_concern", "Not a safeguarding concern"


# Cases still needing a person; the other two statuses end a case (it can be reopened).
OPEN_CASE_STATUSES = (
    SafeguardingStatus.NEW,
    SafeguardingStatus.ACKNOWLEDGED,
    SafeguardingStatus.REFERRED,
)
CLOSING_STATUSES = (SafeguardingStatus.CLOSED, SafeguardingStatus.NOT_A_CONCERN)


class CaseAction(models.TextChoices):
    """What one entry in a safeguarding case's history records."""

    ASSIGNED = "assigned", "Owner changed"
    STATUS = "status", "Status changed"
    REFERENCE = "reference", "Reference recorded"
    NOTE = "note", "Note added"
    REOPENED = "reopened", "Reopened"


class ContactOutcome(models.TextChoices):
    """What came of someone's request to be contacted about their feedback."""

    CONTACTED = "contacted", "Contacted"
    COULD_NOT_REACH = "could_not_reach", "Could not reach"
    NOT_NEEDED = "not_needed", "Not needed"


class QuestionKind(models.TextChoices):
    """Kinds of extra question editors can add to a service's form."""

    SINGLE_LINE = "single_line", "Single line of text"
    MULTI_LINE = "multi_line", "Several lines of text"
    RADIOS = "radios", "Radios (choose one)"
    CHECKBOXES = "checkboxes", "Checkboxes (choose any)"
    DROPDOWN = "dropdown", "Dropdown (choose one)"
