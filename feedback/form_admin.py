"""Admin pieces for intake: who may edit a service's feedback form, and the staff entry menu."""

from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from feedback.models import FeedbackForm
from website.choices import ADMINISTRATOR_GROUP
from website.models import ServiceRole
from website.permissions import (
    MAY_EDIT_FEEDBACK_FORMS,
    MAY_ENTER_FEEDBACK,
    get_object_or_404,
    has_service_role,
    holds_any_role,
    scope_to_user,
    services_for,
)


class FeedbackEntryMenuItem(MenuItem):
    """Shown to staff who may enter feedback for at least one service."""

    def is_shown(self, request):
        return holds_any_role(request.user, MAY_ENTER_FEEDBACK)


class FeedbackFormPolicy(BasePermissionPolicy):
    """Editors and service leads change the forms of their own services; administrators, all."""

    def user_has_permission(self, user, action):
        return holds_any_role(user, MAY_EDIT_FEEDBACK_FORMS)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, actions[0] if actions else "")

    def users_with_any_permission(self, actions):
        editors = ServiceRole.objects.filter(role__in=MAY_EDIT_FEEDBACK_FORMS).values("user_id")
        allowed = Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR_GROUP) | Q(pk__in=editors)
        return get_user_model().objects.filter(allowed, is_active=True).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])

    def user_has_permission_for_instance(self, user, action, instance):
        return has_service_role(user, instance.service_id, MAY_EDIT_FEEDBACK_FORMS)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_permission_for_instance(user, "", instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_to_user(user, FeedbackForm.objects.all(), MAY_EDIT_FEEDBACK_FORMS)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


class FeedbackFormAdminForm(WagtailAdminModelForm):
    """Offers only the services this editor may change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "service" in self.fields:
            self.fields["service"].queryset = services_for(self.for_user, MAY_EDIT_FEEDBACK_FORMS)


class ServiceScopedMixin:
    """Another service's form answers 404 before the view loads or changes anything."""

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk") or (args[0] if args else None)
        if pk is not None:
            get_object_or_404(
                request.user, FeedbackForm.objects.all(), unquote(str(pk)), MAY_EDIT_FEEDBACK_FORMS
            )
        return super().dispatch(request, *args, **kwargs)


def _scoped(view_class):
    return type(view_class.__name__, (ServiceScopedMixin, view_class), {})


class FeedbackFormViewSet(SnippetViewSet):
    """Editors add extra questions to a service's feedback form and change its follow-up label."""

    model = FeedbackForm
    icon = "form"
    menu_label = "Feedback forms"
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["service", "follow_up_label"]
    edit_handler = ObjectList(FeedbackForm.panels, base_form_class=FeedbackFormAdminForm)
    edit_view_class = _scoped(SnippetViewSet.edit_view_class)
    delete_view_class = _scoped(SnippetViewSet.delete_view_class)
    usage_view_class = _scoped(SnippetViewSet.usage_view_class)
    history_view_class = _scoped(SnippetViewSet.history_view_class)
    inspect_view_class = _scoped(SnippetViewSet.inspect_view_class)

    def get_queryset(self, request):
        return scope_to_user(request.user, FeedbackForm.objects.select_related("service"),
                             MAY_EDIT_FEEDBACK_FORMS)  # fmt: skip
