"""API tokens for other systems (FHIR), "You said, we did" updates, the emails telling people
what changed, opportunities to get involved, interest in them, and decision records."""

import hashlib
import uuid
from datetime import date, datetime, timedelta

import bleach

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from involvement import interest_views
from involvement.choices import Activity, Attendance, DutyApplies, InvolvementLevel
from involvement.opportunities import listing_context
from involvement.update_forms import YouSaidWeDidForm
from involvement.update_page import update_context
from involvement.update_status import UpdateStatus
from website.choices import Language, LifecycleStage
from website.models import ServicePage
from website.page_reviews import ReviewDates


def hash_token(token: str) -> str:
    """The stored form of a token: its SHA-256 (tokens are long and random, so no salt)."""
    return hashlib.sha256(token.encode()).hexdigest()


def default_expiry() -> datetime:
    """When a new token stops working: API_TOKEN_MAX_AGE_DAYS from now."""
    return timezone.now() + timedelta(days=settings.API_TOKEN_MAX_AGE_DAYS)


class ServiceApiTokenQuerySet(models.QuerySet):
    """Queries over API tokens."""

    def active(self, *, now: datetime | None = None):
        """Tokens neither revoked nor expired."""
        now = now or timezone.now()
        return self.filter(expires_at__gt=now, revoked_at__isnull=True)


