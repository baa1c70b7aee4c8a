"""Quantitative indicator values from a CSV, as officers keep them in a spreadsheet.

The template (one row per quantitative indicator, for the last quarter that has ended, with
the unit, source, target and direction of its latest value) is filled in and uploaded. Every
row is checked and shown before anything is saved, with what it would change; a file with any
bad row saves nothing, and a row left without a value is left out. A value for a quarter that
already has one replaces it.
"""

import datetime
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from engagement.analysis.csv_io import LineNote, UnreadableFile, from_spreadsheet_safe, read_csv
from engagement.dashboard.periods import recent_quarters

from .models import IndicatorValue, OutcomeIndicator

COLUMNS = ("indicator", "outcome", "quarter_starting", "value", "unit", "source", "target")
OPTIONAL_COLUMNS = ("higher_is_better", "indicator_id")
REQUIRED = ("indicator", "quarter_starting", "value", "source")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
MAX_ROWS = 5000
# 1,204.5 or 1 204.5: thousands separators, never a decimal comma (1,5 is refused, not 15).
THOUSANDS = re.compile(r"-?\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?")


@dataclass
class Row:
    """One line of the file, read and checked."""

    line: int
    indicator_name: str
    outcome: str = ""
    indicator_id: int | None = None
    period_start: str = ""  # ISO date, so a row survives being signed into the confirm form
    value: str = ""
    unit: str = ""
    source: str = ""
    target: str = ""
    higher_is_better: bool | None = None  # None: the file does not say; the stored one stays
    left_out: bool = False  # no value given: the row is shown, and not saved
    status: str = ""  # "new", "same" or the changes to the stored value, in words
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


class StaleImport(Exception):
    """What was checked no longer matches what is stored: nothing has been saved."""


def template_rows() -> list[list]:
    """The template to fill in: the header, then every quantitative indicator for the last
    quarter that has ended, with its latest value's unit, source, target and direction."""
    quarter = recent_quarters(2)[1]
    latest: dict[int, IndicatorValue] = {}
    for value in IndicatorValue.objects.order_by("indicator", "-period_start"):
        latest.setdefault(value.indicator_id, value)
    rows: list[list] = [[*COLUMNS, *OPTIONAL_COLUMNS]]
    for indicator in _indicators():
        last = latest.get(indicator.pk)
        rows.append(
            [
                indicator.name,
                indicator.page.title,
                quarter.start.isoformat(),
                "",
                last.unit if last else ("%" if indicator.name.startswith("%") else ""),
                last.source if last else indicator.data_source,
                # A number, not text (text starting "-" would get spreadsheet_safe's apostrophe),
                # written plainly: 60, never 6E+1.
                Decimal(_plain(last.target)) if last and last.target is not None else "",
                "no" if last and not last.higher_is_better else "yes",
                indicator.pk,
            ]
        )
    return rows


def read_values_csv(data: bytes) -> tuple[list[Row], list[LineNote]]:
    """(rows, warnings): every row of the file, each with its problems (none means it can be
    saved), and what the reader repaired (lines read as Windows-1252), to show on the check."""
    parsed = read_csv(data)
    column_of = {_key(name): name for name in parsed.columns}
    missing = [column for column in REQUIRED if column not in column_of]
    if missing:
        raise UnreadableFile(
            f"The CSV needs the columns {', '.join(REQUIRED)} (and may have outcome, unit, "
            f"target and higher_is_better). Missing: {', '.join(missing)}. Columns found: "
            f"{', '.join(parsed.columns)}. Download the template to start from the right columns."
        )
    if parsed.problems:  # rows with more cells than the header: nothing is saved until fixed
        raise UnreadableFile(" ".join(str(problem) for problem in parsed.problems))
    filled = [row for row in parsed.rows if not row.is_blank]
    if len(filled) > MAX_ROWS:
        raise UnreadableFile(f"The file has more than {MAX_ROWS:,} rows: split it.")
    lookup = IndicatorLookup()
    stored = {(value.indicator_id, value.period_start.isoformat()): value for value in _values()}
    directed = "higher_is_better" in column_of
    rows = []
    at = {key: parsed.index(name) for key, name in column_of.items()}
    for row in filled:
        cells = {key: from_spreadsheet_safe(row.cells[i]).strip() for key, i in at.items()}
        rows.append(_row(row.line, cells, directed, lookup, stored))
    if all(row.left_out for row in rows):
        raise UnreadableFile("No row has a value: fill in the value column, then upload again.")
    _flag_repeats(rows)
    return rows, parsed.warnings


