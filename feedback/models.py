"""Feedback rows (anonymised), the themes they are tagged with, safeguarding cases, contact
requests and rollups.

Every foreign key to a service is PROTECT: a service with feedback can be unpublished, never
deleted with its data (website/wagtail_hooks.py refuses it in the admin with a message).
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from feedback.choices import (
    OPEN_CASE_STATUSES,
    CaseAction,
    Channel,
    ContactOutcome,
    FftAnswer,
    Language,
    QuestionKind,
    SafeguardingStatus,
    Sentiment,
    Status,
    ThemeReviewOutcome,
)
from website.choices import LifecycleStage
from website.models import ServicePage
from website.workdays import working_days_before

DEFAULT_FOLLOW_UP = "Tell us why you gave this answer"
MAX_TEXT_LENGTH = 5000
# A flagged response must be acknowledged by a safeguarding lead within this many working days,
# and a contact request given an outcome within this many; later ones are listed as overdue.
CASE_ACKNOWLEDGE_WORKING_DAYS = 1
CONTACT_OUTCOME_WORKING_DAYS = 2


KEYWORDS_HELP = (
    "Words and phrases that suggest this theme, one per line. A word matches its other forms "
    "(wait: waited, waiting); stem* matches any word starting with it; end a line with + or - "
    "when the word leans positive or negative (rude -); 'ignore: waiting room' stops a phrase "
    "from counting."
)


class Theme(models.Model):
    """A patient-experience theme that responses are tagged with; editable by administrators."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    category = models.CharField(
        max_length=80, blank=True,
        help_text="Its major category in the Qualitative Data Categorisation framework.",
    )  # fmt: skip
    keywords = models.TextField(help_text=KEYWORDS_HELP, blank=True)
    keywords_cy = models.TextField(
        "Welsh keywords", blank=True, help_text="As keywords, in Welsh (Welsh word forms)."
    )
    active = models.BooleanField(default=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("category"),
              FieldPanel("keywords"), FieldPanel("keywords_cy"), FieldPanel("active")]  # fmt: skip

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FeedbackForm(ClusterableModel):
    """A service's feedback form: the FFT question, its follow-up and any extra questions."""

    service = models.OneToOneField(
        ServicePage, on_delete=models.PROTECT, related_name="feedback_form"
    )
    intro = models.TextField(blank=True)
    follow_up_label = models.CharField(max_length=200, default=DEFAULT_FOLLOW_UP)

    panels = [FieldPanel("service"), FieldPanel("intro"), FieldPanel("follow_up_label"),
              InlinePanel("questions", label="Extra questions")]  # fmt: skip

    def __str__(self) -> str:
        return f"Feedback form for {self.service}"


class FeedbackQuestion(Orderable):
    """An extra question an editor adds to one service's feedback form."""

    form = ParentalKey(FeedbackForm, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=200)
    help_text = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    choices = models.TextField(
        blank=True, help_text="For radios, checkboxes and dropdowns: one per line."
    )
    required = models.BooleanField(default=False)

    panels = [FieldPanel("label"), FieldPanel("help_text"), FieldPanel("kind"),
              FieldPanel("choices"), FieldPanel("required")]  # fmt: skip

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class FeedbackQuerySet(models.QuerySet):
    """Queries over feedback rows.

    What leaves the safeguarding views goes through `shareable` (exports, FHIR) or `comments_on`
    (boards): neither ever returns a flagged response.
    """

    def visible(self):
        return self.filter(hidden=False)

    def unflagged(self):
        return self.filter(safeguarding_status=SafeguardingStatus.NOT_FLAGGED)

    def flagged(self):
        return self.exclude(safeguarding_status=SafeguardingStatus.NOT_FLAGGED)

    def shareable(self):
        """Processed responses that may leave the staff screens: not hidden, not flagged."""
        return self.visible().unflagged().filter(status=Status.PROCESSED)

    def stuck(self, before):
        return self.filter(status=Status.RECEIVED, received_at__lt=before)

    def comments_on(self, theme_id: int):
        """Shareable comments tagged with the theme, newest first: slice for a few."""
        rows = self.shareable().filter(themes=theme_id).exclude(text="")
        return rows.order_by("-given_on", "-pk")

    def with_contact_flag(self):
        """Annotate `contact_requested` (whether someone asked to be contacted), no details."""
        requests = ContactRequest.objects.filter(feedback=OuterRef("pk"))
        return self.annotate(contact_requested=Exists(requests))

    def open_cases(self):
        return self.filter(safeguarding_status__in=OPEN_CASE_STATUSES)

    def overdue_cases(self, *, now: datetime | None = None):
        """Flagged responses no one acknowledged within CASE_ACKNOWLEDGE_WORKING_DAYS."""
        cutoff = working_days_before(now or timezone.now(), CASE_ACKNOWLEDGE_WORKING_DAYS)
        return self.filter(safeguarding_status=SafeguardingStatus.NEW, received_at__lte=cutoff)

    def alert_failed(self):
        """Flagged responses whose alert could not be sent after every attempt."""
        return self.filter(alert_failed_at__isnull=False, alert_sent_at__isnull=True)


