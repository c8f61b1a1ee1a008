"""Admin screens for the site: service roles and the audit trail (administrators only), the
dashboard panel of each member of staff's services, and the guard on deleting service pages."""

import django_filters

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import router
from django.db.models import Q
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from website.audit import record
from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.locales import in_default_language
from website.models import AuditEvent, ServicePage, ServiceRole
from website.permissions import (
    EDIT_PAGES,
    is_administrator,
    may,
    roles_by_service,
    services_for,
)
from website.spreadsheets import safe_cell


class AdministratorsOnlyPolicy(BasePermissionPolicy):
    """Every action on the model is for administrators (and superusers) alone."""

    def user_has_permission(self, user, action):
        return is_administrator(user)

    def user_has_any_permission(self, user, actions):
        return is_administrator(user)

    def users_with_any_permission(self, actions):
        administrators = Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR_GROUP)
        return get_user_model().objects.filter(administrators, is_active=True).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class ReadOnlyForAdministratorsPolicy(AdministratorsOnlyPolicy):
    """Administrators may list and export; nobody adds, changes or deletes."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Registered before the viewsets ask for a policy, so Wagtail never makes its fallback one.
register_permission_policy(ServiceRole, AdministratorsOnlyPolicy(ServiceRole), exact_class=True)
register_permission_policy(
    AuditEvent, ReadOnlyForAdministratorsPolicy(AuditEvent), exact_class=True
)


# --- Service roles: the audit trail names the administrator who gave or took each one --------


class ServiceRoleCreateView(CreateView):
    def save_instance(self):
        self.form.instance._audit_user = self.request.user
        return super().save_instance()


class ServiceRoleEditView(EditView):
    def save_instance(self):
        self.form.instance._audit_user = self.request.user
        return super().save_instance()


class ServiceRoleDeleteView(DeleteView):
    def delete_action(self):
        self.object._audit_user = self.request.user
        super().delete_action()


class ServiceRoleViewSet(ModelViewSet):
    """Give members of staff roles on services; each role grants access to that service only."""

    model = ServiceRole
    icon = "group"
    menu_label = "Service roles"
    menu_order = 610
    add_to_admin_menu = True
    form_fields = ["user", "service", "role"]
    list_display = ["user", "service", "role"]
    list_filter = ["role", "service"]
    ordering = ["user__username", "service__title"]
    add_view_class = ServiceRoleCreateView
    edit_view_class = ServiceRoleEditView
    delete_view_class = ServiceRoleDeleteView


@hooks.register("register_admin_viewset")
def register_service_role_viewset():
    return ServiceRoleViewSet("service_roles")


# --- The audit trail -------------------------------------------------------------------------


def _actions():
    return [(a, a) for a in AuditEvent.objects.order_by("action").values_list("action", flat=True)
            .distinct()]  # fmt: skip


class AuditEventFilterSet(WagtailFilterSet):
    """Who, what, which service and when."""

    user = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.order_by("username"), label="User"
    )
    action = django_filters.ChoiceFilter(choices=_actions, label="Action")
    service = django_filters.ModelChoiceFilter(
        queryset=in_default_language(ServicePage.objects.order_by("title")), label="Service"
    )
    at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)

    class Meta:
        model = AuditEvent
        fields = ["user", "action", "service", "at"]


class AuditEventIndexView(IndexView):
    """The list; its CSV cells pass through the site's formula guard, and exports are audited."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "service")

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value

    def as_spreadsheet(self, queryset, spreadsheet_format):
        query = self.request.GET.copy()
        query.pop("export", None)
        record(user=self.request.user, action="audit.exported",
               detail=f"{spreadsheet_format} {query.urlencode()}".strip())  # fmt: skip
        return super().as_spreadsheet(queryset, spreadsheet_format)


class AuditEventViewSet(ModelViewSet):
    """Who viewed, exported or changed what, and when: read-only, for administrators."""

    model = AuditEvent
    icon = "history"
    menu_label = "Audit trail"
    menu_order = 940
    add_to_settings_menu = True
    index_view_class = AuditEventIndexView
    form_fields: list[str] = []  # nobody adds or edits an event (the policy), so no fields
    filterset_class = AuditEventFilterSet
    list_display = ["at", "user", "action", "object_type", "object_id", "service", "outcome",
                    "detail"]  # fmt: skip
    list_export = list_display
    export_filename = "audit-trail"
    list_per_page = 50
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEventViewSet("audit_trail")


# --- Service pages and staff accounts keep their records ------------------------------------------


@hooks.register("before_delete_page")
def refuse_deleting_a_page_with_records(request, page):
    """A service with staff, feedback or an audit history is unpublished, never deleted."""
    collector = Collector(using=router.db_for_write(ServicePage))
    try:
        collector.collect(list(page.get_descendants(inclusive=True).specific()))
    except (ProtectedError, RestrictedError):
        messages.error(request, f"“{page.title}” has staff roles, feedback or an audit history, "
                       "so it cannot be deleted. Unpublish it instead.")  # fmt: skip
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_delete_user")
def refuse_deleting_a_user_with_history(request, user):
    """The audit trail keeps who did what for six years: such accounts are deactivated."""
    if not AuditEvent.objects.filter(user=user).exists():
        return None
    messages.error(request, f"{user.get_username()} has an audit history, so the account cannot "
                   "be deleted. Deactivate it instead (untick Active).")  # fmt: skip
    return redirect("wagtailusers_users:edit", user.pk)


# --- The dashboard: what each member of staff can act on -------------------------------------


class MyServicesPanel(Component):
    """The services this person holds roles on, with a link to each thing they may do there."""

    name = "my_services"
    order = 50
    template_name = "website/admin/my_services_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        user = self.request.user
        held = roles_by_service(user)
        rows = []
        for service in services_for(user).order_by("title"):
            links = []
            if may(user, EDIT_PAGES, service):
                url = reverse("wagtailadmin_pages:edit", args=[service.pk])
                links.append({"url": url, "text": "Edit its page"})
            for hook in hooks.get_hooks("staff_service_links"):
                links.extend(hook(service, user))
            labels = sorted(ServiceRoleName(role).label for role in held.get(service.pk, ()))
            rows.append({"service": service, "roles": labels or ["Administrator"],
                         "links": links})  # fmt: skip
        return {"rows": rows, "is_administrator": is_administrator(user)}


@hooks.register("construct_homepage_panels")
def add_my_services_panel(request, panels):
    panels.append(MyServicesPanel(request))


class OverdueReviewsMenuItem(MenuItem):
    """Shown to anyone who may edit some page."""

    def is_shown(self, request):
        policy = PagePermissionPolicy()
        return policy.user_has_any_permission(request.user, ["change", "publish"])


@hooks.register("register_admin_urls")
def register_overdue_reviews_url():
    from website.review_views import overdue_reviews

    return [path("reviews/overdue/", overdue_reviews, name="overdue_reviews")]


@hooks.register("register_reports_menu_item")
def register_overdue_reviews_menu_item():
    return OverdueReviewsMenuItem(
        "Pages overdue for review",
        reverse("overdue_reviews"),
        name="overdue-reviews",
        icon_name="date",
        order=650,
    )
