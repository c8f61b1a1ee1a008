"""API tokens for other systems (FHIR), "You said, we did" updates, and the emails telling
people what changed."""

import hashlib
from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from involvement.update_forms import YouSaidWeDidForm
from involvement.update_status import UpdateStatus
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
        from involvement.updates import update_context  # it reads this module's models

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
