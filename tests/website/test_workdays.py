"""Working-day deadlines: only Monday to Friday time counts, in London time."""

from datetime import datetime

import pytest

from tests.dates import LONDON
from website.workdays import working_days_before


def at(day: int, month: int = 6, hour: int = 10, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


# June 2026: Monday the 15th to Sunday the 21st; Monday the 22nd.
@pytest.mark.parametrize(
    ("now", "days", "cutoff"),
    [
        (at(17), 1, at(16)),  # Wednesday -> Tuesday, same time
        (at(15), 1, at(12)),  # Monday 10:00 -> Friday 10:00
        (at(20), 1, at(19, hour=0)),  # Saturday: all of Friday counts, so Friday 00:00
        (at(16, hour=0), 1, at(15, hour=0)),  # Tuesday 00:00 -> Monday 00:00
        (at(15), 2, at(11)),  # Monday 10:00 less two working days -> Thursday 10:00
        (at(22, hour=9, minute=30), 2, at(18, hour=9, minute=30)),
    ],
)
def test_working_days_before(now, days, cutoff):
    assert working_days_before(now, days) == cutoff


def test_something_received_at_the_weekend_is_due_a_working_day_after_monday_begins():
    saturday = at(20)
    # one working day has passed only at Tuesday 00:00
    assert working_days_before(at(23, hour=0), 1) >= saturday
    assert working_days_before(at(22, hour=23, minute=59), 1) < saturday


def test_across_the_clock_change_a_day_is_a_day():
    # Sunday 29 March 2026 the clocks go forward; Monday 10:00 less one working day is Friday 10:00
    assert working_days_before(at(30, month=3), 1) == at(27, month=3)
