"""Quantitative indicator values from a CSV, as officers keep them in a spreadsheet.

The template (one row per quantitative indicator, for the last quarter that has ended, with
the unit, source, target and direction of its latest value) is filled in and uploaded. Every
row is checked and shown before anything is saved, with what it would change; a file with any
bad row saves nothing, and a row left without a value is left out. A value for a quarter that
already has one replaces it.
"""

import csv
import datetime
import io
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from engagement.analysis.csv_io import UnreadableFile, decode, spreadsheet_safe
from engagement.dashboard.periods import recent_quarters

from .models import IndicatorValue, OutcomeIndicator

COLUMNS = ("indicator", "outcome", "quarter_starting", "value", "unit", "source", "target")
OPTIONAL_COLUMNS = ("higher_is_better",)
REQUIRED = ("indicator", "quarter_starting", "value", "source")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
MAX_ROWS = 5000


@dataclass
class Row:
    """One line of the file, read and checked. `replaces` is the value it overwrites, if any."""

    line: int
    indicator_name: str
    outcome: str = ""
    indicator_id: int | None = None
    period_start: str = ""  # ISO date, so a row survives being signed into the confirm form
    value: str = ""
    unit: str = ""
    source: str = ""
    target: str = ""
    higher_is_better: bool = True
    left_out: bool = False  # no value given: the row is shown, and not saved
    status: str = ""  # "new", "same" or the changes to the stored value
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def template_csv() -> str:
    """A CSV to fill in: every quantitative indicator, for the last quarter that has ended."""
    quarter = recent_quarters(2)[1]
    latest: dict[int, IndicatorValue] = {}
    for value in IndicatorValue.objects.order_by("indicator", "-period_start"):
        latest.setdefault(value.indicator_id, value)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*COLUMNS, *OPTIONAL_COLUMNS])
    for indicator in _indicators():
        last = latest.get(indicator.pk)
        writer.writerow(
            [
                spreadsheet_safe(indicator.name),
                spreadsheet_safe(indicator.page.title),
                quarter.start.isoformat(),
                "",
                last.unit if last else ("%" if indicator.name.startswith("%") else ""),
                spreadsheet_safe(last.source if last else indicator.data_source),
                _plain(last.target) if last and last.target is not None else "",
                "no" if last and not last.higher_is_better else "yes",
            ]
        )
    return out.getvalue()


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


def read_values_csv(data: bytes) -> list[Row]:
    """Every row of the file, each with its problems (none means it can be saved)."""
    reader = csv.DictReader(io.StringIO(decode(data)[0], newline=""))
    headers = {_key(name) for name in reader.fieldnames or [] if name}
    missing = [column for column in REQUIRED if column not in headers]
    if missing:
        found = ", ".join(name for name in reader.fieldnames or [] if name) or "none"
        raise UnreadableFile(
            f"The CSV needs the columns {', '.join(COLUMNS)}. Missing: {', '.join(missing)}. "
            f"Columns found: {found}. Download the template to start from the right columns."
        )
    lookup = IndicatorLookup()
    existing = {
        (value.indicator_id, value.period_start.isoformat()): value
        for value in IndicatorValue.objects.all()
    }
    rows: list[Row] = []
    try:
        for record in reader:
            if not any((cell or "").strip() for key, cell in record.items() if key):
                continue  # a blank line in a spreadsheet is not a row
            if len(rows) == MAX_ROWS:
                raise UnreadableFile(f"The file has more than {MAX_ROWS:,} rows: split it.")
            rows.append(_row(reader.line_num, record, lookup, existing))
    except csv.Error as error:
        raise UnreadableFile(
            f"Line {reader.line_num}: the CSV is broken there ({error})."
        ) from error
    if all(row.left_out for row in rows):
        raise UnreadableFile("No row has a value: fill in the value column, then upload again.")
    _flag_repeats(rows)
    return rows


def rows_to_save(rows: list[Row]) -> list[dict]:
    return [row.as_dict() for row in rows if not row.left_out]


def save_rows(rows: list[dict]) -> dict[str, list[IndicatorValue]]:
    """Store checked rows (as signed into the confirm form), in the caller's transaction.
    Returns the values "created", "changed" and "unchanged": confirming the same rows again
    (a double submit, a retry) changes nothing."""
    outcome: dict[str, list[IndicatorValue]] = {"created": [], "changed": [], "unchanged": []}
    for row in rows:
        fields = {
            "value": Decimal(row["value"]),
            "unit": row["unit"],
            "source": row["source"],
            "target": Decimal(row["target"]) if row["target"] else None,
            "higher_is_better": row["higher_is_better"],
        }
        value, created = IndicatorValue.objects.select_for_update().get_or_create(
            indicator_id=row["indicator_id"],
            period_start=datetime.date.fromisoformat(row["period_start"]),
            defaults=fields,
        )
        if created:
            outcome["created"].append(value)
        elif all(getattr(value, name) == new for name, new in fields.items()):
            outcome["unchanged"].append(value)
        else:
            for name, new in fields.items():
                setattr(value, name, new)
            value.save()
            outcome["changed"].append(value)
    return outcome


