"""A survey export's own columns, read row by row: the names tools write are recognised, and
each cell is read as people write it or refused with what to write instead."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from engagement.analysis.csv_io import read_csv
from engagement.import_columns import RowReader, RowValues, guess_columns

LONDON = ZoneInfo("Europe/London")
DEFAULTS = RowValues(
    said_at=datetime.datetime(2025, 1, 1, tzinfo=LONDON),
    audience="parent_carer",
    consent=False,
    outcome=None,
)


@pytest.mark.parametrize(
    ("columns", "said_at"),
    [
        (["ID", "Start time", "Completion time", "Comment"], "Completion time"),  # Forms
        (["Timestamp", "Comment"], "Timestamp"),  # Google Forms
        (["Respondent ID", "Start Date", "End Date", "Comment"], "End Date"),  # SurveyMonkey
        (["Date of birth", "Comment"], ""),  # when they were born is not when they wrote
    ],
)
def test_the_date_column_survey_tools_write_is_recognised(columns, said_at):
    assert guess_columns(columns, "Comment")["said_at"] == said_at


def test_a_column_of_audiences_is_taken_as_who_wrote_each_comment_whatever_its_name():
    table = read_csv(
        b"Group,Who,Comment\n"
        b"Year 9,Parent,The bus is late\n"
        b"Year 10,Young person,I like my TA\n"
        b"Year 9,,No one listens\n"  # an empty cell is the whole file's choice
    )
    assert guess_columns(table.columns, "Comment", table)["audience"] == "Who"
    # Not when a cell says something else: "Year 9" is not an audience.
    mixed = read_csv(b"Who,Comment\nParent,Late bus\nYear 9,Too loud\n")
    assert guess_columns(mixed.columns, "Comment", mixed)["audience"] == ""
    # A name that says so still wins.
    named = read_csv(b"Who,Are you a,Comment\nParent,carer,Late bus\n")
    assert guess_columns(named.columns, "Comment", named)["audience"] == "Are you a"


def read(cells: list[str], header: str = "When,Who,Quote") -> tuple[RowValues, list[str]]:
    table = read_csv(f"{header}\n{','.join(cells)}\n".encode())
    reader = RowReader(table, {"said_at": "When", "audience": "Who", "consent": "Quote"}, DEFAULTS)
    return reader.read(table.rows[0].cells)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("31/01/2025 14:30", datetime.datetime(2025, 1, 31, 14, 30, tzinfo=LONDON)),
        ("31/01/25 2:30 pm", datetime.datetime(2025, 1, 31, 14, 30, tzinfo=LONDON)),
        ("31/07/2025", datetime.datetime(2025, 7, 31, tzinfo=LONDON)),
        ("2025-01-31T14:30:00Z", datetime.datetime(2025, 1, 31, 14, 30, tzinfo=datetime.UTC)),
    ],
)
def test_dates_are_read_as_people_and_tools_write_them(written, meant):
    values, problems = read([written, "", ""])
    assert problems == [] and values.said_at == meant


def test_empty_cells_take_the_whole_files_choice_and_words_are_read():
    values, problems = read(["", "Young person", "I agree"])
    assert problems == []
    assert (values.said_at, values.audience, values.consent) == (
        DEFAULTS.said_at, "young_person", True,
    )  # fmt: skip
    assert read(["", "", "I don't agree"])[0].consent is False


def test_each_bad_cell_says_what_to_write():
    _, problems = read(["soon", "alien", "perhaps"])
    assert problems == [
        "the date 'soon' in \"When\" cannot be read: write it like 31/01/2025 14:30 or 2025-01-31",
        "'alien' in \"Who\" is not an audience: write young person, parent carer or professional",
        "'perhaps' in \"Quote\" must be yes or no",
    ]
