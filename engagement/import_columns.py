"""A survey export's own columns, read row by row: when each comment was written, who wrote it,
whether they agreed to be quoted, and the outcome it is about.

Microsoft Forms writes "Start time" and "Completion time" on every row, Google Forms
"Timestamp", SurveyMonkey "Start Date" and "End Date": a comment keeps its own date, not the
day it was imported. Common column names are recognised (guess_columns); the officer confirms
or changes each on the check step, and whatever the file does not say is chosen once for the
whole file. A cell that cannot be read is a problem on its row, in words that say what to write.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateformat import format as format_date

from outcomes_cms.models import OutcomePage

from .analysis.csv_io import CsvTable, LineNote
from .models import Voice

YES = {"yes", "y", "true", "1", "agreed", "agree", "i agree", "yes please", "ok", "okay"}
NO = {"no", "n", "false", "0", "no thanks", "disagree", "i do not agree", "i don't agree"}
AUDIENCE_WORDS = {
    **{value: value for value, _ in Voice.Audience.choices},
    **{label.casefold(): value for value, label in Voice.Audience.choices},
    "young person": Voice.Audience.YOUNG_PERSON,
    "young people": Voice.Audience.YOUNG_PERSON,
    "yp": Voice.Audience.YOUNG_PERSON,
    "child": Voice.Audience.YOUNG_PERSON,
    "pupil": Voice.Audience.YOUNG_PERSON,
    "student": Voice.Audience.YOUNG_PERSON,
    "parent": Voice.Audience.PARENT_CARER,
    "carer": Voice.Audience.PARENT_CARER,
    "parent carer": Voice.Audience.PARENT_CARER,
    "parent/carer": Voice.Audience.PARENT_CARER,
    "parent or carer": Voice.Audience.PARENT_CARER,
    "staff": Voice.Audience.PROFESSIONAL,
}
# Column names as survey tools write them, the likeliest first (a comment is written by the
# time the form is completed). A header matches a name it equals or starts with.
COLUMN_NAMES = {
    "said_at": [
        "completion time", "timestamp", "end date", "date submitted", "submitted at",
        "submission date", "recorded date", "start time", "start date", "date", "created",
    ],
    "audience": [
        "audience", "who are you", "i am a", "are you a", "respondent type", "speaker type",
        "speaker_type", "who is answering", "who is filling",
    ],
    "consent": [
        "consent", "may we quote", "can we quote", "can we use your words", "permission",
        "quote",
    ],
    "outcome": ["outcome"],
}  # fmt: skip
TIMES = ["%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", ""]
DAY_FIRST = [f"{day} {time}".strip() for day in ("%d/%m/%Y", "%d/%m/%y") for time in TIMES]
MONTH_FIRST = [f"{day} {time}".strip() for day in ("%m/%d/%Y", "%m/%d/%y") for time in TIMES]
FUTURE_ALLOWED = datetime.timedelta(days=1)  # clocks and time zones differ a little


def _normal(name: str) -> str:
    return " ".join(re.sub(r"[^\w/ ]", " ", name.casefold()).split())


def names_a_known_column(column: str) -> bool:
    return any(
        _normal(column).startswith(name) for names in COLUMN_NAMES.values() for name in names
    )


def guess_columns(
    columns: list[str], text_column: str, table: CsvTable | None = None
) -> dict[str, str]:
    """The column likeliest to hold each of said_at, audience, consent and outcome ("" when
    none looks like it). With the table, a column no name gives away ("Who", "Group") is
    taken as the audience when what it holds is who wrote each comment."""
    guesses = {}
    for field, names in COLUMN_NAMES.items():
        guesses[field] = next(
            (
                column
                for name in names
                for column in columns
                if column != text_column
                and _normal(column).startswith(name)
                and "birth" not in _normal(column)  # "Date of birth" is not when they wrote
            ),
            "",
        )
    if table is not None and not guesses["audience"]:
        guesses["audience"] = _column_of_audiences(table, text_column)
    return guesses


def _column_of_audiences(table: CsvTable, text_column: str) -> str:
    """The first column whose filled cells all name an audience ("Parent", "Young person")."""
    for at, column in enumerate(table.columns):
        if column == text_column:
            continue
        filled = [row.cells[at] for row in table.rows if row.cells[at].strip()]
        if filled and all(_normal(cell) in AUDIENCE_WORDS for cell in filled):
            return column
    return ""


@dataclass
class RowValues:
    """A row's own values; as defaults, what the officer chose for the whole file."""

    said_at: datetime.datetime
    audience: str
    consent: bool
    outcome: int | None  # an OutcomePage's id