class ServiceApiToken(models.Model):
    """A bearer token another system uses to read some services' anonymised responses.

    Only a hash is stored; the token itself is shown once, when it is created.
    """

    name = models.CharField(max_length=100, help_text="Which system uses it, and who owns it.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False)
    services = models.ManyToManyField(ServicePage, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_on = models.DateField(null=True, blank=True, editable=False)
    # Tokens made before expiry existed were given one a year from the migration.
    expires_at = models.DateTimeField(
        default=default_expiry, help_text="The token stops working at this time."
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="Set to stop the token working at once."
    )

    objects = ServiceApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "service API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class YouSaidWeDidPage(ReviewDates, Page):
    """A "You said, we did" update under a service: the themes people raised, what was done
    about them, and where that has got to."""

    you_said = models.TextField(
        "you said", help_text="What people told us, in plain words. Shown as plain text."
    )
    we_did = models.TextField(
        "we did", help_text="What we did, are doing or plan to do about it. Shown as plain text."
    )
    status = models.CharField(
        max_length=12, choices=UpdateStatus.choices, default=UpdateStatus.PLANNED
    )
    status_date = models.DateField(
        "date", help_text="When it was planned, started or done (for 'done': the day it was)."
    )
    themes = ParentalManyToManyField(
        "feedback.Theme",
        related_name="+",
        help_text="The themes of this service's feedback that this update answers.",
    )
    quoted_receipts = models.TextField(
        "comments to quote",
        blank=True,
        help_text="Optional: receipt references of anonymised comments to quote, one a line.",
    )
    recruitment = models.ForeignKey(
        "panels.Recruitment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the panel members who took part in it are emailed this update.",
    )

    base_form_class = YouSaidWeDidForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("you_said"),
        FieldPanel("we_did"),
        FieldPanel("status"),
        FieldPanel("status_date"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("quoted_receipts"),
        FieldPanel("recruitment"),
        *ReviewDates.review_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("you_said"),
                     index.SearchField("we_did")]  # fmt: skip
    parent_page_types = ["website.ServicePage"]
    subpage_types: list[str] = []
    template = "involvement/you_said_we_did_page.html"

    class Meta:
        verbose_name = "You said, we did update"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(update_context(update=self))
        return context


class OutcomeSubscription(models.Model):
    """An email address left on the thank-you page to hear what changed at a service.

    Kept apart from feedback: linked to the service only, never to a response; encrypted; used
    once, by the first update published under the service, then deleted (or after 12 months).
    """

    service = models.ForeignKey(ServicePage, on_delete=models.CASCADE, related_name="+")
    address = models.BinaryField()  # encrypted {"email": ...}
    # The language of the thank-you page the address was left on: the email is written in it.
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"Outcome subscription {self.pk} for service {self.service_id}"


class OutcomeEmail(models.Model):
    """One email telling one person about one update: the outbox row that makes it go once.

    `recipient` names the source (a subscription or a panel member) so that publishing an
    update twice adds nobody twice; `claimed_at` is the sending worker's lease.
    """

    update = models.ForeignKey(
        YouSaidWeDidPage, on_delete=models.CASCADE, related_name="outcome_emails"
    )
    recipient = models.CharField(max_length=40)
    address = models.BinaryField(default=b"", blank=True)  # encrypted; emptied once done
    member = models.ForeignKey(
        "panels.PanelMember", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The recipient's language (their subscription's or panel membership's), copied on queueing.
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["update", "recipient"], name="one_outcome_email_each")
        ]

    def __str__(self) -> str:
        return f"Outcome email {self.pk} for update {self.update_id}"


# --- Issue 15: opportunities to get involved, interest in them, decision records ------------

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# What those features store; anything else reaching a rich text field (an import, the API, a
# script) is stripped on save, as Wagtail's editor would have.
RICH_TAGS = ["p", "br", "b", "strong", "i", "em", "a", "ol", "ul", "li"]
RICH_ATTRIBUTES = {"a": ["href", "linktype", "id"]}
RICH_PROTOCOLS = ["http", "https", "mailto", "tel"]


def safe_rich_text(value: str) -> str:
    """Rich text with only the tags, attributes and link schemes the editor makes."""
    return bleach.clean(value or "", tags=RICH_TAGS, attributes=RICH_ATTRIBUTES,
                        protocols=RICH_PROTOCOLS, strip=True)  # fmt: skip


class GetInvolvedIndexPage(ReviewDates, Page):
    """The "Get involved" page: every open opportunity, filtered by stage, service, activity
    and online or in person (a GET form, so it works without JavaScript)."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), *ReviewDates.review_panels]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["involvement.OpportunityPage"]
    max_count = 1

    class Meta:
        verbose_name = "get involved index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return context | listing_context(
            params=request.GET, opportunities=OpportunityPage.objects.open()
        )


class OpportunityQuerySet(PageQuerySet):
    """Opportunity pages, with the question every listing asks: which are open."""

    def open(self, *, today: date | None = None) -> "OpportunityQuerySet":
        """Live opportunities whose closing date has not passed, closing soonest first."""
        today = today or timezone.localdate()
        return (
            self.live()
            .filter(closing_date__gte=today)
            .select_related("service")
            .order_by("closing_date", "title")
        )


class OpportunityPage(ReviewDates, RoutablePageMixin, Page):
    """One way to take part: a survey, interview, workshop, test, group or board.

    Under a service's page it belongs to that service; under "Get involved", to the whole
    organisation. After its closing date it leaves the listing and shows a "closed" banner.
    """

    # Set from the parent page on save, so listings filter by service without walking the tree.
    service = models.ForeignKey(
        ServicePage, null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="opportunities",
    )  # fmt: skip
    summary = models.CharField(max_length=300, help_text="One or two sentences shown in lists.")
    lifecycle_stage = models.CharField(
        "lifecycle stage", max_length=20, choices=LifecycleStage.choices,
        default=LifecycleStage.DESIGN,
    )  # fmt: skip
    activity = models.CharField(max_length=20, choices=Activity.choices)
    what_you_will_do = RichTextField(features=RICH_FEATURES)
    looking_for = RichTextField("who we are looking for", features=RICH_FEATURES)
    opens_on = models.DateField("start date", help_text="The first day people can take part.")
    closing_date = models.DateField(help_text="The last day people can take part or register.")
    ends_on = models.DateField(
        "end date", null=True, blank=True,
        help_text="When the activity itself ends, if after the closing date (a workshop, say).",
    )  # fmt: skip
    dates_and_times = models.CharField(
        max_length=200, blank=True, help_text="For example: Tuesday 14 April, 6pm to 8pm."
    )
    attendance = models.CharField(
        "online or in person", max_length=10, choices=Attendance.choices,
        default=Attendance.ONLINE,
    )  # fmt: skip
    place = models.TextField(blank=True, help_text="The address, for anything in person.")
    accessibility = RichTextField(
        features=RICH_FEATURES,
        help_text="Step-free access, hearing loop, BSL, easy read, breaks: what we offer.",
    )
    payment = RichTextField("payment and expenses", features=RICH_FEATURES, blank=True)
    register_interest = models.BooleanField(
        "people register interest here", default=True,
        help_text="Shows a form asking for a name and an email address.",
    )  # fmt: skip
    panel = models.ForeignKey(
        "panels.PanelPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="A panel people can join to take part.",
    )  # fmt: skip
    give_feedback = models.BooleanField(
        "link to the service's feedback form", default=False,
        help_text="For opportunities of a service: taking part is giving feedback.",
    )  # fmt: skip

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("lifecycle_stage"), FieldPanel("activity")],
                        heading="What kind of opportunity"),
        FieldPanel("what_you_will_do"),
        FieldPanel("looking_for"),
        MultiFieldPanel([FieldPanel("opens_on"), FieldPanel("closing_date"),
                         FieldPanel("ends_on"), FieldPanel("dates_and_times")],
                        heading="Dates"),
        MultiFieldPanel([FieldPanel("attendance"), FieldPanel("place")], heading="Where"),
        FieldPanel("accessibility"),
        FieldPanel("payment"),
        MultiFieldPanel([FieldPanel("register_interest"), FieldPanel("panel"),
                         FieldPanel("give_feedback")], heading="How to take part"),
        *ReviewDates.review_panels,
    ]  # fmt: skip
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.FilterField("closing_date")]  # fmt: skip
    parent_page_types = ["website.ServicePage", "involvement.GetInvolvedIndexPage"]
    subpage_types: list[str] = []
    objects = PageManager.from_queryset(OpportunityQuerySet)()

    class Meta:
        verbose_name = "opportunity to get involved"
        verbose_name_plural = "opportunities to get involved"

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_on and self.closing_date and self.closing_date < self.opens_on:
            errors["closing_date"] = _("The closing date must be on or after the start date")
        if self.ends_on and self.closing_date and self.ends_on < self.closing_date:
            errors["ends_on"] = _("The end date must be on or after the closing date")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        for name in ("what_you_will_do", "looking_for", "accessibility", "payment"):
            setattr(self, name, safe_rich_text(getattr(self, name)))
        parent = self.get_parent() if self.path else None
        self.service_id = parent.pk if parent and parent.specific_class is ServicePage else None
        return super().save(*args, **kwargs)

    @property
    def last_day(self) -> date:
        """When the opportunity ends: interest in it is deleted a while after this."""
        return self.ends_on or self.closing_date

    def is_closed(self, *, today: date | None = None) -> bool:
        """Whether the closing date has passed (in the site's time zone)."""
        return self.closing_date < (today or timezone.localdate())

    def is_open(self, *, today: date | None = None) -> bool:
        """Whether people can take part today."""
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closing_date

    def get_context(self, request, *args, **kwargs):
        from feedback.views import form_url  # feedback's views import the site's models

        context = super().get_context(request, *args, **kwargs)
        index = GetInvolvedIndexPage.objects.live().first()
        context.update(
            closed=self.is_closed(),
            register_url=self.url + self.reverse_subpage("register"),
            feedback_url=form_url(self.service) if self.give_feedback and self.service else "",
            get_involved_url=index.url if index else "",
        )
        return context

    @path("")
    def about(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("register/")
    def register(self, request: HttpRequest) -> HttpResponse:
        return interest_views.register_interest(request, opportunity=self)

    @path("registered/")
    def registered(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, template="involvement/interest_registered.html")


class Interest(models.Model):
    """Someone who registered interest in an opportunity: name and email, encrypted.

    Deleted INTEREST_RETENTION_DAYS after the opportunity ends (a daily task).
    """

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opportunity = models.ForeignKey(
        OpportunityPage, on_delete=models.CASCADE, related_name="interest"
    )
    # A keyed hash of the address: a second registration finds the first without decrypting.
    email_key = models.CharField(max_length=64)
    contact = models.BinaryField()  # encrypted: name, email, phone, access needs
    registered_at = models.DateTimeField(auto_now_add=True, db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    # What the researcher wrote in the invitation (when, where, how); no personal data.
    invitation = models.TextField(blank=True)
    invitation_sent_at = models.DateTimeField(null=True, blank=True)
    # The language of the opportunity page they registered on: their emails are written in it.
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "email_key"], name="one_interest_per_email"
            )  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"Interest {str(self.reference)[:8]} in {self.opportunity_id}"


class DecisionRecord(models.Model):
    """A decision that involving people informed: the evidence that the duty to involve was met.

    NHS England, "Working in partnership with people and communities: statutory guidance" (2022).
    """

    service = models.ForeignKey(ServicePage, on_delete=models.PROTECT, related_name="decisions")
    decision = models.CharField(max_length=200, help_text="The decision, in a sentence.")
    decided_on = models.DateField(help_text="The yearly report counts it in this year.")
    lifecycle_stage = models.CharField(
        "lifecycle stage", max_length=20, choices=LifecycleStage.choices
    )
    duty_applies = models.CharField(
        "the duty to involve applies", max_length=3, choices=DutyApplies.choices
    )
    duty_reason = models.TextField(
        "why it applies or not",
        help_text="For example: a change to how the service is delivered affects patients.",
    )
    level = models.CharField("level of involvement", max_length=12,
                             choices=InvolvementLevel.choices)  # fmt: skip
    opportunities = models.ManyToManyField(
        OpportunityPage, blank=True, related_name="decisions",
        help_text="The opportunities whose findings informed the decision.",
    )  # fmt: skip
    recruitment = models.ForeignKey(
        "panels.Recruitment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The panel recruitment used, if any: the report shows who it reached.",
    )  # fmt: skip
    people_took_part = models.PositiveIntegerField("number of people who took part", default=0)
    who_took_part = models.TextField(
        "who took part", blank=True,
        help_text="Groups reached, and anyone we did not hear from. No names.",
    )  # fmt: skip
    outcome = models.TextField(help_text="What was decided, and what changed because of it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("service"),
        FieldPanel("decision"),
        FieldPanel("decided_on"),
        FieldPanel("lifecycle_stage"),
        MultiFieldPanel([FieldPanel("duty_applies"), FieldPanel("duty_reason")],
                        heading="The duty to involve"),
        FieldPanel("level"),
        FieldPanel("opportunities"),
        MultiFieldPanel([FieldPanel("recruitment"), FieldPanel("people_took_part"),
                         FieldPanel("who_took_part")],
                        heading="Who took part"),
        FieldPanel("outcome"),
    ]  # fmt: skip

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["service", "decided_on"])]

    def __str__(self) -> str:
        return self.decision
