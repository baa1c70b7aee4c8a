"""When a safeguarding case is due, in the council's working days (Monday to Friday, 09:00 to
17:00 Europe/London, whatever the server's clock says).

Urgent: the same working day, by 17:00. A flag with less than an hour of that day left (16:00
or later), or outside a working day, is due by noon on the next working day: a lead is not
expected to start a case at five to five, nor at the weekend, and noon gives the morning to
reach the people involved. Please check: by 17:00 on the third working day after the flag.

Bank holidays are not known here: a case flagged before one is due on it.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
DAY_ENDS = time(17, 0)
LATE_IN_THE_DAY = time(16, 0)  # from here on, an urgent flag is due the next working day
NEXT_DAY_NOON = time(12, 0)
DIGEST_AT = time(8, 0)  # the daily "please check" email, before the working day starts
CHECK_WITHIN_WORKING_DAYS = 3


def is_working_day(day) -> bool:
    return day.weekday() < 5


def next_working_day(day):
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _at(day, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=LONDON)


def urgent_due(flagged: datetime) -> datetime:
    local = flagged.astimezone(LONDON)
    if is_working_day(local) and local.time() < LATE_IN_THE_DAY:
        return _at(local.date(), DAY_ENDS)
    return _at(next_working_day(local.date()), NEXT_DAY_NOON)


def check_due(flagged: datetime) -> datetime:
    day = flagged.astimezone(LONDON).date()
    for _ in range(CHECK_WITHIN_WORKING_DAYS):
        day = next_working_day(day)
    return _at(day, DAY_ENDS)


def digest_due_since(now: datetime) -> datetime | None:
    """Today's digest time if the daily email is due by now (a working day, 08:00 passed)."""
    local = now.astimezone(LONDON)
    if is_working_day(local) and local.time() >= DIGEST_AT:
        return _at(local.date(), DIGEST_AT)
    return None


def when(moment: datetime) -> str:
    """A due time as a lead reads it, in London time: "17:00 on Monday 7 December 2026"."""
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y}"