def rows_to_save(rows: list[Row]) -> list[dict]:
    return [row.as_dict() for row in rows if not row.left_out]


@transaction.atomic
def save_rows(rows: list[dict]) -> dict[str, list[tuple[IndicatorValue, str]]]:
    """Store checked rows (as signed into the confirm form): each (value, what changed) under
    "created", "changed" or "unchanged". Confirming the same rows again (a double submit, a
    retry) changes nothing. If an indicator has gone, or a value changed since the check, it
    raises StaleImport and saves nothing."""
    ordered = sorted(rows, key=lambda row: (row["indicator_id"], row["period_start"]))
    wanted = {row["indicator_id"] for row in rows}
    live = set(_indicators().filter(pk__in=wanted).values_list("pk", flat=True))
    results: dict[str, list] = {"created": [], "changed": [], "unchanged": []}
    for signed in ordered:
        row = Row(**signed)
        if row.indicator_id not in live:
            raise StaleImport(f"Line {row.line}: '{row.indicator_name}' is no longer an indicator.")
        current = (
            IndicatorValue.objects.select_for_update()
            .filter(indicator_id=row.indicator_id, period_start=row.period_start)
            .first()
        )
        now = _changes(row, current)
        if now == "same":  # already stored like this: this very import confirmed twice
            row.status = now
        elif now != row.status:
            raise StaleImport(
                f"Line {row.line}: the value for '{row.indicator_name}' has changed since you "
                "checked the file."
            )
        fields = {
            "value": Decimal(row.value),
            "unit": row.unit,
            "source": row.source,
            "target": Decimal(row.target) if row.target else None,
            "higher_is_better": _direction(row, current),
        }
        if current is None:
            current = IndicatorValue.objects.create(
                indicator_id=row.indicator_id,
                period_start=datetime.date.fromisoformat(row.period_start),
                **fields,
            )
            results["created"].append((current, row.status))
        elif row.status == "same":
            results["unchanged"].append((current, row.status))
        else:
            for name, new in fields.items():
                setattr(current, name, new)
            current.save()
            results["changed"].append((current, row.status))
    return results


class IndicatorLookup:
    """Quantitative indicators by id, or by name (case and spacing ignored) and outcome."""

    def __init__(self):
        self.by_pk = {indicator.pk: indicator for indicator in _indicators()}
        self.by_name: dict[str, list[OutcomeIndicator]] = {}
        for indicator in self.by_pk.values():
            self.by_name.setdefault(_key(indicator.name), []).append(indicator)

    def find(self, cells: dict) -> tuple[OutcomeIndicator | None, str]:
        """(indicator, problem): exactly one of them is set."""
        name, outcome = cells.get("indicator", ""), cells.get("outcome", "")
        pk = cells.get("indicator_id", "")
        if pk.isdigit() and int(pk) in self.by_pk:  # the template's own rows
            return self.by_pk[int(pk)], ""
        if not name:
            return None, "The indicator is empty"
        matches = self.by_name.get(_key(name), [])
        if outcome:
            matches = [m for m in matches if _key(m.page.title) == _key(outcome)]
        if len(matches) == 1:
            return matches[0], ""
        if not matches:
            under = f" under the outcome '{outcome}'" if outcome else ""
            return None, (
                f"No quantitative indicator is called '{name}'{under}: copy its name from the "
                "template"
            )
        return None, f"Several indicators are called '{name}': keep the template's indicator_id"


def _indicators():
    return (
        OutcomeIndicator.objects.filter(kind=OutcomeIndicator.Kind.QUANTITATIVE)
        .select_related("page")
        .order_by("page__path", "sort_order")
    )


def _values():
    return IndicatorValue.objects.filter(indicator__kind=OutcomeIndicator.Kind.QUANTITATIVE)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _row(line: int, cells: dict, directed: bool, lookup: IndicatorLookup, stored: dict) -> Row:
    row = Row(
        line=line, indicator_name=cells.get("indicator", ""), outcome=cells.get("outcome", "")
    )
    indicator, problem = lookup.find(cells)
    if indicator:
        row.indicator_id, row.indicator_name = indicator.pk, indicator.name
        row.outcome = indicator.page.title
    else:
        row.problems.append(problem)
    _read_quarter(row, cells.get("quarter_starting", ""))
    if not cells.get("value"):  # a template row the officer has no figure for
        row.left_out = not row.problems
        return row
    row.value = _read_number(row, "value", cells["value"])
    row.target = _read_number(row, "target", cells.get("target", ""))
    row.source, row.unit = cells.get("source", ""), cells.get("unit", "")
    _check_text(row, "source", required=True)
    _check_text(row, "unit", required=False)
    if directed:
        better = cells.get("higher_is_better", "").casefold()
        row.higher_is_better = better not in NO
        if better and better not in YES | NO:
            row.problems.append(f"higher_is_better must be yes or no, not '{better}'")
    if not row.problems:
        row.status = _changes(row, stored.get((row.indicator_id, row.period_start)))
    return row


