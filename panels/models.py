"""Panel pages, the people who join them, and the record of what each agreed to."""

import uuid

from django import forms
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.text import capfirst

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from panels.choices import (
    Activity,
    AgeBand,
    InvitationStatus,
    MemberStatus,
    RecruitmentStatus,
    Setting,
)
from panels.sign_up_views import sign_up
from website.choices import Language, LifecycleStage
from website.page_reviews import ReviewDates

SECTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class StageListField(models.JSONField):
    """A list of LifecycleStage values, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=LifecycleStage.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )


class PanelPage(ReviewDates, RoutablePageMixin, Page):
    """A patient and carer panel people can join: for the organisation or for chosen services.

    The page describes the panel; its `join/` route is the sign-up form.
    """

    purpose = RichTextField(features=SECTION_FEATURES, help_text="What the panel is for.")
    looking_for = RichTextField("who we are looking for", features=SECTION_FEATURES, blank=True)
    taking_part = RichTextField("what taking part involves", features=SECTION_FEATURES, blank=True)
    payment = RichTextField("payment and expenses", features=SECTION_FEATURES, blank=True)
    privacy_notice = RichTextField(
        features=SECTION_FEATURES,
        help_text="What we keep, why, for how long, and who sees it.",
    )
    stages = StageListField(
        "stages it supports",
        default=list,
        blank=True,
        help_text="The points in a service's life this panel helps with.",
    )
    services = ParentalManyToManyField(
        "website.ServicePage",
        blank=True,
        related_name="panel_pages",
        help_text="Leave empty for a panel that recruits for the whole organisation.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        FieldPanel("looking_for"),
        FieldPanel("taking_part"),
        FieldPanel("payment"),
        FieldPanel("privacy_notice"),
        FieldPanel("stages"),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        *ReviewDates.review_panels,
    ]
    parent_page_types = ["website.HomePage"]
    subpage_types: list[str] = []
    template = "panels/panel_page.html"

    class Meta:
        verbose_name = "panel"

    @property
    def stage_labels(self) -> list[str]:
        labels = dict(LifecycleStage.choices)
        return [labels[s] for s in self.stages if s in labels]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["join_url"] = self.url + self.reverse_subpage("join")
        return context

    @path("")
    def about(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("join/")
    def join(self, request: HttpRequest) -> HttpResponse:
        return sign_up(request, panel=self)

    @path("check-your-email/")
    def check_your_email(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, template="panels/check_your_email.html")


class PanelMemberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.exclude(status=MemberStatus.PENDING)


class PanelMember(models.Model):
    """One person on one panel. Contact details and everything about them are encrypted;
    only the bands and flags researchers match on are plain, indexed fields."""

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    panel = models.ForeignKey(PanelPage, on_delete=models.CASCADE, related_name="members")
    status = models.CharField(
        max_length=10, choices=MemberStatus.choices, default=MemberStatus.PENDING, db_index=True
    )
    # An HMAC of the normalised address: finds a returning person without decrypting anyone.
    email_key = models.CharField(max_length=64)
    contact = models.BinaryField()  # encrypted: name, email, phone, contact method
    details = models.BinaryField()  # encrypted: demographics, access needs, language, times
    age_band = models.CharField(max_length=8, choices=AgeBand.choices, db_index=True)
    postcode_district = models.CharField(max_length=4, db_index=True)
    ways = models.PositiveSmallIntegerField(default=0, db_index=True)  # WayToTakePart bits
    services = models.ManyToManyField("website.ServicePage", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    consent_renewed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # When we last emailed them about their membership: repeated sign-ups send one email a while.
    last_emailed_at = models.DateTimeField(null=True, blank=True)
    # The contact cap and "not contacted in the last N days" read this plain, indexed field.
    last_invited_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Set by staff when someone asks, by phone or letter, never to be contacted: never invited.
    do_not_contact = models.BooleanField(default=False)
    # Consent-renewal warnings sent since consent was last renewed (0, 1: 30 days, 2: 7 days).
    renewal_warnings = models.PositiveSmallIntegerField(default=0)
    # The language of the pages they signed up on: every email to them is written in it.
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)

    objects = PanelMemberQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "email_key"], name="one_member_per_email")
        ]

    def __str__(self) -> str:
        return f"Member {str(self.reference)[:8]} of {self.panel_id}"


class ConsentRecord(models.Model):
    """Proof of what someone agreed to and when; it holds no contact details and outlives the
    member (kept 6 years after withdrawal)."""

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    member = models.ForeignKey(
        PanelMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="consents"
    )
    panel = models.ForeignKey(
        PanelPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purposes = models.JSONField(default=list)
    text_version = models.CharField(max_length=20)
    given_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"Consent {str(self.reference)[:8]} ({self.text_version})"


class Recruitment(models.Model):
    """A study a researcher recruits panel members for, for one service, with its criteria.

    Members of the panels that recruit for the service (and organisation-wide panels) match.
    """

    service = models.ForeignKey(
        "website.ServicePage", on_delete=models.CASCADE, related_name="recruitments"
    )
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=10, choices=LifecycleStage.choices)
    activity = models.CharField(max_length=20, choices=Activity.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    setting = models.CharField("where", max_length=10, choices=Setting.choices)
    place = models.CharField(max_length=200, blank=True, help_text="Address, for in person.")
    target_number = models.PositiveIntegerField(help_text="How many people you need.")
    description = models.TextField(
        "what taking part involves", max_length=2000, blank=True,
        help_text="Sent in the invitation email, as plain text.",
    )  # fmt: skip
    payment = models.CharField("payment and expenses", max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=RecruitmentStatus.choices, default=RecruitmentStatus.OPEN
    )
    # Criteria: an empty list matches everyone.
    age_bands = models.JSONField(default=list, blank=True)
    services_used = models.ManyToManyField("website.ServicePage", blank=True, related_name="+")
    access_needs_met = models.JSONField(default=list, blank=True)
    ways = models.JSONField(default=list, blank=True)
    not_contacted_days = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """One member on one recruitment's shortlist: invited, their answer, attendance, payment.

    Goes with the member when they leave (CASCADE): nothing about them stays in any list.
    """

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recruitment = models.ForeignKey(
        Recruitment, on_delete=models.CASCADE, related_name="invitations"
    )
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="invitations")
    status = models.CharField(
        max_length=12, choices=InvitationStatus.choices, default=InvitationStatus.SHORTLISTED
    )
    shortlisted_at = models.DateTimeField(auto_now_add=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    # Set once, by the one task run that sends the email: a retried task sends nothing more.
    emailed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    payment_made = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    expenses_paid = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recruitment", "member"], name="one_invitation_each")
        ]

    def __str__(self) -> str:
        return f"Invitation {str(self.reference)[:8]}"


class PopulationFigure(models.Model):
    """Local population proportions uploaded by an administrator; replaces the census default
    for a dimension (age band, sex, ethnicity, disability) when present."""

    dimension = models.CharField(max_length=20)
    group = models.CharField(max_length=20)
    proportion = models.DecimalField(max_digits=6, decimal_places=5)
    source = models.CharField(max_length=300)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dimension", "group"], name="one_figure_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.group}: {self.proportion}"
