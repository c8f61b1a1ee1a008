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

from panels.choices import AgeBand, MemberStatus
from website.choices import LifecycleStage

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


class PanelPage(RoutablePageMixin, Page):
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
        from panels.views import sign_up  # the view imports this module

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
    consent_renewed_at = models.DateTimeField(null=True, blank=True)
    # When we last emailed them about their membership: repeated sign-ups send one email a while.
    last_emailed_at = models.DateTimeField(null=True, blank=True)

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
