"""Who is on a panel (or a shortlist) beside the population it serves, by age band, sex, ethnicity
and disability, with gaps highlighted and small numbers suppressed.

Counts only members who agreed to the "representation" purpose. Demographics are encrypted, so
each breakdown decrypts the members it counts, in batches; nothing decrypted is kept.
The population is England's 2021 census (panels/data/) unless an administrator uploaded local
figures for a dimension.
"""

import csv
import functools
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet

from panels.choices import AgeBand, Disability, Ethnicity, Sex
from panels.consent import ConsentPurpose
from panels.models import ConsentRecord, PanelMember, PopulationFigure
from website.crypto import decrypt_json
from website.suppression import MIN_PERCENT_BASE, SMALL_MAX, percent, show_count

CENSUS_CSV = Path(__file__).resolve().parent / "data" / "census_2021_england.csv"
SUPPRESSION_NOTE = (
    "To protect privacy, numbers from 1 to 7 are shown as *, other numbers are rounded to the "
    "nearest 5, and percentages are not shown for fewer than 10 people or for groups shown as *."
)
# A group this many percentage points above or below the population is highlighted.
GAP_POINTS = 5
DECRYPT_BATCH = 1_000  # members decrypted per query: bounded memory on a large panel
MAX_UPLOAD_BYTES = 100_000
MAX_UPLOAD_ROWS = 200
SUM_TOLERANCE = Decimal("1.0")  # rounded percentages may not sum to exactly 100


@dataclass(frozen=True)
class Dimension:
    """One way of describing people, with its groups as the sign-up asks them."""

    name: str
    label: str
    groups: dict[str, str]  # value -> label, without "prefer not to say"


def _groups(choices, skip=("prefer_not", AgeBand.UNDER_16)) -> dict[str, str]:
    return {value: label for value, label in choices if value not in skip}


DIMENSIONS = {
    d.name: d
    for d in (
        Dimension("age_band", "Age", _groups(AgeBand.choices)),
        Dimension("sex", "Sex", _groups(Sex.choices)),
        Dimension("ethnicity", "Ethnic group", _groups(Ethnicity.choices)),
        Dimension("disability", "Disability", _groups(Disability.choices)),
    )
}


# --- the population ------------------------------------------------------------------------


@functools.cache
def census() -> dict[str, tuple[dict[str, Decimal], str]]:
    """dimension -> (group -> percent, source), from the shipped census file."""
    out: dict[str, tuple[dict[str, Decimal], str]] = {}
    with CENSUS_CSV.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            groups, _ = out.setdefault(row["dimension"], ({}, row["source"]))
            groups[row["group"]] = Decimal(row["percent"])
    return out


def population() -> dict[str, tuple[dict[str, Decimal], str]]:
    """dimension -> (group -> percent, source): local figures where uploaded, else the census."""
    figures = dict(census())
    local: dict[str, tuple[dict[str, Decimal], str]] = {}
    for row in PopulationFigure.objects.order_by("dimension", "group"):
        groups, _ = local.setdefault(row.dimension, ({}, row.source))
        groups[row.group] = row.proportion * 100
    figures.update(local)
    return figures


@dataclass
class UploadResult:
    """What a CSV of local figures held, or why it was refused (nothing is saved on error)."""

    figures: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def parse_population_csv(data: bytes) -> UploadResult:
    """Check a CSV with columns dimension, group, percent; every error names its row."""
    result = UploadResult()
    if len(data) > MAX_UPLOAD_BYTES:
        result.errors.append("The file must be smaller than 100 KB")
        return result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append("The file must be a CSV file saved as UTF-8")
        return result
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"dimension", "group", "percent"} <= {
        (name or "").strip().lower() for name in reader.fieldnames
    }:
        result.errors.append("The first row must name the columns: dimension, group, percent")
        return result
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_UPLOAD_ROWS:
            result.errors.append(f"The file must have at most {MAX_UPLOAD_ROWS} rows of figures")
            break
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        _check_row(result, number, row)
    for name, groups in result.figures.items():
        total = sum(groups.values())
        if abs(total - 100) > SUM_TOLERANCE:
            label = DIMENSIONS[name].label.lower()
            result.errors.append(f"The {label} percentages add up to {total}, not 100")
    if not result.errors and not result.figures:
        result.errors.append("The file has no figures in it")
    return result


def _check_row(result: UploadResult, number: int, row: dict[str, str]) -> None:
    dimension = DIMENSIONS.get(row.get("dimension", ""))
    if dimension is None:
        names = ", ".join(DIMENSIONS)
        result.errors.append(f"Row {number}: dimension must be one of {names}")
        return
    group = row.get("group", "")
    if group not in dimension.groups:
        names = ", ".join(dimension.groups)
        result.errors.append(f"Row {number}: group for {dimension.name} must be one of {names}")
        return
    try:
        percent = Decimal(row.get("percent", "").rstrip("%"))
    except InvalidOperation:
        percent = Decimal(-1)
    if not percent.is_finite() or not 0 <= percent <= 100:
        result.errors.append(f"Row {number}: percent must be a number from 0 to 100")
        return
    groups = result.figures.setdefault(dimension.name, {})
    if group in groups:
        result.errors.append(f"Row {number}: {dimension.name} {group} is given twice")
        return
    groups[group] = percent


