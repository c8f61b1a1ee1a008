"""Demo opportunities across the lifecycle stages, one closed, and a decision record."""

from datetime import timedelta

from django.utils import timezone

from involvement.choices import Activity, Attendance, DutyApplies, InvolvementLevel
from involvement.factories import (
    DecisionRecordFactory,
    GetInvolvedIndexPageFactory,
    OpportunityPageFactory,
)
from involvement.models import DecisionRecord, GetInvolvedIndexPage, OpportunityPage
from panels.models import PanelPage
from website.choices import LifecycleStage
from website.locales import in_default_language
from website.models import HomePage, ServicePage

DAY = timedelta(days=1)


def _opportunity(parent, slug: str, **fields) -> OpportunityPage:
    existing = OpportunityPage.objects.child_of(parent).filter(slug=slug).first()
    return existing or OpportunityPageFactory(parent=parent, slug=slug, **fields)


def seed_opportunities() -> None:
    """The "Get involved" page, opportunities under four services and the organisation."""
    home = HomePage.objects.first()
    if home is None:
        return
    index = GetInvolvedIndexPage.objects.first() or GetInvolvedIndexPageFactory(parent=home)
    services = {s.slug: s for s in in_default_language(ServicePage.objects.all())}
    today = timezone.localdate()
    if maternity := services.get("maternity"):
        survey = _opportunity(
            maternity,
            "postnatal-care-survey",
            title="Tell us about care after birth",
            summary="A 10-minute online survey about the care you had in the weeks after birth.",
            lifecycle_stage=LifecycleStage.DELIVERY,
            activity=Activity.SURVEY,
            opens_on=today - 20 * DAY,
            closing_date=today + 40 * DAY,
            give_feedback=True,
        )
        _opportunity(
            maternity,
            "birth-centre-tour-test",
            title="Try our online birth centre tour",
            summary="We tested a video tour of the birth centre with parents-to-be.",
            lifecycle_stage=LifecycleStage.DESIGN,
            activity=Activity.USABILITY_TEST,
            opens_on=today - 60 * DAY,
            closing_date=today - 10 * DAY,
            attendance=Attendance.IN_PERSON,
            place="Riverside Hospital, Level 2",
        )
        if not DecisionRecord.objects.filter(service=maternity).exists():
            record = DecisionRecordFactory(
                service=maternity,
                decision="Postnatal checks at home for first-time parents",
                decided_on=today - 5 * DAY,
                lifecycle_stage=LifecycleStage.DELIVERY,
                duty_applies=DutyApplies.YES,
                duty_reason="It changes where and how patients receive postnatal care.",
                level=InvolvementLevel.COLLABORATE,
                people_took_part=38,
                who_took_part="Parents from the survey, and a workshop with the maternity "
                "voices partnership. Fathers and partners were under-represented.",
                outcome="From next month, first-time parents are offered their 10-day check "
                "at home. We will ask again in six months how it is going.",
            )
            record.opportunities.set([survey])
    if gp := services.get("riverside-gp-practice"):
        _opportunity(
            gp,
            "online-booking-test",
            title="Test our new online booking",
            summary="Try booking an appointment on our new website while we watch and learn.",
            lifecycle_stage=LifecycleStage.DESIGN,
            activity=Activity.USABILITY_TEST,
            opens_on=today - 3 * DAY,
            closing_date=today + 21 * DAY,
            ends_on=today + 35 * DAY,
            attendance=Attendance.BOTH,
            dates_and_times="45-minute sessions on weekday evenings and Saturday mornings",
            place="Riverside GP practice, 12 Mill Lane",
            payment="<p>£25 voucher, and travel costs repaid.</p>",
        )
    if mental_health := services.get("community-mental-health"):
        _opportunity(
            mental_health,
            "crisis-support-plans",
            title="Shape our plans for crisis support",
            summary="A focus group on what good support in a mental health crisis looks like.",
            lifecycle_stage=LifecycleStage.POLICY,
            activity=Activity.FOCUS_GROUP,
            opens_on=today - 10 * DAY,
            closing_date=today + 14 * DAY,
            ends_on=today + 30 * DAY,
            attendance=Attendance.IN_PERSON,
            dates_and_times="Two 2-hour groups, Thursday afternoons",
            place="The Hub, 4 Station Road",
            payment="<p>£25 an hour, travel and care costs repaid.</p>",
        )
    panel = PanelPage.objects.live().first()
    _opportunity(
        index,
        "patient-experience-group",
        title="Join our patient experience group",
        summary="Meet every two months with staff to review feedback and plan improvements.",
        lifecycle_stage=LifecycleStage.POLICY,
        activity=Activity.BOARD_OR_GROUP,
        opens_on=today - 30 * DAY,
        closing_date=today + 60 * DAY,
        attendance=Attendance.BOTH,
        panel=panel,
        place="Trust headquarters, Riverside Hospital, or by video",
        payment="<p>£50 a meeting, and travel and care costs repaid.</p>",
    )