class Feedback(models.Model):
    """One response: anonymised before it was written; never holds raw personal data."""

    # No index of its own: the composite indexes below start with the service.
    service = models.ForeignKey(
        ServicePage, on_delete=models.PROTECT, related_name="feedback", db_index=False
    )
    # Unique through Meta.constraints: PostgreSQL then builds no second, LIKE-pattern index for a
    # column that is never searched.
    receipt = models.CharField(max_length=16)
    submission_key = models.UUIDField(unique=True)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.WEB)
    # The language of the form the person used (the page's language, /cy/ for Welsh); the text
    # itself is stored as given, whatever language or mix of languages it is in.
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    fft_answer = models.CharField(max_length=12, choices=FftAnswer.choices)
    text = models.TextField(blank=True, help_text="Anonymised, plain text.")
    answers = models.JSONField(default=list, blank=True, help_text="Extra questions, anonymised.")
    lifecycle_stage = models.CharField(max_length=20, choices=LifecycleStage.choices)
    received_at = models.DateTimeField(db_index=True)
    given_on = models.DateField(help_text="The day the feedback was given (paper and phone too).")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assisted = models.BooleanField(
        null=True, blank=True, help_text="Whether someone helped fill the form in (easy read)."
    )

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the sweeper last re-queued it; its retry clock."
    )

    themes = models.ManyToManyField(
        Theme, blank=True, related_name="feedback", through="FeedbackTheme"
    )
    sentiment = models.CharField(max_length=10, choices=Sentiment.choices, blank=True)
    sentiment_score = models.FloatField(null=True, blank=True)
    safeguarding_status = models.CharField(
        max_length=12, choices=SafeguardingStatus.choices, blank=True, default=""
    )
    safeguarding_reasons = models.JSONField(default=list, blank=True)
    # A flagged response is a safeguarding case: its status above, its owner, a reference.
    case_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text="The safeguarding lead of the service who owns the case.",
    )  # fmt: skip
    case_reference = models.CharField(
        max_length=60, blank=True, help_text="An incident or referral reference, if there is one."
    )
    case_acknowledged_at = models.DateTimeField(null=True, blank=True)
    alert_sent_at = models.DateTimeField(null=True, blank=True)
    alert_claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker took the alert to send; a lease."
    )
    alert_attempts = models.PositiveSmallIntegerField(default=0)
    alert_attempted_at = models.DateTimeField(
        null=True, blank=True, help_text="When sending the alert last failed; its retry clock."
    )
    alert_error = models.CharField(max_length=200, blank=True)
    alert_failed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last attempt to send the alert failed."
    )
    hidden = models.BooleanField(default=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "feedback"
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["service", "given_on"]),
            # A board's awaiting safeguarding items, oldest first, without reading the rest.
            models.Index(fields=["service", "safeguarding_status", "received_at"]),
            # /readyz counts overdue cases and failed alerts on every poll: small partial
            # indexes over the few flagged rows, not the whole table.
            models.Index(
                fields=["safeguarding_status", "received_at"],
                condition=~Q(safeguarding_status=""),
                name="feedback_case_status_idx",
            ),
            models.Index(
                fields=["alert_failed_at"],
                condition=Q(alert_failed_at__isnull=False),
                name="feedback_alert_failed_idx",
            ),
        ]
        constraints = [models.UniqueConstraint(fields=["receipt"], name="feedback_unique_receipt")]

    def __str__(self) -> str:
        return self.receipt

    @property
    def flagged(self) -> bool:
        return bool(self.safeguarding_status)

    @property
    def case_open(self) -> bool:
        return self.safeguarding_status in OPEN_CASE_STATUSES


class FeedbackTheme(models.Model):
    """A theme one response mentions, and which way: positive, negative or neutral ("" when
    staff added it and no sign is known)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE)
    polarity = models.CharField(max_length=10, choices=Sentiment.choices, blank=True)

    class Meta:
        # The table Django made for the plain many-to-many before it carried a polarity.
        db_table = "feedback_feedback_themes"
        unique_together = [("feedback", "theme")]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.theme_id} {self.polarity}"


class ThemeReview(models.Model):
    """What a member of staff did with one theme of a response they reviewed (retagged): kept
    it, removed it, or added it. Boards count these as agreement with the automatic tagging."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="theme_reviews")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=8, choices=ThemeReviewOutcome.choices)
    reviewed_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feedback", "theme"], name="unique_theme_review")
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.theme_id} {self.outcome}"


