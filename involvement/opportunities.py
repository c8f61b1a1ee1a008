"""The "Get involved" listing: open opportunities, filtered by stage, service, activity and
online or in person. Filters come from a GET form, so the page works without JavaScript.

The index page model asks this module with its open opportunities (OpportunityPage.objects.open),
so it imports no models of its own app.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from involvement.choices import Activity, Attendance
from website.choices import LifecycleStage
from website.locales import in_default_language
from website.models import ServicePage

ORGANISATION = "organisation"  # the service filter's value for organisation-wide opportunities


class OpportunityFilterForm(forms.Form):
    """The listing's filters; an unknown value is ignored rather than shown as an error."""

    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("Any stage")), *LifecycleStage.choices]
    )
    service = forms.ChoiceField(label=_("Service"), required=False)
    activity = forms.ChoiceField(
        label=_("Activity"), required=False, choices=[("", _("Any activity")), *Activity.choices]
    )
    attendance = forms.ChoiceField(
        label=_("Online or in person"),
        required=False,
        choices=[
            ("", _("Either")),
            (Attendance.ONLINE, _("Online")),
            (Attendance.IN_PERSON, _("In person")),
        ],
    )

    def __init__(self, *args, services: QuerySet[ServicePage], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [
            ("", _("Any service")),
            (ORGANISATION, _("The whole organisation")),
            *((s.slug, s.title) for s in services),
        ]


@dataclass(frozen=True)
class Filters:
    """What the listing is narrowed to; empty strings mean any."""

    stage: str = ""
    service: str = ""
    activity: str = ""
    attendance: str = ""


def filter_opportunities(opportunities: QuerySet, *, filters: Filters) -> QuerySet:
    """Narrow a queryset of opportunities to the filters."""
    if filters.stage:
        opportunities = opportunities.filter(lifecycle_stage=filters.stage)
    if filters.activity:
        opportunities = opportunities.filter(activity=filters.activity)
    if filters.attendance:
        # "Online or in person" suits either filter.
        opportunities = opportunities.filter(
            Q(attendance=filters.attendance) | Q(attendance=Attendance.BOTH)
        )
    if filters.service == ORGANISATION:
        opportunities = opportunities.filter(service__isnull=True)
    elif filters.service:
        opportunities = opportunities.filter(service__slug=filters.service)
    return opportunities


def listing_context(*, params, opportunities: QuerySet) -> dict:
    """Context for the "Get involved" page: the filter form and which of the open
    `opportunities` match it."""
    services = (
        in_default_language(ServicePage.objects.live()).order_by("title").only("slug", "title")
    )
    form = OpportunityFilterForm(params, services=services)
    form.is_valid()  # an unknown value drops that filter; the valid ones still apply
    filters = Filters(**{name: form.cleaned_data.get(name, "") for name in form.fields})
    listed = list(filter_opportunities(opportunities, filters=filters))
    return {"filter_form": form, "opportunities": listed, "filtered": filters != Filters()}
