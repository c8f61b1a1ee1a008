"""Decision records in the Wagtail admin: researchers and service leads of a service keep its
records; administrators keep all. Another service's record answers 404."""

from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from involvement.models import DecisionRecord, OpportunityPage
from panels.models import Recruitment
from website.choices import ADMINISTRATOR_GROUP
from website.models import ServiceRole
from website.permissions import (
    MAY_RECORD_DECISIONS,
    get_object_or_404,
    has_service_role,
    holds_any_role,
    scope_to_user,
    service_ids_for,
    services_for,
)


class DecisionRecordPolicy(BasePermissionPolicy):
    """Per service, from the role matrix's "Decision records" row."""

    def user_has_permission(self, user, action):
        return holds_any_role(user, MAY_RECORD_DECISIONS)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, "")

    def users_with_any_permission(self, actions):
        holders = ServiceRole.objects.filter(role__in=MAY_RECORD_DECISIONS).values("user_id")
        allowed = Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR_GROUP) | Q(pk__in=holders)
        return get_user_model().objects.filter(allowed, is_active=True).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])

    def user_has_permission_for_instance(self, user, action, instance):
        return has_service_role(user, instance.service_id, MAY_RECORD_DECISIONS)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_permission_for_instance(user, "", instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_to_user(user, DecisionRecord.objects.all(), MAY_RECORD_DECISIONS)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


class DecisionRecordForm(WagtailAdminModelForm):
    """Offers only the services, and their opportunities, this user keeps records for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        if "service" in self.fields:
            self.fields["service"].queryset = services_for(self.for_user, MAY_RECORD_DECISIONS)
        if "opportunities" in self.fields:
            ids = service_ids_for(self.for_user, MAY_RECORD_DECISIONS)
            opportunities = OpportunityPage.objects.order_by("title")
            if ids is not None:
                opportunities = opportunities.filter(service_id__in=ids)
            self.fields["opportunities"].queryset = opportunities
        if "recruitment" in self.fields:
            self.fields["recruitment"].queryset = scope_to_user(
                self.for_user, Recruitment.objects.all(), MAY_RECORD_DECISIONS
            )

    def clean(self):
        cleaned = super().clean()
        service = cleaned.get("service")
        for opportunity in cleaned.get("opportunities") or []:
            if service and opportunity.service_id not in (None, service.pk):
                self.add_error("opportunities", "Choose only opportunities of this service")
                break
        recruitment = cleaned.get("recruitment")
        if service and recruitment and recruitment.service_id != service.pk:
            self.add_error("recruitment", "Choose a recruitment for this service")
        return cleaned


class ServiceScopedMixin:
    """Another service's record answers 404 before the view loads or changes anything."""

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk") or (args[0] if args else None)
        if pk is not None:
            get_object_or_404(
                request.user, DecisionRecord.objects.all(), unquote(str(pk)), MAY_RECORD_DECISIONS
            )
        return super().dispatch(request, *args, **kwargs)


def _scoped(view_class):
    return type(view_class.__name__, (ServiceScopedMixin, view_class), {})


class DecisionRecordIndexView(IndexView):
    """Only the records of services this user keeps records for."""

    def get_base_queryset(self):
        records = super().get_base_queryset().select_related("service")
        return scope_to_user(self.request.user, records, MAY_RECORD_DECISIONS)


class DecisionRecordViewSet(ModelViewSet):
    """Each decision involvement informed: the evidence pack the yearly report is made from."""

    model = DecisionRecord
    icon = "doc-full"
    menu_label = "Decision records"
    menu_order = 222
    add_to_admin_menu = True
    list_display = ["decision", "service", "decided_on", "lifecycle_stage", "level"]
    list_filter = ["lifecycle_stage", "level", "duty_applies"]
    search_fields = ["decision"]
    edit_handler = ObjectList(DecisionRecord.panels, base_form_class=DecisionRecordForm)
    index_view_class = DecisionRecordIndexView
    edit_view_class = _scoped(ModelViewSet.edit_view_class)
    delete_view_class = _scoped(ModelViewSet.delete_view_class)
    copy_view_class = _scoped(ModelViewSet.copy_view_class)
    inspect_view_class = _scoped(ModelViewSet.inspect_view_class)
    history_view_class = _scoped(ModelViewSet.history_view_class)
    usage_view_class = _scoped(ModelViewSet.usage_view_class)