class CaseEvent(models.Model):
    """One entry in a safeguarding case's history: who did what, when, and any note."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="case_events")
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=12, choices=CaseAction.choices)
    status = models.CharField(
        max_length=12, choices=SafeguardingStatus.choices, help_text="The status after it."
    )
    detail = models.CharField(max_length=200, blank=True, help_text="Owner or reference set.")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class ContactRequestQuerySet(models.QuerySet):
    """Queries over contact requests."""

    def awaiting_outcome(self):
        return self.filter(outcome="")

    def overdue(self, *, now: datetime | None = None):
        """Requests with no outcome after CONTACT_OUTCOME_WORKING_DAYS."""
        cutoff = working_days_before(now or timezone.now(), CONTACT_OUTCOME_WORKING_DAYS)
        return self.awaiting_outcome().filter(created_at__lte=cutoff)


class ContactRequest(models.Model):
    """Contact details someone asked us to use about their feedback: encrypted, deleted
    CONTACT_RETENTION_DAYS after the request has an outcome (never before)."""

    feedback = models.OneToOneField(
        Feedback, on_delete=models.CASCADE, related_name="contact_request"
    )
    details = models.BinaryField(
        blank=True, help_text="Encrypted JSON: name, phone, email; empty once deleted."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    outcome = models.CharField(max_length=16, choices=ContactOutcome.choices, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    details_deleted_at = models.DateTimeField(null=True, blank=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["outcome", "created_at"])]

    def __str__(self) -> str:
        return f"Contact request for {self.feedback}"


class RollupCell(models.Model):
    """What every rollup row is counted by, besides its day or month."""

    service = models.ForeignKey(ServicePage, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    lifecycle_stage = models.CharField(max_length=20, choices=LifecycleStage.choices)

    class Meta:
        abstract = True


class AnswerCounts(RollupCell):
    """Counts per FFT answer, per sentiment and of flagged responses, for one rollup cell."""

    responses = models.PositiveIntegerField(default=0)
    very_good = models.PositiveIntegerField(default=0)
    good = models.PositiveIntegerField(default=0)
    neither = models.PositiveIntegerField(default=0)
    poor = models.PositiveIntegerField(default=0)
    very_poor = models.PositiveIntegerField(default=0)
    dont_know = models.PositiveIntegerField(default=0)
    sentiment_positive = models.PositiveIntegerField(default=0)
    sentiment_neutral = models.PositiveIntegerField(default=0)
    sentiment_negative = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailyRollup(AnswerCounts):
    """Counts for one service, day, channel and lifecycle stage; boards read these, not rows."""

    date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "date", "channel", "lifecycle_stage"], name="unique_daily_rollup"
            )
        ]
        indexes = [models.Index(fields=["service", "date"])]

    def __str__(self) -> str:
        return f"{self.service_id} {self.date} {self.channel} {self.lifecycle_stage}"


class ThemeDailyRollup(RollupCell):
    """How many responses carried a theme, per service, day, channel and lifecycle stage."""

    date = models.DateField()
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)
    positive = models.PositiveIntegerField(default=0, help_text="Of count, mentions positive.")
    negative = models.PositiveIntegerField(default=0, help_text="Of count, mentions negative.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "date", "channel", "lifecycle_stage", "theme"],
                name="unique_theme_daily_rollup",
            )
        ]
        indexes = [models.Index(fields=["service", "date"])]

    def __str__(self) -> str:
        return f"{self.service_id} {self.date} {self.theme_id}"


class MonthlyRollup(AnswerCounts):
    """DailyRollup summed per calendar month, so a long range reads a row per month, not per day."""

    month = models.DateField(help_text="The first day of the month.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "month", "channel", "lifecycle_stage"],
                name="unique_monthly_rollup",
            )
        ]  # its index (service, month, ...) serves the range reads: no second index needed

    def __str__(self) -> str:
        return f"{self.service_id} {self.month:%Y-%m} {self.channel} {self.lifecycle_stage}"


class MonthlyThemeRollup(RollupCell):
    """ThemeDailyRollup summed over a calendar month."""

    month = models.DateField(help_text="The first day of the month.")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)
    positive = models.PositiveIntegerField(default=0, help_text="Of count, mentions positive.")
    negative = models.PositiveIntegerField(default=0, help_text="Of count, mentions negative.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "month", "channel", "lifecycle_stage", "theme"],
                name="unique_monthly_theme_rollup",
            )
        ]
        # Theme totals per service read in this index's order with no table lookups (count is
        # a key column because SQLite has no INCLUDE): the overview sums every service's themes.
        indexes = [models.Index(fields=["service", "theme", "month", "count"])]

    def __str__(self) -> str:
        return f"{self.service_id} {self.month:%Y-%m} {self.theme_id}"


class MonthlyThemeTotal(models.Model):
    """MonthlyThemeRollup summed over every channel and stage: what unfiltered ranges read."""

    service = models.ForeignKey(ServicePage, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month.")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)
    positive = models.PositiveIntegerField(default=0, help_text="Of count, mentions positive.")
    negative = models.PositiveIntegerField(default=0, help_text="Of count, mentions negative.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "month", "theme"], name="unique_monthly_theme_total"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.month:%Y-%m} {self.theme_id} (all channels and stages)"
