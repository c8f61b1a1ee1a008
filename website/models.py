"""The site's pages, per-service staff roles and the beat heartbeat."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from website.blocks import BodyBlock
from website.choices import CareSetting, LifecycleStage, ServiceRoleName


class HomePage(Page):
    """The organisation's home page: the root of the public site."""

    intro = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["website.ServicesIndexPage", "website.ContentPage", "panels.PanelPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services_index"] = ServicesIndexPage.objects.child_of(self).live().first()
        return context


class ServicesIndexPage(Page):
    """Lists every service the organisation runs, grouped by care setting."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.ServicePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = ServicePage.objects.child_of(self).live().order_by("title")
        context["services"] = services
        return context


ods_code_validator = RegexValidator(
    r"^[A-Z0-9]{3,10}$",
    "Enter an ODS code of 3 to 10 capital letters and numbers, like RX1 or A81001.",
)


class ServicePage(Page):
    """One service the organisation runs: what it is, how to reach it, where it is in its life."""

    summary = models.CharField(max_length=300, help_text="One or two sentences shown in lists.")
    body = StreamField(BodyBlock(), blank=True)
    care_setting = models.CharField(
        max_length=20, choices=CareSetting.choices, default=CareSetting.HOSPITAL
    )
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_address = models.TextField(blank=True)
    ods_code = models.CharField(
        "ODS code",
        max_length=10,
        blank=True,
        validators=[ods_code_validator],
        help_text="Organisation Data Service code, if the service has one.",
    )
    lifecycle_stage = models.CharField(
        max_length=20, choices=LifecycleStage.choices, default=LifecycleStage.DELIVERY
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_address"),
            ],
            heading="Contact details",
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("care_setting"),
        FieldPanel("ods_code"),
        FieldPanel("lifecycle_stage"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["website.ServicesIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "service"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Apps built on the site add links here (give feedback, performance, ...) through the
        # `service_page_links` hook, so the site never imports them.
        context["service_links"] = [
            link for hook in hooks.get_hooks("service_page_links") for link in hook(self, request)
        ]
        return context


class ContentPage(Page):
    """A plain content page: privacy notice, accessibility statement, about us."""

    summary = models.CharField(max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True)
    last_reviewed = models.DateField(null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["website.HomePage", "website.ContentPage"]
    subpage_types = ["website.ContentPage"]


class ServiceRole(models.Model):
    """A member of staff's role on one service; every staff permission on data starts here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="service_roles"
    )
    service = models.ForeignKey(ServicePage, on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(max_length=20, choices=ServiceRoleName.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "service", "role"], name="unique_service_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_role_display()} for {self.service}"


class Heartbeat(models.Model):
    """When a periodic job last ran; `/readyz` reports its age."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class AuditEvent(models.Model):
    """An append-only record of who viewed or changed personal data, and when."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    service = models.ForeignKey(
        ServicePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, default="ok")
    # Short words about the action (a filter used, a count), never the personal data itself.
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)
