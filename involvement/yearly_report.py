"""The yearly involvement report, per service and for the organisation: the evidence pack that
the duty to involve was met (NHS England, "Working in partnership with people and communities").

A year is a financial year (1 April to 31 March), as in NHS annual reports. Feedback numbers come
from feedback.rollups.rollup_counts; opportunities and decision records from this app.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from feedback.rollups import rollup_counts
from involvement.choices import Activity, DutyApplies, InvolvementLevel
from involvement.models import DecisionRecord, OpportunityPage
from panels.choices import InvitationStatus
from panels.models import PanelMember
from panels.representation import SUPPRESSION_NOTE, Breakdown, breakdowns
from website.choices import LifecycleStage
from website.models import ServicePage

FIRST_MONTH = 4  # the NHS financial year starts in April


def year_bounds(year: int) -> tuple[date, date]:
    """The first and last day of the financial year starting in April of `year`."""
    return date(year, FIRST_MONTH, 1), date(year + 1, FIRST_MONTH - 1, 31)


def year_of(day: date) -> int:
    """The financial year `day` falls in, named by the year it starts."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def year_label(year: int) -> str:
    return f"April {year} to March {year + 1}"


@dataclass
class ServiceYear:
    """One service's year (or, with service None, the organisation-wide opportunities')."""

    service: ServicePage | None
    responses: int = 0
    responses_by_stage: dict[str, int] = field(default_factory=dict)
    opportunities: list[OpportunityPage] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.service.title if self.service else "Whole organisation"

    @property
    def people_took_part(self) -> int:
        return sum(d.people_took_part for d in self.decisions)

    @property
    def decisions_by_level(self) -> list[tuple[str, int]]:
        counts = Counter(d.level for d in self.decisions)
        return [(label, counts[value]) for value, label in InvolvementLevel.choices]

    @property
    def stage_rows(self) -> list[tuple[str, int, int, int]]:
        """(stage, responses, opportunities, decisions) for each lifecycle stage."""
        opportunities = Counter(o.lifecycle_stage for o in self.opportunities)
        decisions = Counter(d.lifecycle_stage for d in self.decisions)
        return [
            (label, self.responses_by_stage.get(value, 0), opportunities[value], decisions[value])
            for value, label in LifecycleStage.choices
        ]


@dataclass
class YearlyReport:
    """The report: one ServiceYear per service, and totals."""

    year: int
    start: date
    end: date
    parts: list[ServiceYear]
    organisation: bool

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def total(self) -> ServiceYear:
        total = ServiceYear(service=None)
        for part in self.parts:
            total.responses += part.responses
            for stage, count in part.responses_by_stage.items():
                total.responses_by_stage[stage] = total.responses_by_stage.get(stage, 0) + count
            total.opportunities += part.opportunities
            total.decisions += part.decisions
        return total


@dataclass
class Representation:
    """Who took part through a panel recruitment, beside the population (suppressed counts)."""

    recruitment_title: str
    breakdowns: list[Breakdown]
    counted: int
    note: str = SUPPRESSION_NOTE


def representation(decision: DecisionRecord) -> Representation | None:
    """The make-up of the panel members who attended the decision's recruitment, if it had one."""
    if decision.recruitment is None:
        return None
    attended = PanelMember.objects.filter(
        invitations__recruitment=decision.recruitment,
        invitations__status=InvitationStatus.ATTENDED,
    )
    found, counted = breakdowns(attended)
    return Representation(decision.recruitment.title, found, counted)


def yearly_report(*, services: list[ServicePage], year: int, organisation: bool) -> YearlyReport:
    """The year's report for `services`; with `organisation`, organisation-wide ones too."""
    start, end = year_bounds(year)
    ids = [s.pk for s in services]
    counts = rollup_counts(
        service_ids=ids, start=start, end=end, by=["service", "stage"], columns=["responses"]
    )
    parts = {s.pk: ServiceYear(service=s) for s in services}
    for (service_id, stage), row in counts.items():
        part = parts[service_id]
        part.responses += row["responses"]
        part.responses_by_stage[stage] = row["responses"]
    during = Q(opens_on__lte=end, closing_date__gte=start)
    opportunities = OpportunityPage.objects.live().filter(during).order_by("opens_on", "title")
    for opportunity in opportunities.filter(service_id__in=ids):
        parts[opportunity.service_id].opportunities.append(opportunity)
    decisions = DecisionRecord.objects.filter(service_id__in=ids, decided_on__range=(start, end))
    decisions = decisions.select_related("recruitment").prefetch_related("opportunities")
    for decision in decisions.order_by("decided_on", "pk"):
        decision.representation = representation(decision)
        parts[decision.service_id].decisions.append(decision)
    ordered = sorted(parts.values(), key=lambda p: p.title)
    if organisation:
        ordered.append(
            ServiceYear(
                service=None, opportunities=list(opportunities.filter(service__isnull=True))
            )
        )
    return YearlyReport(year=year, start=start, end=end, parts=ordered, organisation=organisation)


# "kind" is an opportunity's activity, a decision's level or a representation dimension;
# "detail" whether the duty applied and why, or a group; "people" who took part (suppressed in
# representation rows); "value" a count, an outcome or a share.
CSV_HEADER = ["section", "service", "lifecycle_stage", "item", "date", "kind", "detail", "people",
              "value"]  # fmt: skip


def report_rows(report: YearlyReport) -> Iterator[list]:
    """The report as CSV rows (written through website.spreadsheets, formula-safe)."""
    stages = dict(LifecycleStage.choices)
    activities, levels = dict(Activity.choices), dict(InvolvementLevel.choices)
    duty = dict(DutyApplies.choices)
    yield [
        "period",
        report.label,
        "",
        "",
        report.start.isoformat(),
        report.end.isoformat(),
        "",
        "",
        "",
    ]
    yield CSV_HEADER
    for part in report.parts:
        if part.service is not None:
            yield ["feedback", part.title, "All", "responses", "", "", "", "", part.responses]
            for value, label in LifecycleStage.choices:
                yield [
                    "feedback",
                    part.title,
                    label,
                    "responses",
                    "",
                    "",
                    "",
                    "",
                    part.responses_by_stage.get(value, 0),
                ]
        for o in part.opportunities:
            yield [
                "opportunity",
                part.title,
                stages.get(o.lifecycle_stage, ""),
                o.title,
                o.closing_date.isoformat(),
                activities.get(o.activity, ""),
                "",
                "",
                "",
            ]
        for d in part.decisions:
            yield [
                "decision",
                part.title,
                stages.get(d.lifecycle_stage, ""),
                d.decision,
                d.decided_on.isoformat(),
                levels.get(d.level, ""),
                f"{duty.get(d.duty_applies, '')}: {d.duty_reason}",
                d.people_took_part,
                d.outcome,
            ]
            for breakdown in d.representation.breakdowns if d.representation else []:
                for row in breakdown.rows:
                    percent = "" if row.percent is None else f"{row.percent}%"
                    yield ["representation", part.title, "", d.decision, "",
                           breakdown.dimension.label, row.label, row.count, percent]  # fmt: skip
