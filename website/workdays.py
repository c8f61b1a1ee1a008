"""Working days for follow-up deadlines: Monday to Friday in the site's time zone.

England's bank holidays are not counted: no maintained holiday library is installed here, so a
deadline that falls over a bank holiday comes a day early (the safe side for a safeguarding
deadline).
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

SATURDAY = 5


def is_working_day(day: date) -> bool:
    """Monday to Friday."""
    return day.weekday() < SATURDAY


def working_days_before(moment: datetime, days: int) -> datetime:
    """The latest moment that lies `days` working days of time before `moment`.

    Only time on working days counts, so anything that started at or before the answer has had
    `days` full working days by `moment`: Monday 10:00 less one working day is Friday 10:00, and
    something that arrived at the weekend has had one working day by Tuesday 00:00. Reckoned in
    local wall-clock time, so a day is a day across clock changes.
    """
    local = timezone.localtime(moment).replace(tzinfo=None)
    remaining = timedelta(days=days)
    day = local.date()
    elapsed = local - datetime.combine(day, time.min)  # the part of `day` before `moment`
    while True:
        if is_working_day(day):
            if elapsed >= remaining:
                start = datetime.combine(day, time.min) + (elapsed - remaining)
                return timezone.make_aware(start)
            remaining -= elapsed
        day -= timedelta(days=1)
        elapsed = timedelta(days=1)