def _read_quarter(row: Row, text: str) -> None:
    if not text:
        row.problems.append("The quarter is empty: give its first day, e.g. 2026-04-01")
        return
    for date_format in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(text, date_format).date()
            break
        except ValueError:
            continue
    else:
        row.problems.append(f"'{text}' is not a date: write the quarter's first day as 2026-04-01")
        return
    if day.day != 1 or day.month % 3 != 1:
        row.problems.append(
            f"{format_date(day, 'j F Y')} does not start a quarter: use 1 January, April, July "
            "or October"
        )
    elif day > timezone.localdate():
        row.problems.append(f"The quarter starting {format_date(day, 'j F Y')} has not begun yet")
    else:
        row.period_start = day.isoformat()


def _read_number(row: Row, column: str, text: str) -> str:
    """The number as stored (two decimal places), or "" with the problem noted."""
    cleaned = text.replace("\u2212", "-").replace("\u00a0", " ").removesuffix("%").strip()
    if THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "").replace(" ", "")
    if not cleaned:
        return ""
    # The model field's own checks: a number, at most 2 decimal places and 12 digits.
    number_field = IndicatorValue._meta.get_field(column).formfield()
    try:
        number = number_field.clean(cleaned)
    except ValidationError as error:
        advice = " ".join(error.messages)
        if any(problem.code == "invalid" for problem in error.error_list):  # not a number
            advice = "write it like 1204.5, with a full stop for decimals"
        row.problems.append(f"The {column} '{text}' will not do: {advice}")
        return ""
    return str(number.quantize(Decimal("0.01")))


def _check_text(row: Row, column: str, required: bool) -> None:
    text, limit = getattr(row, column), IndicatorValue._meta.get_field(column).max_length
    if required and not text:
        row.problems.append(f"The {column} is empty: say where the figure comes from")
    elif len(text) > limit:
        row.problems.append(f"The {column} is {len(text)} characters; the limit is {limit}")
    elif "\ufffd" in text or "\x00" in text:
        row.problems.append(f"Some characters in the {column} could not be read (wrong encoding?)")


def _plain(number) -> str:
    """60.00 as "60" and 20.50 as "20.5", never "6E+1" (Decimal.normalize's own form)."""
    return f"{Decimal(number).normalize():f}"


def _direction(row: Row, stored: IndicatorValue | None) -> bool:
    if row.higher_is_better is not None:
        return row.higher_is_better
    return stored.higher_is_better if stored else True


def _changes(row: Row, stored: IndicatorValue | None) -> str:
    """What saving this row would do to the stored value, in words."""
    if stored is None:
        return "new"

    def shown(number) -> str:
        return "none" if number in (None, "") else _plain(number)

    changes = []
    if Decimal(row.value) != stored.value:
        changes.append(f"value {shown(stored.value)} → {shown(row.value)}")
    if row.unit != stored.unit:
        changes.append(f"unit '{stored.unit}' → '{row.unit}'")
    if shown(row.target) != shown(stored.target):
        changes.append(f"target {shown(stored.target)} → {shown(row.target)}")
    if row.source != stored.source:
        changes.append(f"source '{stored.source}' → '{row.source}'")
    if _direction(row, stored) != stored.higher_is_better:
        changes.append("higher is better" if row.higher_is_better else "lower is better")
    return "; ".join(changes) or "same"


def _flag_repeats(rows: list[Row]) -> None:
    """Two rows for one indicator and quarter: which should win is not ours to guess."""
    first_line: dict[tuple, int] = {}
    for row in rows:
        if not (row.indicator_id and row.period_start) or row.left_out:
            continue
        key = (row.indicator_id, row.period_start)
        if key in first_line:
            row.problems.append(
                f"Line {first_line[key]} already gives this indicator's value for this quarter"
            )
            row.status = ""
        else:
            first_line[key] = row.line
