"""Running tests at fixed moments, and again on the days date arithmetic most often goes wrong.

A test (or fixture) that computes with today's date asks for `travel`: it then runs on an ordinary
day, whatever day the suite runs. Decorated with `on_awkward_days`, it runs once per awkward
moment instead. Travel ticks, so the clock still moves; only this process travels (a Celery worker
or a browser in another process keeps the real clock, so such tests pass explicit dates).

`TEST_TRAVEL_TO=2026-02-28T23:30` runs a whole session at that London time, to look for tests
that depend on the day without asking for `travel`.
"""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

LONDON = ZoneInfo("Europe/London")

# Month and year ends, the 1st, a leap day and both clock changes; near midnight in summer time
# the UTC date is a day behind London's.
AWKWARD_MOMENTS = {
    "jan-31": datetime(2027, 1, 31, 12, 0, tzinfo=LONDON),
    "feb-28": datetime(2027, 2, 28, 23, 30, tzinfo=LONDON),
    "leap-day": datetime(2028, 2, 29, 12, 0, tzinfo=LONDON),
    "clocks-forward": datetime(2026, 3, 29, 23, 30, tzinfo=LONDON),
    "apr-30-bst": datetime(2026, 4, 30, 23, 30, tzinfo=LONDON),
    "first-bst": datetime(2026, 6, 1, 0, 30, tzinfo=LONDON),
    "clocks-back": datetime(2026, 10, 25, 23, 30, tzinfo=LONDON),
    "nov-30": datetime(2026, 11, 30, 23, 30, tzinfo=LONDON),
    "first": datetime(2026, 12, 1, 9, 0, tzinfo=LONDON),
    "dec-31": datetime(2026, 12, 31, 23, 30, tzinfo=LONDON),
}
# An ordinary weekday in the middle of a month, for tests that only need the date to stay put.
ORDINARY_MOMENT = datetime(2026, 6, 17, 10, 0, tzinfo=LONDON)


@pytest.fixture
def travel(request):
    """The test runs at this moment (an ordinary day, or each of `on_awkward_days`); yields it."""
    moment = getattr(request, "param", ORDINARY_MOMENT)
    with time_machine.travel(moment, tick=True):
        yield moment


on_awkward_days = pytest.mark.parametrize(
    "travel", list(AWKWARD_MOMENTS.values()), ids=list(AWKWARD_MOMENTS), indirect=True
)


@pytest.fixture(scope="session", autouse=True)
def _travel_session():
    """With TEST_TRAVEL_TO set, the whole session runs at that London time."""
    moment = os.environ.get("TEST_TRAVEL_TO")
    if not moment:
        yield None
        return
    with time_machine.travel(datetime.fromisoformat(moment).replace(tzinfo=LONDON), tick=True):
        yield moment
