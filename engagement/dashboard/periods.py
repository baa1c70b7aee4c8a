"""Reporting periods: quarters of the council's financial year (April to March)."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Case, CharField, Value, When
from django.utils import timezone

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True, order=True)
class Quarter:
    start: date  # the first day of a calendar quarter (Jan, Apr, Jul or Oct)

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        return cls(date(day.year, 3 * ((day.month - 1) // 3) + 1, 1))

    @classmethod
    def from_key(cls, key: str) -> "Quarter":
        """From "2026-04" (its first month); ValueError when it is not one."""
        year, month = (int(part) for part in key.split("-"))
        if month not in (1, 4, 7, 10):
            raise ValueError(f"{key} does not start a quarter")
        return cls(date(year, month, 1))

    @property
    def key(self) -> str:
        return f"{self.start:%Y-%m}"

    @property
    def end(self) -> date:
        """The first day after the quarter."""
        month = self.start.month + 3
        return date(self.start.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def previous(self) -> "Quarter":
        month = self.start.month - 3
        return Quarter(date(self.start.year - (month < 1), (month - 1) % 12 + 1, 1))

    def and_before(self, count: int) -> list["Quarter"]:
        """The `count` quarters before this one and this one, oldest first."""
        quarters = [self]
        for _ in range(count):
            quarters.insert(0, quarters[0].previous)
        return quarters

    @property
    def financial_label(self) -> str:
        """ "Q1 2026/27" runs April to June 2026."""
        first_year = self.start.year if self.start.month >= 4 else self.start.year - 1
        number = {4: 1, 7: 2, 10: 3, 1: 4}[self.start.month]
        return f"Q{number} {first_year}/{str(first_year + 1)[-2:]}"

    @property
    def label(self) -> str:
        last = MONTHS[self.start.month + 1]
        return (
            f"{MONTHS[self.start.month - 1]} to {last} {self.start.year} ({self.financial_label})"
        )

    def bounds(self) -> tuple[datetime, datetime]:
        """Aware datetimes: from the quarter's first moment to the next quarter's."""
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end, time.min, tzinfo=zone),
        )


def recent_quarters(count: int = 8, today: date | None = None) -> list[Quarter]:
    """This quarter and the ones before it, newest first."""
    quarter = Quarter.containing(today or timezone.localdate())
    quarters = []
    for _ in range(count):
        quarters.append(quarter)
        quarter = quarter.previous
    return quarters


def quarter_of(field: str, quarters: list[Quarter] | None = None) -> Case:
    """The key of the recent quarter a date-time field falls in ("2026-04"), or None if older.

    A CASE over a handful of ranges: the database compares, where truncating each row's date
    in the right time zone (TruncQuarter) would call back into Python for every row on SQLite.
    """
    quarters = quarters or recent_quarters()
    return Case(
        *(
            When(**{f"{field}__gte": start, f"{field}__lt": end}, then=Value(quarter.key))
            for quarter in quarters
            for start, end in [quarter.bounds()]
        ),
        default=Value(None),
        output_field=CharField(),
    )


def quarters_from_keys(keys) -> list[Quarter | None]:
    """One Quarter per distinct key (grouped rows repeat a few quarters thousands of times)."""
    keys = list(keys)
    quarters = {key: Quarter.from_key(key) if key else None for key in set(keys)}
    return [quarters[key] for key in keys]


def quarters_from_starts(starts, quarters: list[Quarter]) -> list[Quarter | None]:
    """The Quarter each first day names, if it is one of `quarters`; None otherwise."""
    by_start = {quarter.start: quarter for quarter in quarters}
    return [by_start.get(start) for start in starts]
