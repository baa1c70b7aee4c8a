"""Reading CSV files of comments as people export them from Excel and survey tools.

UTF-8 (with or without Excel's byte-order mark) or Windows-1252, Excel's default on a
British PC; every problem is reported with the line it is on, in words that say what to fix.
"""

import csv
import io
from dataclasses import dataclass, field

import pandas as pd

TEXT_LIMIT = 5000  # characters in one comment
ENCODINGS = ("utf-8-sig", "cp1252")


class UnreadableFile(ValueError):
    """The file cannot be read as a CSV at all; the message says what to do instead."""


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without a byte-order mark, else Windows-1252."""
    if b"\x00" in data[:4096] or data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            "This file is not a CSV text file (it looks like a spreadsheet or other binary "
            "file). In Excel, use File > Save As > CSV UTF-8 (comma delimited)."
        )
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        "We could not read the characters in this file. Save it as CSV UTF-8 and try again."
    )


@dataclass
class CommentsCsv:
    """The rows of a CSV (all columns as text), each with the line it started on."""

    columns: list[str]
    rows: pd.DataFrame  # the file's columns plus "line"
    encoding: str
    problems: list[str] = field(default_factory=list)  # "Line 7: ..." for rows left out

    def check_text_column(self, column: str) -> list[tuple[int, str]]:
        """(line, problem) for each row whose comment cannot be used as it is."""
        if column not in self.columns:
            raise UnreadableFile(_no_such_column(column, self.columns))
        problems = []
        for line, text in zip(self.rows["line"], self.rows[column], strict=True):
            if not text.strip():
                problems.append((line, "the comment is empty"))
            elif len(text) > TEXT_LIMIT:
                problems.append(
                    (line, f"the comment is {len(text):,} characters; the limit is {TEXT_LIMIT:,}")
                )
            elif "\ufffd" in text:
                problems.append((line, "some characters could not be read (wrong encoding?)"))
        return problems


def read_comments_csv(data: bytes) -> CommentsCsv:
    """Parse a CSV file's bytes. Rows with more cells than the header are left out, by line."""
    text, encoding = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise UnreadableFile("The file is empty: it needs a header row and rows below.") from None
    except csv.Error as error:  # e.g. a header cell of megabytes
        raise UnreadableFile(f"Line 1: the CSV is broken there ({error}).") from error
    columns = _unique([cell.strip() for cell in header])
    if not any(columns):
        raise UnreadableFile("The first row must name the columns, e.g. text.")
    records, lines, problems = [], [], []
    previous = reader.line_num
    try:
        for cells in reader:
            # The line a row starts on: a quoted comment may run over several lines.
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # blank lines are not rows
            if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
                problems.append(
                    f"Line {line}: {len(cells)} cells where the header has {len(columns)} "
                    "(a comma in a comment that is not inside quotes?)"
                )
                continue
            # Short rows are padded; empty cells past the header (a trailing comma) dropped.
            records.append((cells + [""] * len(columns))[: len(columns)])
            lines.append(line)
    except csv.Error as error:
        raise UnreadableFile(
            f"Line {reader.line_num}: the CSV is broken there ({error})."
        ) from error
    rows = pd.DataFrame(records, columns=columns, dtype=str)
    rows["line"] = lines
    return CommentsCsv(columns=columns, rows=rows, encoding=encoding, problems=problems)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        name = name or "column"
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def _no_such_column(column: str, columns: list[str]) -> str:
    return f"There is no column called {column!r}. The columns are: {', '.join(columns)}."


def from_spreadsheet_safe(text: str) -> str:
    """Undo spreadsheet_safe on a cell read back from one of our own CSVs."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def spreadsheet_safe(text: str) -> str:
    """A cell starting with = + - @ runs as a formula in Excel: keep it plain text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
