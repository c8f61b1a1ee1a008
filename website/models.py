"""The site's pages, per-service staff roles, moderation, the audit trail and the heartbeat."""

from functools import reduce
from operator import or_

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, Task, TaskState
from wagtail.search import index

from website.accessibility import TESTING, site_features
from website.blocks import BodyBlock, KnownIssueBlock
from website.choices import (
    ADMINISTRATOR_GROUP,
    CareSetting,
    LifecycleStage,
    ServiceRoleName,
    WcagCompliance,
)
from website.page_reviews import ReviewDates
from website.role_matrix import (
    MAY_PUBLISH_PAGES,
    has_service_role,
    held_service_ids,
    is_administrator,
)


class HomePage(ReviewDates, Page):
    """The organisation's home page: the root of the public site."""

    intro = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body"),
                      *ReviewDates.review_panels]  # fmt: skip
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "website.ServicesIndexPage",
        "website.ContentPage",
        "panels.PanelPage",
        "involvement.GetInvolvedIndexPage",
        "website.AccessibilityStatementPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services_index"] = ServicesIndexPage.objects.child_of(self).live().first()
        # Apps add a link here only to what is live (a panel to join, "You said, we did"),
        # through the `home_page_links` hook, so the home page never promises what is missing.
        context["home_links"] = [
            link for hook in hooks.get_hooks("home_page_links") for link in hook(self, request)
        ]
        return context


class ServicesIndexPage(ReviewDates, Page):
    """Lists every service the organisation runs, grouped by care setting."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), *ReviewDates.review_panels]
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


class ServicePage(ReviewDates, Page):
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
        *ReviewDates.review_panels,
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("care_setting"),
        FieldPanel("ods_code"),
        FieldPanel("lifecycle_stage"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["website.ServicesIndexPage"]
    subpage_types: list[str] = ["involvement.YouSaidWeDidPage", "involvement.OpportunityPage"]

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


class ContentPage(ReviewDates, Page):
    """A plain content page: privacy notice, accessibility statement, about us."""

    summary = models.CharField(max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        *ReviewDates.review_panels,
    ]
    parent_page_types = ["website.HomePage", "website.ContentPage"]
    subpage_types = ["website.ContentPage"]


class AccessibilityStatementPage(ReviewDates, Page):
    """The accessibility statement: what the site does is written from the site itself;
    administrators set the compliance status, known issues and how to ask for another format."""

    compliance = models.CharField(
        "Compliance with WCAG 2.2 AA", max_length=10, choices=WcagCompliance.choices,
        default=WcagCompliance.PARTIAL,
        help_text="Partially compliant while any known issue below is unfixed.",
    )  # fmt: skip
    known_issues = StreamField(
        [("issue", KnownIssueBlock())], blank=True,
        help_text="Each part of the site that fails the standard, and what you are doing about it.",
    )  # fmt: skip
    contact_email = models.EmailField(blank=True, help_text="Where to ask for another format.")
    contact_phone = models.CharField(max_length=40, blank=True)
    response_days = models.PositiveSmallIntegerField(
        default=5, help_text="Working days you take to reply to a request for another format."
    )
    tested_on = models.DateField(
        null=True, blank=True, help_text="When people last tested the site (an audit)."
    )
    prepared_on = models.DateField(null=True, blank=True)
    body = StreamField(BodyBlock(), blank=True, help_text="Anything else, shown near the end.")

    content_panels = [
        *Page.content_panels,
        FieldPanel("compliance"),
        FieldPanel("known_issues"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("response_days")],
            heading="Asking for another format",
        ),
        MultiFieldPanel([FieldPanel("tested_on"), FieldPanel("prepared_on")], heading="Dates"),
        FieldPanel("body"),
        *ReviewDates.review_panels,
    ]
    parent_page_types = ["website.HomePage"]
    subpage_types: list[str] = []
    # One per home page: each language's home page may hold its translation.
    max_count_per_parent = 1

    class Meta:
        verbose_name = "accessibility statement"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["features"] = site_features(request=request)
        context["testing"] = TESTING
        context["organisation"] = settings.ORGANISATION_NAME
        published = self.last_published_at.date() if self.last_published_at else None
        context["reviewed"] = self.last_reviewed or published or self.prepared_on
        return context


class ServiceRole(models.Model):
    """A member of staff's role on one service; every staff permission on data starts here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="service_roles"
    )
    # A service with staff is unpublished or archived, never deleted from under them.
    service = models.ForeignKey(ServicePage, on_delete=models.PROTECT, related_name="staff_roles")
    role = models.CharField(max_length=20, choices=ServiceRoleName.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "service", "role"], name="unique_service_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_role_display()} for {self.service}"


