"""Bulk entry after an event: pasted notes or a CSV, checked line by line before any is saved."""

import re
from dataclasses import asdict, dataclass, field

from engagement.analysis.csv_io import LineNote, UnreadableFile, read_csv
from engagement.import_columns import AUDIENCE_WORDS, NO, YES
from surveys.limits import CONTRIBUTION_TEXT_LIMIT as TEXT_LIMIT

__all__ = ["UnreadableFile", "parse_csv", "parse_notes"]

CSV_COLUMNS = ("text", "speaker_type", "prompt", "consent")


@dataclass
class Row:
    line: int
    text: str
    speaker_type: str = ""
    prompt: str = ""
    may_publish: bool = False
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _check_text(row: Row) -> None:
    if not row.text:
        row.problems.append("The text is empty")
    elif len(row.text) > TEXT_LIMIT:
        row.problems.append(f"The text is {len(row.text)} characters; the limit is {TEXT_LIMIT}")


def _blocks(notes: str) -> list[tuple[int, str]]:
    """(first line number, text): paragraphs if the notes have blank lines, else single lines."""
    lines = notes.splitlines()
    by_paragraph = any(not line.strip() for line in lines[1:-1]) and len(lines) > 2
    blocks: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines, start=1):
        text = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()  # drop list bullets
        if not text:
            blocks.append((0, []))  # a blank line closes the paragraph
            continue
        if by_paragraph and blocks and blocks[-1][1]:
            blocks[-1][1].append(text)
        else:
            blocks.append((number, [text]))
    return [(number, " ".join(parts)) for number, parts in blocks if parts]


def parse_notes(notes: str, speaker_type: str, may_publish: bool) -> list[Row]:
    """One contribution per line, or per paragraph where paragraphs are separated by blank lines."""
    rows = []
    for number, text in _blocks(notes):
        row = Row(line=number, text=text, speaker_type=speaker_type, may_publish=may_publish)
        _check_text(row)
        rows.append(row)
    return rows


def parse_csv(data: bytes) -> tuple[list[Row], list[LineNote]]:
    """(rows, warnings): every row with its problems, and what the reader repaired (lines read
    as Windows-1252), to show on the check step."""
    table = read_csv(data)
    column_of = {name.casefold(): name for name in table.columns}
    missing = [column for column in ("text", "speaker_type") if column not in column_of]
    if missing:
        raise UnreadableFile(
            f"The CSV needs the columns {', '.join(CSV_COLUMNS)}. Missing: {', '.join(missing)}. "
            f"Columns found: {', '.join(table.columns) or 'none'}."
        )
    at = {column: table.index(name) for column, name in column_of.items()}
    rows = [
        Row(line=problem.line or 0, text="", problems=[_TOO_MANY_CELLS])
        for problem in table.problems
    ]
    for row in table.rows:
        if not row.is_blank:
            rows.append(_csv_row(row.line, {key: row.cells[i].strip() for key, i in at.items()}))
    return sorted(rows, key=lambda row: row.line), table.warnings


_TOO_MANY_CELLS = "More cells than the header has columns: put a comment with commas inside quotes"


def _csv_row(line: int, values: dict[str, str]) -> Row:
    row = Row(line=line, text=values.get("text", ""), prompt=values.get("prompt", ""))
    _check_text(row)
    speaker = values.get("speaker_type", "").casefold()
    row.speaker_type = AUDIENCE_WORDS.get(speaker, "")
    if not row.speaker_type:
        row.problems.append(
            f"Unknown speaker type '{values.get('speaker_type', '')}': use young person, "
            "parent carer or professional"
        )
    consent = values.get("consent", "").casefold()
    if consent in YES:
        row.may_publish = True
    elif consent and consent not in NO:  # no answer: not agreed
        row.problems.append(f"Consent must be yes or no, not '{values.get('consent')}'")
    if "\ufffd" in row.text:
        row.problems.append("Some characters could not be read (wrong encoding?)")
    return row
