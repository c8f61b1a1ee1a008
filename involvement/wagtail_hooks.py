"""Admin wiring: the insight boards, the organisation overview, API tokens; service page link."""

from django.urls import include, path, reverse
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from involvement import admin_urls
from involvement.decision_admin import DecisionRecordPolicy, DecisionRecordViewSet
from involvement.models import (
    DecisionRecord,
    GetInvolvedIndexPage,
    ServiceApiToken,
    YouSaidWeDidPage,
)
from website.permissions import (
    MAY_READ_BOARDS,
    MAY_RECORD_DECISIONS,
    MAY_SEE_INTEREST,
    READ_BOARD,
    holds_any_role,
    may,
    may_see_overview,
)
from website.wagtail_hooks import AdministratorsOnlyPolicy


class BoardsMenuItem(MenuItem):
    """Shown to staff with a role on some service, and to administrators."""

    def is_shown(self, request):
        return holds_any_role(request.user, MAY_READ_BOARDS)


class OverviewMenuItem(MenuItem):
    """Shown to administrators and service leads."""

    def is_shown(self, request):
        return may_see_overview(request.user)


@hooks.register("register_admin_urls")
def register_involvement_urls():
    return [path("involvement/", include(admin_urls, namespace="involvement_admin"))]


@hooks.register("register_admin_menu_item")
def register_boards_menu_item():
    return BoardsMenuItem("Insight boards", reverse("involvement_admin:boards"),
                          icon_name="table", order=220)  # fmt: skip


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem("Organisation overview", reverse("involvement_admin:overview"),
                            icon_name="view", order=221)  # fmt: skip


class ServiceApiTokenPolicy(AdministratorsOnlyPolicy):
    """Administrators list, edit and revoke tokens; only the command creates them (shown once)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(
    ServiceApiToken, ServiceApiTokenPolicy(ServiceApiToken), exact_class=True
)


class ServiceApiTokenViewSet(ModelViewSet):
    """Administrators list and revoke FHIR tokens; `manage.py create_api_token` makes them."""

    model = ServiceApiToken
    icon = "key"
    menu_label = "API tokens"
    menu_order = 930
    add_to_settings_menu = True
    form_fields = ["name", "services", "expires_at", "revoked_at"]
    list_display = ["name", "prefix", "created_at", "last_used_on", "expires_at", "revoked_at"]


@hooks.register("register_admin_viewset")
def register_token_viewset():
    return ServiceApiTokenViewSet("involvement_tokens")


@hooks.register("staff_service_links")
def board_link(service, user):
    """The dashboard links each reader of a service's board to it."""
    if not may(user, READ_BOARD, service):
        return []
    return [{"url": reverse("involvement_admin:board", args=[service.pk]),
             "text": "Read its insight board"}]  # fmt: skip


@hooks.register("service_page_links")
def performance_link(page, request):
    """Every live service page links to its published performance."""
    return [{"url": reverse("involvement:performance_service", args=[page.slug]),
             "text": gettext("How this service is doing")}]  # fmt: skip


# --- Issue 15: interest in opportunities, decision records, the yearly report --------------


class InterestMenuItem(MenuItem):
    """Shown to researchers (on any service) and administrators."""

    def is_shown(self, request):
        return holds_any_role(request.user, MAY_SEE_INTEREST)


class ReportsMenuItem(MenuItem):
    """Shown to those who keep decision records."""

    def is_shown(self, request):
        return holds_any_role(request.user, MAY_RECORD_DECISIONS)


@hooks.register("register_admin_menu_item")
def register_interest_menu_item():
    return InterestMenuItem("Interest in opportunities",
                            reverse("involvement_admin:interest_index"), icon_name="user",
                            order=223)  # fmt: skip


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem("Yearly involvement reports", reverse("involvement_admin:reports"),
                           icon_name="doc-full-inverse", order=224)  # fmt: skip


register_permission_policy(DecisionRecord, DecisionRecordPolicy(DecisionRecord), exact_class=True)


@hooks.register("register_admin_viewset")
def register_decision_viewset():
    return DecisionRecordViewSet("involvement_decisions")


@hooks.register("home_page_links")
def get_involved_links(home, request):
    """The home page links to "Get involved" and "You said, we did" only once they have pages:
    the "Get involved" page live under it, at least one live update for the index to list."""
    links = [{"url": page.get_url(request), "text": gettext("Find ways to get involved")}
             for page in GetInvolvedIndexPage.objects.child_of(home).live()[:1]]  # fmt: skip
    if YouSaidWeDidPage.objects.live().exists():
        links.append({"url": reverse("involvement:you_said_we_did"),
                      "text": gettext("See what changed: you said, we did")})  # fmt: skip
    return links
