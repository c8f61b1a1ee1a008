"""Factories for involvement's pages and records, shared by the tests and the demo loader."""

from datetime import timedelta

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.utils import timezone

from involvement.choices import Activity, Attendance, DutyApplies, InvolvementLevel
from involvement.models import DecisionRecord, GetInvolvedIndexPage, OpportunityPage
from website.choices import LifecycleStage


class GetInvolvedIndexPageFactory(wagtail_factories.PageFactory):
    """The "Get involved" page under the home page."""

    title = "Get involved"
    slug = "get-involved"
    intro = (
        "Help us plan, design and improve our services: take a survey, join a workshop, "
        "try out something new or join a group."
    )

    class Meta:
        model = GetInvolvedIndexPage


class OpportunityPageFactory(wagtail_factories.PageFactory):
    """An online survey, open for the next four weeks."""

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    summary = factory.LazyAttribute(lambda o: f"Help us with {o.title.lower()}.")
    lifecycle_stage = LifecycleStage.DESIGN
    activity = Activity.SURVEY
    what_you_will_do = "<p>Answer 10 questions online. It takes about 15 minutes.</p>"
    looking_for = (
        "<p>Anyone who has used the service in the last 2 years, or cares for someone who has.</p>"
    )
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    closing_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=28))
    attendance = Attendance.ONLINE
    accessibility = (
        "<p>The survey works with screen readers. Ask us for a paper or easy "
        "read copy, or to answer by phone.</p>"
    )
    payment = "<p>This survey is unpaid.</p>"

    class Meta:
        model = OpportunityPage


class DecisionRecordFactory(DjangoModelFactory):
    """A decision a consultation informed, where the duty to involve applied."""

    decision = factory.Sequence(lambda n: f"Decision {n}")
    decided_on = factory.LazyFunction(timezone.localdate)
    lifecycle_stage = LifecycleStage.DESIGN
    duty_applies = DutyApplies.YES
    duty_reason = "It changes how patients reach the service."
    level = InvolvementLevel.CONSULT
    people_took_part = 12
    who_took_part = "Patients and carers from the panel and the waiting room survey."
    outcome = "We kept the evening clinic and moved the morning one."

    class Meta:
        model = DecisionRecord