@transaction.atomic
def save_local_figures(*, figures: dict[str, dict[str, Decimal]], source: str) -> int:
    """Replace the local figures of each dimension given (others keep theirs)."""
    PopulationFigure.objects.filter(dimension__in=list(figures)).delete()
    rows = [PopulationFigure(dimension=d, group=g, source=source,
                             proportion=(p / 100).quantize(Decimal("0.00001"), ROUND_HALF_UP))
            for d, groups in figures.items() for g, p in groups.items()]  # fmt: skip
    PopulationFigure.objects.bulk_create(rows)
    return len(rows)


def clear_local_figures() -> None:
    """Go back to the census figures for every dimension."""
    PopulationFigure.objects.all().delete()


# --- the breakdown -------------------------------------------------------------------------


@dataclass
class GroupRow:
    """One group: how many members, what share, the population's share, and the gap."""

    value: str
    label: str
    count: str  # as shown (suppressed)
    percent: int | None  # members' share, None when not shown
    population: Decimal | None
    gap: str = ""  # "under" or "over" when highlighted


@dataclass
class Breakdown:
    """One dimension for one set of members, ready for a table, a chart and a summary."""

    dimension: Dimension
    rows: list[GroupRow]
    answered: int
    not_answered: str
    source: str
    summary: str = ""

    @property
    def answered_shown(self) -> str:
        return show_count(self.answered)


def _consenting(members: QuerySet[PanelMember]) -> set[int]:
    """Members whose latest consent includes the representation purpose."""
    latest: dict[int, list] = {}
    rows = ConsentRecord.objects.filter(member__in=members).order_by("given_at", "pk")
    for member_id, purposes in rows.values_list("member_id", "purposes"):
        latest[member_id] = purposes
    return {pk for pk, purposes in latest.items() if ConsentPurpose.REPRESENTATION in purposes}


def tally(members: QuerySet[PanelMember]) -> tuple[dict[str, dict[str, int]], int]:
    """dimension -> group -> count over consenting members, and how many members were counted."""
    consenting = _consenting(members)
    counts = {name: dict.fromkeys(d.groups, 0) for name, d in DIMENSIONS.items()}
    counted = 0
    rows = members.filter(pk__in=consenting).order_by("pk").values_list("age_band", "details")
    for age_band, details in rows.iterator(chunk_size=DECRYPT_BATCH):
        counted += 1
        about = decrypt_json(details) | {"age_band": age_band}
        for name, groups in counts.items():
            if about.get(name) in groups:
                groups[about[name]] += 1
    return counts, counted


def breakdowns(members: QuerySet[PanelMember]) -> tuple[list[Breakdown], int]:
    """Each dimension's breakdown for these members beside the population, and how many
    members agreed to be counted."""
    counts, counted = tally(members)
    figures = population()
    out = []
    for name, dimension in DIMENSIONS.items():
        groups, source = figures.get(name, ({}, ""))
        answered = sum(counts[name].values())
        rows = [_row(value, label, counts[name][value], answered, groups.get(value))
                for value, label in dimension.groups.items()]  # fmt: skip
        breakdown = Breakdown(dimension, rows, answered, show_count(counted - answered), source)
        breakdown.summary = _summary(breakdown)
        out.append(breakdown)
    return out, counted


def _row(value: str, label: str, n: int, answered: int, pop: Decimal | None) -> GroupRow:
    row = GroupRow(value, label, show_count(n), None, pop)
    if answered < MIN_PERCENT_BASE:
        return row
    if n == 0 or n > SMALL_MAX:
        row.percent = percent(n, answered)
        share = Decimal(row.percent)
        if pop is not None and abs(share - pop) >= GAP_POINTS:
            row.gap = "under" if share < pop else "over"
    elif pop is not None and Decimal(100 * SMALL_MAX) / answered <= pop - GAP_POINTS:
        # Shown as *: even 7 people would be a share well below the population's, so saying
        # "under-represented" tells nothing the * does not.
        row.gap = "under"
    return row


def _summary(b: Breakdown) -> str:
    label = b.dimension.label.lower()
    if b.answered < MIN_PERCENT_BASE:
        return f"{label.capitalize()}: too few members answered to compare with the population."
    # Labels are lazily translated (the sign-up form shows them in Welsh too): made text here.
    under = [str(r.label) for r in b.rows if r.gap == "under"]
    over = [str(r.label) for r in b.rows if r.gap == "over"]
    if not under and not over:
        return (f"{label.capitalize()}: every group is within {GAP_POINTS} percentage points "
                "of the population.")  # fmt: skip
    parts = []
    if under:
        parts.append("Under-represented: " + "; ".join(under))
    if over:
        parts.append("Over-represented: " + "; ".join(over))
    return (f"{label.capitalize()}: " + ". ".join(parts) + f" ({GAP_POINTS} percentage points "
            "or more from the population).")  # fmt: skip