class RowReader:
    """Reads the chosen columns of each row, or the whole file's choice where there is none."""

    def __init__(self, table: CsvTable, columns: dict[str, str], defaults: RowValues):
        self.at = {field: table.index(name) for field, name in columns.items() if name}
        self.names = {field: name for field, name in columns.items() if name}
        self.defaults = defaults
        self.warnings: list[LineNote] = []
        self.outcomes = _outcomes_by_title() if "outcome" in self.at else {}
        self.date_formats = DAY_FIRST
        if "said_at" in self.at:
            dates = [row.cells[self.at["said_at"]] for row in table.rows]
            self.date_formats = self._date_order(dates)

    def read(self, cells: tuple[str, ...]) -> tuple[RowValues, list[str]]:
        """(values, problems) for one row."""
        problems: list[str] = []
        values = RowValues(**vars(self.defaults))
        for field, at in self.at.items():
            text = cells[at].strip()
            if not text:
                continue  # an empty cell: the whole file's choice
            value, problem = getattr(self, f"_{field}")(text)
            if problem:
                problems.append(problem)
            else:
                setattr(values, field, value)
        return values, problems

    def _said_at(self, text: str):
        when = _parse_date(text, self.date_formats)
        if when is None:
            return None, (
                f"the date '{text}' in \"{self.names['said_at']}\" cannot be read: write it "
                "like 31/01/2025 14:30 or 2025-01-31"
            )
        if when > timezone.now() + FUTURE_ALLOWED:
            return None, f"the date {format_date(when, 'j F Y')} is in the future"
        return when, ""

    def _audience(self, text: str):
        audience = AUDIENCE_WORDS.get(_normal(text)) or AUDIENCE_WORDS.get(text.casefold())
        if audience:
            return audience, ""
        return None, (
            f"'{text}' in \"{self.names['audience']}\" is not an audience: write young person, "
            "parent carer or professional"
        )

    def _consent(self, text: str):
        words = {text.casefold(), _normal(text)}  # "I don't agree", "Yes."
        if words & YES:
            return True, ""
        if words & NO:
            return False, ""
        return None, f"'{text}' in \"{self.names['consent']}\" must be yes or no"

    def _outcome(self, text: str):
        matches = self.outcomes.get(_normal(text), [])
        if len(matches) == 1:
            return matches[0], ""
        if matches:
            return None, (
                f"several outcomes are called '{text}': leave the outcome column out and "
                "choose the outcome for the whole file"
            )
        return None, f"no outcome is called '{text}': copy its title from the outcomes framework"

    def _date_order(self, cells: list[str]) -> list[str]:
        """Day first (as Britain writes dates), unless only month first reads them all."""
        filled = [cell.strip() for cell in cells if cell.strip()]
        if all(_parse_date(cell, DAY_FIRST) for cell in filled):
            return DAY_FIRST
        if all(_parse_date(cell, MONTH_FIRST) for cell in filled):
            self.warnings.append(
                LineNote(
                    None,
                    f'The dates in "{self.names["said_at"]}" are read month first (as '
                    f"{next(c for c in filled if not _parse_date(c, DAY_FIRST))}), since only "
                    "that reads them all.",
                )
            )
            return MONTH_FIRST
        return DAY_FIRST


def _parse_date(text: str, formats: list[str]) -> datetime.datetime | None:
    text = " ".join(text.replace("\u202f", " ").split())  # Excel's narrow space before "PM"
    try:
        parsed = datetime.datetime.fromisoformat(text)  # 2025-01-31, 2025-01-31T14:30:00Z
    except ValueError:
        parsed = None
        for date_format in formats:
            try:
                parsed = datetime.datetime.strptime(text, date_format)  # %p: am, AM, pm
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    if timezone.is_naive(parsed):  # the council's own clock (zoneinfo: no error at DST)
        parsed = parsed.replace(tzinfo=timezone.get_current_timezone())
    return parsed


def _outcomes_by_title() -> dict[str, list[int]]:
    titles: dict[str, list[int]] = {}
    for pk, title in OutcomePage.objects.values_list("pk", "title"):
        titles.setdefault(_normal(title), []).append(pk)
    return titles
