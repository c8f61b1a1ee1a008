"""The small-number rules of design.md section 6, shared by every app that publishes a count.

A count from 1 to 7 is shown as `*`, other counts are rounded to the nearest 5, and no
percentage is shown for fewer than 10. Pure functions: no database, no Django.
"""

SUPPRESSED = "*"
SMALL_MAX = 7  # counts 1..7 are never shown
ROUND_TO = 5
MIN_PERCENT_BASE = 10  # no percentage for fewer than this


def round_count(n: int) -> int:
    """Round a count to the nearest 5 (counts are whole numbers, so there are no ties)."""
    return ROUND_TO * ((n + ROUND_TO // 2) // ROUND_TO)


def show_count(n: int) -> str:
    """A count as published: 0, `*` for 1 to 7, otherwise rounded to the nearest 5."""
    if n < 0:
        raise ValueError("counts are never negative")
    if n == 0:
        return "0"
    if n <= SMALL_MAX:
        return SUPPRESSED
    return str(round_count(n))


def percent(numerator: int, total: int) -> int | None:
    """A whole-number percentage rounded half up, or None for a total under 10."""
    if total < MIN_PERCENT_BASE:
        return None
    return (200 * numerator + total) // (2 * total)