class ServicePageGroup(models.Model):
    """The Wagtail group holding one role's page permissions on one service's page.

    Its members are exactly the holders of that role on the service (website.page_rights).
    """

    service = models.ForeignKey(ServicePage, on_delete=models.CASCADE, related_name="page_groups")
    role = models.CharField(max_length=20, choices=ServiceRoleName.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "role"], name="unique_service_page_group")
        ]

    def __str__(self) -> str:
        return str(self.group)


# Which services' leads moderate a page: every public page type, not only the service page. A
# page under a service (an update, an opportunity) belongs to that service; a page with a
# `services` relation to service pages (a panel) belongs to those; any other page is the
# organisation's, moderated by administrators.


def _ancestor_paths(path: str) -> list[str]:
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def _linked_page_models() -> list[tuple[type[Page], str]]:
    """Page types with a many-to-many `services` to ServicePage, and that field's name."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        field = next((f for f in model._meta.get_fields() if f.name == "services"), None)
        if field is not None and field.many_to_many and field.related_model is ServicePage:
            found.append((model, field.name))
    return found


def service_ids_of(page: Page) -> list[int]:
    """The services whose leads approve `page`: its service (itself, or the one it is under),
    else the services it is linked to; empty for an organisation page."""
    under = list(
        ServicePage.objects.filter(path__in=_ancestor_paths(page.path)).values_list("pk", flat=True)
    )
    if under:
        return under
    for model, name in _linked_page_models():
        if model.objects.filter(pk=page.pk).exists():
            return list(model.objects.filter(pk=page.pk).values_list(f"{name}__pk", flat=True)
                        .exclude(**{f"{name}__pk": None}))  # fmt: skip
    return []


def page_ids_of_services(service_ids) -> Q:
    """A filter on Page for the pages those services' leads approve: the services' pages, those
    under them and those linked to them."""
    services = list(ServicePage.objects.filter(pk__in=service_ids).values_list("path", flat=True))
    if not services:
        return Q(pk__in=[])
    linked = [model.objects.filter(**{f"{name}__in": service_ids}).values("pk")
              for model, name in _linked_page_models()]  # fmt: skip
    return reduce(or_, [Q(path__startswith=path) for path in services] +
                  [Q(pk__in=ids) for ids in linked])  # fmt: skip


class ServiceLeadApprovalTask(Task):
    """Moderation by the service leads of the page's service (`service_ids_of`: the service
    itself, pages under it, pages linked to it); other pages, by administrators."""

    admin_form_fields = Task.admin_form_fields

    def _may_approve(self, obj, user) -> bool:
        if is_administrator(user):
            return True
        return isinstance(obj, Page) and any(
            has_service_role(user, service_id, MAY_PUBLISH_PAGES)
            for service_id in service_ids_of(obj)
        )

    def user_can_access_editor(self, obj, user):
        return self._may_approve(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_approve(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_approve(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self._may_approve(obj, user):
            return []
        return [
            ("reject", "Request changes", True),
            ("approve", "Approve", False),
            ("approve", "Approve with comment", True),
        ]

    def approvers(self, obj):
        """Who may approve `obj` at this step: its service's leads, or else administrators."""
        users = get_user_model().objects.filter(is_active=True)
        if service_ids := service_ids_of(obj):
            leads = ServiceRole.objects.filter(
                service_id__in=service_ids, role__in=MAY_PUBLISH_PAGES
            )
            return users.filter(pk__in=leads.values("user_id"))
        administrators = Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR_GROUP)
        return users.filter(administrators).distinct()

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if is_administrator(user):
            return states
        services = held_service_ids(user, MAY_PUBLISH_PAGES)
        pages = Page.objects.filter(page_ids_of_services(services)).values_list("pk", flat=True)
        ids = [str(pk) for pk in pages]
        return states.filter(
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__object_id__in=ids,
        )

    @classmethod
    def get_description(cls):
        return "The service leads of the page's service approve; administrators approve the rest"

    class Meta:
        verbose_name = "service lead approval task"


class Heartbeat(models.Model):
    """When a periodic job last ran; `/readyz` reports its age."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class AuditEvent(models.Model):
    """An append-only record of who viewed or changed personal data, and when."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # PROTECT, not SET_NULL: a row is never rewritten (on PostgreSQL a trigger refuses it), so
    # staff with a history are deactivated rather than deleted, and services archived.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    service = models.ForeignKey(
        ServicePage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
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
