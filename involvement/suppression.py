"""Small-number suppression of published feedback tables (design.md section 6).

The rules for one count are website.suppression's; this module adds secondary
suppression, which hides more figures until no hidden one can be worked out from those shown
beside it. Pure functions: no database, no Django.

A published table is a list of rows (a month, say), each a number of responses and how many of
them were positive, plus the table's total and overall % positive. The safety check reasons as an
attacker who knows these rules and which `*` are small numbers: each shown figure narrows what the
true numbers can be, and a hidden figure is safe only while at least two values stay possible.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from website.suppression import (
    MIN_PERCENT_BASE,
    SMALL_MAX,
    SUPPRESSED,
    percent,
    show_count,
)

# Shown beside public figures in the page's language (the open data's JSON gets it as text).
NOTE = _(
    "To protect privacy, numbers from 1 to 7 are shown as *, other numbers are rounded to the "
    "nearest 5, and percentages are not shown for fewer than 10 responses. Some other figures "
    "are also shown as * so that a hidden number cannot be worked out from the ones beside it."
)


@dataclass
class Shown:
    """One published figure pair: a count of responses and its % positive, with why hidden."""

    count: str
    percent: int | None
    # Why a figure is hidden: "small" (1 to 7) or "secondary" (protects another figure).
    count_hidden: str = ""
    percent_hidden: str = ""


@dataclass
class PublishedTable:
    """Rows of (label, figures) and the total, ready to publish."""

    labels: list
    rows: list[Shown]
    total: Shown
    note: str = field(default=NOTE)
    # Internal bound on hidden counts when even the total is hidden; never published. Bounding
    # the search only shrinks what seems possible, so it can only make the check stricter.
    cap: int = 0


def _shown(responses: int, positive: int) -> Shown:
    count = show_count(responses)
    pct = percent(positive, responses)
    return Shown(
        count=count,
        percent=pct,
        count_hidden="small" if count == SUPPRESSED else "",
        percent_hidden="" if pct is not None else ("small" if responses else ""),
    )


# --- What an attacker can work out from a published table ---------------------------------


def count_range(shown: Shown, ceiling: int) -> tuple[int, int]:
    """The true counts consistent with a published count (inclusive)."""
    if shown.count == "0":
        return 0, 0
    if shown.count_hidden == "small":
        return 1, SMALL_MAX
    if shown.count_hidden == "secondary":
        return SMALL_MAX + 1, max(ceiling, SMALL_MAX + 1)
    r = int(shown.count)
    low, high = max(r - 2, SMALL_MAX + 1), r + 2
    # Whether a percentage is shown tells the attacker which side of 10 the count is.
    if shown.percent is not None or shown.percent_hidden == "secondary":
        low = max(low, MIN_PERCENT_BASE)
    else:
        high = min(high, MIN_PERCENT_BASE - 1)
    return low, high


def positive_range(pct: int | None, t: int) -> tuple[int, int] | None:
    """The positive counts p (0 <= p <= t) whose percentage of t rounds to `pct`, or None."""
    if pct is None:
        return (0, t)
    # (200p + t) // 2t == pct  <=>  pct*2t <= 200p + t < (pct+1)*2t
    low = max(0, -(-(2 * t * pct - t) // 200))
    high = min(t, (2 * t * (pct + 1) - t - 1) // 200)
    return (low, high) if low <= high else None


def candidates(shown: Shown, ceiling: int) -> list[tuple[int, int, int]]:
    """Every (t, lowest p, highest p) a published row allows; p values in between all fit."""
    low, high = count_range(shown, ceiling)
    out = []
    for t in range(low, high + 1):
        p_range = positive_range(shown.percent, t)
        if p_range is not None:
            out.append((t, *p_range))
    return out


def _spread(mask: int, low: int, high: int) -> int:
    """The bit set {a + k : a in mask, low <= k <= high}, by doubling shifts."""
    width, covered, spread = high - low + 1, 1, mask
    while covered * 2 <= width:
        spread |= spread << covered
        covered *= 2
    if covered < width:
        spread |= spread << (width - covered)
    return spread << low


def _combine(rows: Sequence[list[tuple[int, int, int]]]) -> dict[int, int]:
    """Reachable (sum of t) -> bit set of reachable sums of p, over the given rows."""
    states = {0: 1}
    for entries in rows:
        nxt: dict[int, int] = {}
        for total, mask in states.items():
            for t, p_low, p_high in entries:
                key = total + t
                nxt[key] = nxt.get(key, 0) | _spread(mask, p_low, p_high)
        states = nxt
    return states


def _bits_in(mask: int, low: int, high: int) -> bool:
    if high < low or high < 0:
        return False
    low = max(low, 0)
    return bool((mask >> low) & ((1 << (high - low + 1)) - 1))


def feasible(table: PublishedTable, index: int | None) -> set[tuple[int, int]]:
    """All true (responses, positive) pairs for row `index` (None: the total) that fit the table."""
    ceiling = _ceiling(table)
    rows = [candidates(row, ceiling) for row in table.rows]
    total_entries = candidates(table.total, ceiling)
    if index is None:
        states = _combine(rows)
        return {
            (t, p)
            for t, p_low, p_high in total_entries
            for p in range(p_low, p_high + 1)
            if t in states and states[t] >> p & 1
        }
    others = _combine(rows[:index] + rows[index + 1 :])
    allowed = {t: (p_low, p_high) for t, p_low, p_high in total_entries}
    pairs = set()
    for t, p_low, p_high in rows[index]:
        for p in range(p_low, p_high + 1):
            for other_t, mask in others.items():
                bounds = allowed.get(t + other_t)
                if bounds and _bits_in(mask, bounds[0] - p, bounds[1] - p):
                    pairs.add((t, p))
                    break
    return pairs


def _ceiling(table: PublishedTable) -> int:
    """No hidden count can exceed the largest total the published total allows."""
    total = table.total
    if total.count == "0":
        return 0
    if total.count_hidden:
        return SMALL_MAX if total.count_hidden == "small" else table.cap
    return int(total.count) + 2


def exposed(table: PublishedTable) -> list[int | None]:
    """Rows (None: the total) with a hidden figure that only one value fits: must stay empty."""
    found = []
    for index, shown in [*enumerate(table.rows), (None, table.total)]:
        if not (shown.count_hidden or shown.percent_hidden):
            continue
        pairs = feasible(table, index)
        counts = {t for t, _p in pairs}
        ratios = {Fraction(p, t) for t, p in pairs if t}
        if (shown.count_hidden and len(counts) < 2) or (shown.percent_hidden and len(ratios) < 2):
            found.append(index)
    return found


# --- Publishing --------------------------------------------------------------------------


def publish_table(rows: Sequence[tuple[object, int, int]]) -> PublishedTable:
    """Publish (label, responses, positive) rows and their total, suppressed until safe.

    Secondary suppression is greedy: hide the smallest shown row percentage, then the smallest
    shown row count, then the total's percentage and count, until no hidden figure is exposed.
    """
    labels = [label for label, _t, _p in rows]
    shown = [_shown(t, p) for _label, t, p in rows]
    total = _shown(sum(t for _l, t, _p in rows), sum(p for _l, _t, p in rows))
    table = PublishedTable(labels=labels, rows=shown, total=total)
    table.cap = 2 * sum(t for _l, t, _p in rows) + MIN_PERCENT_BASE
    true = [(t, p) for _label, t, p in rows]
    while exposed(table):
        if not _hide_one(table, true):
            break
    return table


def _hide_one(table: PublishedTable, true: list[tuple[int, int]]) -> bool:
    """Hide the least informative figure still shown; False when nothing is left to hide."""
    with_percent = [i for i, r in enumerate(table.rows) if r.percent is not None]
    if with_percent:
        i = min(with_percent, key=lambda i: true[i][0])
        table.rows[i].percent, table.rows[i].percent_hidden = None, "secondary"
        return True
    with_count = [i for i, r in enumerate(table.rows) if r.count not in ("0", SUPPRESSED)]
    if with_count:
        i = min(with_count, key=lambda i: true[i][0])
        table.rows[i].count, table.rows[i].count_hidden = SUPPRESSED, "secondary"
        table.rows[i].percent_hidden = table.rows[i].percent_hidden or "secondary"
        return True
    if table.total.percent is not None:
        table.total.percent, table.total.percent_hidden = None, "secondary"
        return True
    if table.total.count not in ("0", SUPPRESSED):
        table.total.count, table.total.count_hidden = SUPPRESSED, "secondary"
        table.total.percent_hidden = table.total.percent_hidden or "secondary"
        return True
    return False
