"""When a safeguarding case is due, in the council's working days (Monday to Friday except
England's bank holidays, 09:00 to 17:00 Europe/London, whatever the server's clock says).

Urgent: the same working day, by 17:00. A flag with less than an hour of that day left (16:00
or later), or outside a working day, is due by noon on the next working day: a lead is not
expected to start a case at five to five, nor at the weekend, and noon gives the morning to
reach the people involved. Please check: by 17:00 on the third working day after the flag.

The bank holidays are England and Wales's, from the `holidays` package (its calendar is in the
wheel, with substitute days such as Boxing Day observed on a Monday): a flag on Christmas Eve
afternoon is due on the 29th, not on Christmas Day.
"""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
DAY_ENDS = time(17, 0)
LATE_IN_THE_DAY = time(16, 0)  # from here on, an urgent flag is due the next working day
NEXT_DAY_NOON = time(12, 0)
DIGEST_AT = time(8, 0)  # the daily "please check" email, before the working day starts
CHECK_WITHIN_WORKING_DAYS = 3


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    day = day.date() if isinstance(day, datetime) else day
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


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
