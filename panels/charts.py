"""Server-drawn SVG bar charts of representation: each group's share of members beside its share
of the population. The chart is a picture of the table printed with it; screen readers get the
title, the one-line summary and the table (panels may not import involvement's chart helpers).
"""

from dataclasses import dataclass

from panels.representation import Breakdown

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 12
ROW_GAP = 10
VALUE_ROOM = 60  # right of the longest bar, for its value


@dataclass(frozen=True)
class Bar:
    """One bar: where it goes and what it says."""

    y: int
    width: int
    text: str
    kind: str  # "members" or "population"


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: int
    bars: list[Bar]
    gap: str


def representation_chart(breakdown: Breakdown) -> dict:
    """Geometry for one dimension's chart (members' share above the population's, per group)."""
    scale = (WIDTH - VALUE_ROOM) / 100
    rows, y = [], 0
    for row in breakdown.rows:
        label_y = y + LABEL_HEIGHT - 4
        y += LABEL_HEIGHT
        shown = f"{row.percent}%" if row.percent is not None else "not shown"
        members = Bar(y, round((row.percent or 0) * scale), shown, "members")
        y += BAR_HEIGHT + 2
        pop = float(row.population) if row.population is not None else 0.0
        population = Bar(y, round(pop * scale), f"{pop:.1f}%", "population")
        y += BAR_HEIGHT + ROW_GAP
        rows.append(ChartRow(row.label, label_y, [members, population], row.gap))
    return {"id": f"chart-{breakdown.dimension.name}", "breakdown": breakdown, "rows": rows,
            "width": WIDTH, "height": y, "bar_height": BAR_HEIGHT}  # fmt: skip
