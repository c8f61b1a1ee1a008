"""Admin screens for the site: service roles, which only administrators may give or take away."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from website.choices import ADMINISTRATOR_GROUP
from website.models import ServiceRole
from website.permissions import is_administrator


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


# Registered before the viewset asks for a policy, so Wagtail never makes its fallback one.
register_permission_policy(ServiceRole, AdministratorsOnlyPolicy(ServiceRole), exact_class=True)


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


@hooks.register("register_admin_viewset")
def register_service_role_viewset():
    return ServiceRoleViewSet("service_roles")