class IndicatorLookup:
    """Quantitative indicators by name (case and spacing ignored), narrowed by outcome."""

    def __init__(self):
        self.by_name: dict[str, list[OutcomeIndicator]] = {}
        for indicator in _indicators():
            self.by_name.setdefault(_key(indicator.name), []).append(indicator)

    def find(self, name: str, outcome: str) -> tuple[OutcomeIndicator | None, str]:
        """(indicator, problem): exactly one of them is set."""
        matches = self.by_name.get(_key(name), [])
        if outcome:
            matches = [m for m in matches if _key(m.page.title) == _key(outcome)]
        if len(matches) == 1:
            return matches[0], ""
        if not matches:
            return None, (
                f"No quantitative indicator is called '{name}'"
                + (f" under the outcome '{outcome}'" if outcome else "")
                + ": copy its name from the template"
            )
        return None, f"Several outcomes have an indicator called '{name}': fill in the outcome"


def _indicators():
    return (
        OutcomeIndicator.objects.filter(kind=OutcomeIndicator.Kind.QUANTITATIVE)
        .select_related("page")
        .order_by("page__path", "sort_order")
    )


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _row(line: int, record: dict, lookup: IndicatorLookup, existing: dict) -> Row:
    cells = {_key(key): (value or "").strip() for key, value in record.items() if key}
    row = Row(
        line=line,
        indicator_name=cells.get("indicator", ""),
        outcome=cells.get("outcome", ""),
        unit=cells.get("unit", ""),
        source=cells.get("source", ""),
    )
    if record.get(None):  # DictReader keeps cells beyond the header under None
        row.problems.append(
            "More cells than the header has columns: put text with commas in quotes"
        )
    if not row.indicator_name:
        row.problems.append("The indicator is empty")
    else:
        indicator, problem = lookup.find(row.indicator_name, row.outcome)
        if indicator:
            row.indicator_id, row.indicator_name = indicator.pk, indicator.name
            row.outcome = indicator.page.title
        else:
            row.problems.append(problem)
    _read_quarter(row, cells.get("quarter_starting", ""))
    if not cells.get("value"):  # a template row the officer has no figure for
        row.left_out = not row.problems
        return row
    row.value = _read_number(row, "value", cells.get("value", ""), required=True)
    row.target = _read_number(row, "target", cells.get("target", ""), required=False)
    _read_text(row, "source", IndicatorValue._meta.get_field("source").max_length, required=True)
    _read_text(row, "unit", IndicatorValue._meta.get_field("unit").max_length, required=False)
    better = cells.get("higher_is_better", "").casefold()
    if better in NO:
        row.higher_is_better = False
    elif better and better not in YES:
        row.problems.append(f"higher_is_better must be yes or no, not '{better}'")
    row.status = _changes(row, existing.get((row.indicator_id, row.period_start)))
    return row


def _changes(row: Row, old: IndicatorValue | None) -> str:
    """What saving this row would do to the stored value, in words."""
    if old is None:
        return "new"

    def shown(number) -> str:
        return "none" if number in (None, "") else _plain(Decimal(number))

    changes = []
    if row.value and Decimal(row.value) != old.value:
        changes.append(f"value {shown(old.value)} → {shown(row.value)}")
    if row.unit != old.unit:
        changes.append(f"unit '{old.unit}' → '{row.unit}'")
    if shown(row.target) != shown(old.target):
        changes.append(f"target {shown(old.target)} → {shown(row.target)}")
    if row.source != old.source:
        changes.append(f"source '{old.source}' → '{row.source}'")
    if row.higher_is_better != old.higher_is_better:
        changes.append("higher is better" if row.higher_is_better else "lower is better")
    return "; ".join(changes) or "same"


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
            f"{day:%-d %B %Y} does not start a quarter: use 1 January, April, July or October"
        )
    elif day > timezone.localdate():
        row.problems.append(f"The quarter starting {day:%-d %B %Y} has not begun yet")
    else:
        row.period_start = day.isoformat()


NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _read_number(row: Row, column: str, text: str, required: bool) -> str:
    cleaned = text.replace(",", "").removesuffix("%").strip()
    if not cleaned:
        if required:
            row.problems.append(f"The {column} is empty")
        return ""
    if not NUMBER.match(cleaned):
        row.problems.append(f"The {column} '{text}' is not a number")
        return ""
    try:
        number = Decimal(cleaned).quantize(Decimal("0.01"))
    except InvalidOperation:
        number = None
    if number is None or abs(number) >= Decimal("1e10"):
        row.problems.append(f"The {column} '{text}' is too large")
        return ""
    return str(number)


def _read_text(row: Row, column: str, limit: int, required: bool) -> None:
    text = getattr(row, column)
    if required and not text:
        row.problems.append(f"The {column} is empty: say where the figure comes from")
    elif len(text) > limit:
        row.problems.append(f"The {column} is {len(text)} characters; the limit is {limit}")
    elif "\ufffd" in text or "\x00" in text:
        row.problems.append(f"Some characters in the {column} could not be read (wrong encoding?)")


def _flag_repeats(rows: list[Row]) -> None:
    """Two rows for one indicator and quarter: which should win is not ours to guess."""
    first_line: dict[tuple, int] = {}
    for row in rows:
        key = (row.indicator_id, row.period_start)
        if row.indicator_id and row.period_start and not row.left_out:
            if key in first_line:
                row.problems.append(
                    f"Line {first_line[key]} already gives this indicator's value for this quarter"
                )
            else:
                first_line[key] = row.line
