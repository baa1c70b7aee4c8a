"""Bulk entry after an event: pasted notes or a CSV, checked line by line before any is saved."""

import csv
import io
import re
from dataclasses import asdict, dataclass, field

from engagement.analysis.csv_io import UnreadableFile
from engagement.analysis.csv_io import decode as decode_csv
from surveys.models import SpeakerType

__all__ = ["UnreadableFile", "parse_csv", "parse_notes"]

TEXT_LIMIT = 2000
CSV_COLUMNS = ("text", "speaker_type", "prompt", "consent")
YES = {"yes", "y", "true", "1", "agreed"}
NO = {"no", "n", "false", "0", ""}
SPEAKER_WORDS = {
    **{value: value for value, _ in SpeakerType.choices},
    **{label.casefold(): value for value, label in SpeakerType.choices},
    "young person": SpeakerType.YOUNG_PERSON,
    "yp": SpeakerType.YOUNG_PERSON,
    "child": SpeakerType.YOUNG_PERSON,
    "parent": SpeakerType.PARENT_CARER,
    "carer": SpeakerType.PARENT_CARER,
    "parent carer": SpeakerType.PARENT_CARER,
    "staff": SpeakerType.PROFESSIONAL,
}


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


def decode(data: bytes) -> str:
    return decode_csv(data)[0]


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


def parse_csv(data: bytes) -> list[Row]:
    text = decode(data)
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip().casefold() for h in (reader.fieldnames or [])]
    missing = [column for column in ("text", "speaker_type") if column not in headers]
    if missing:
        found = ", ".join(reader.fieldnames or []) or "none"
        raise UnreadableFile(
            f"The CSV needs the columns {', '.join(CSV_COLUMNS)}. Missing: {', '.join(missing)}. "
            f"Columns found: {found}."
        )
    try:
        return [_csv_row(reader, record) for record in reader]
    except csv.Error as error:  # e.g. one cell of megabytes, or a stray quote to the end
        raise UnreadableFile(
            f"Line {reader.line_num}: the CSV cannot be read there ({error}). Check the file "
            "is a CSV saved from a spreadsheet, with each comment in one cell."
        ) from error


def _csv_row(reader: csv.DictReader, record: dict) -> Row:
    # DictReader puts cells beyond the header under the key None, as a list.
    values = {key.strip().casefold(): (value or "").strip() for key, value in record.items() if key}
    row = Row(line=reader.line_num, text=values.get("text", ""), prompt=values.get("prompt", ""))
    _check_text(row)
    if record.get(None):
        row.problems.append(
            "More cells than the header has columns: put a comment with commas inside quotes"
        )
    speaker = values.get("speaker_type", "").casefold()
    row.speaker_type = SPEAKER_WORDS.get(speaker, "")
    if not row.speaker_type:
        row.problems.append(
            f"Unknown speaker type '{values.get('speaker_type', '')}': use young person, "
            "parent carer or professional"
        )
    consent = values.get("consent", "").casefold()
    if consent in YES:
        row.may_publish = True
    elif consent not in NO:
        row.problems.append(f"Consent must be yes or no, not '{values.get('consent')}'")
    if "\ufffd" in row.text:
        row.problems.append("Some characters could not be read (wrong encoding?)")
    return row
