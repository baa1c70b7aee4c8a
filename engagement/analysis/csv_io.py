"""The one CSV reader: every import (comments, focus-group notes, indicator values, theme_csv).

It follows RFC 4180 and reads what Excel and survey tools write:
- cells in double quotes may hold commas, new lines and doubled quotes ("said ""no"" to me");
  nothing is guessed from the data (csv.Sniffer did, and misread files with doubled quotes);
- commas separate cells, unless the header line says otherwise: Excel's `sep=;` first line, or
  a header with no comma but semicolons or tabs between its names (European Excel, "Unicode
  text"), which is said in a warning;
- UTF-8 with or without a byte-order mark (UTF-16 with one too). A file with lines in
  Windows-1252 (Excel's "CSV (Comma delimited)" on a British PC) among UTF-8 ones, as when
  exports are pasted together, is repaired line by line, each repaired line named in a warning;
  a file wholly in Windows-1252 is read as such, with one warning. Reading a whole file in the
  wrong encoding would turn every "don't" into "donâ€™t".

Problems are reported with the line they are on (the header is line 1, as in a spreadsheet) in
words that say what to change. Framework-free: theme_csv and the analysis package use it too.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

import pandas as pd

TEXT_LIMIT = 5000  # characters in one comment
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
UTF8, CP1252, MIXED = "utf-8", "cp1252", "utf-8+cp1252"  # CsvTable.encoding
_REPAIRED_SHOWN = 3  # words shown per repaired line


class UnreadableFile(ValueError):
    """The file cannot be read as a CSV at all; the message says what to do instead."""


@dataclass(frozen=True)
class LineNote:
    """A warning or a problem, on a line of the file (None: about the whole file)."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line the row starts on: a quoted cell may run over several
    cells: tuple[str, ...]  # one per column, as written (short rows padded with "")

    @property
    def is_blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


@dataclass
class CsvTable:
    """A CSV file read: its column names, its rows, and what was repaired or left out."""

    columns: list[str]  # the header's names, stripped; a blank or repeated one made unique
    rows: list[CsvRow]
    encoding: str  # UTF8, CP1252 or MIXED (UTF-8 with some lines in Windows-1252)
    delimiter: str = ","
    warnings: list[LineNote] = field(default_factory=list)  # read, but repaired or assumed
    problems: list[LineNote] = field(default_factory=list)  # rows left out

    def index(self, column: str) -> int:
        if column not in self.columns:
            raise UnreadableFile(_no_such_column(column, self.columns))
        return self.columns.index(column)

    def column(self, column: str) -> list[str]:
        at = self.index(column)
        return [row.cells[at] for row in self.rows]

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row.cells, strict=True)) for row in self.rows]

    def frame(self) -> pd.DataFrame:
        """The rows as the analysis package takes them, indexed by line (an index, not a
        column: the file may have a column called "line" of its own)."""
        lines = pd.Index([row.line for row in self.rows], name="line")
        return pd.DataFrame(
            [row.cells for row in self.rows], columns=self.columns, index=lines, dtype=str
        )

    def check_text_column(self, column: str) -> list[LineNote]:
        """A problem for each row whose comment cannot be used as it is."""
        problems = []
        for row, text in zip(self.rows, self.column(column), strict=True):
            if problem := text_problem(text):
                problems.append(LineNote(row.line, problem))
        return problems


def text_problem(text: str, limit: int = TEXT_LIMIT) -> str:
    """Why a comment cannot be used as it is ("" when it can)."""
    if not text.strip():
        return "the comment is empty"
    if len(text) > limit:
        return f"the comment is {len(text):,} characters; the limit is {limit:,}"
    if "\ufffd" in text:
        return "some characters could not be read (save the file as CSV UTF-8)"
    return ""


def read_csv(data: bytes) -> CsvTable:
    """Read a CSV file's bytes. Rows with more filled cells than the header are left out (a
    trailing empty cell is not a problem); blank lines are not rows."""
    text, encoding, warnings = decode(data)
    lines = io.StringIO(text, newline="")  # new lines inside quoted cells kept as written
    first_line = 1
    declared = _declared_delimiter(text)
    if declared:
        lines.readline()  # Excel's "sep=;" line is not the header
        first_line = 2
    delimiter = declared or _header_delimiter(text)
    if delimiter != "," and not declared:
        warnings.append(
            LineNote(
                first_line,
                f"the header has {DELIMITER_NAMES[delimiter]} between its names and no commas, "
                f"so cells are read as separated by {DELIMITER_NAMES[delimiter]}",
            )
        )
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UnreadableFile("The file is empty: it needs a header row and rows below.") from None
    except csv.Error as error:  # e.g. a header cell of megabytes
        raise UnreadableFile(f"Line {first_line}: the CSV is broken there ({error}).") from error
    columns = _unique([cell.strip() for cell in header])
    if not any(name.strip() for name in header):
        raise UnreadableFile("The first row must name the columns, e.g. text.")
    table = CsvTable(columns, [], encoding, delimiter, warnings)
    line = next_line = first_line + reader.line_num
    try:
        for cells in reader:
            line, next_line = next_line, first_line + reader.line_num
            if cells:  # [] is a blank line; a row of empty cells is still a row
                _add_row(table, line, cells)
    except csv.Error as error:
        raise UnreadableFile(
            f"Line {first_line + reader.line_num - 1}: the CSV is broken there ({error}). "
            "Check each comment is in one cell."
        ) from error
    _check_last_quote(table, text, line)
    return table


def _add_row(table: CsvTable, line: int, cells: list[str]) -> None:
    width = len(table.columns)
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        separator = SEPARATOR_NAMES[table.delimiter]
        table.problems.append(
            LineNote(
                line,
                f"{len(cells)} cells where the header has {width} (a {separator} in a comment "
                "that is not inside quotes?)",
            )
        )
        return
    table.rows.append(CsvRow(line, tuple((cells + [""] * width)[:width])))


def _check_last_quote(table: CsvTable, text: str, last_line: int) -> None:
    """A quote opened and never closed makes the rest of the file one cell: say so, and leave
    that row out rather than import half a file as one comment."""
    tail = "".join(io.StringIO(text, newline="").readlines()[last_line - 1 :])
    try:
        list(csv.reader(io.StringIO(tail, newline=""), delimiter=table.delimiter, strict=True))
    except csv.Error as error:
        if "unexpected end of data" not in str(error):
            return  # other strictness (a character after a closing quote) reads fine
        if table.rows and table.rows[-1].line == last_line:
            table.rows.pop()
        table.problems.append(
            LineNote(
                last_line,
                "a quote opens a cell here and is never closed, so the rest of the file would "
                'be one cell: close it, or write a quote inside a quoted cell as two ("")',
            )
        )


def decode(data: bytes) -> tuple[str, str, list[LineNote]]:
    """(text, encoding, warnings). UTF-8 (a byte-order mark dropped); lines that are not UTF-8
    are read as Windows-1252 and named in a warning each; a file with no sign of UTF-8 at
    all (no byte-order mark, no character beyond ASCII) is read as Windows-1252 with one
    warning."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):  # Excel's "Unicode text": never a plain-bytes file
            try:
                return data[len(bom) :].decode(codec), UTF8, []
            except UnicodeDecodeError:
                break
    says_utf8 = data.startswith(codecs.BOM_UTF8)  # a byte-order mark: written as UTF-8
    data = data.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in data[:4096] or data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            "This file is not a CSV text file (it looks like a spreadsheet or other binary "
            "file). In Excel, use File > Save As > CSV UTF-8 (comma delimited)."
        )
    try:
        return data.decode("utf-8"), UTF8, []
    except UnicodeDecodeError:
        pass
    if not says_utf8 and not _HAS_UTF8_MULTIBYTE.search(data):  # no UTF-8 beyond ASCII
        text = data.decode("cp1252", errors="replace")
        return text, CP1252, [LineNote(None, _WHOLE_FILE_CP1252)]
    decoded, warnings = [], []
    # Line by line, as the CSV reader counts them (\n, \r\n and \r), and within a line
    # character by character: a line may hold both (a UTF-8 "naïve" and a pasted "don’t").
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        text, repaired_words = _repair(line)
        decoded.append(text)
        if repaired_words:
            warnings.append(LineNote(number, _repaired_message(repaired_words)))
    return "".join(decoded), MIXED, warnings


_WHOLE_FILE_CP1252 = (
    'The file is not UTF-8, so it was read as Windows-1252 (what Excel saves as "CSV (Comma '
    'delimited)"). If any letters look wrong, save it as "CSV UTF-8" and upload it again.'
)
# A character UTF-8 writes in more than one byte, well-formed (RFC 3629).
_UTF8_MULTIBYTE = (
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HAS_UTF8_MULTIBYTE = re.compile(_UTF8_MULTIBYTE)
# A run of UTF-8 characters, or else one byte that is not part of one.
_UTF8_RUN_OR_BYTE = re.compile(rb"((?:[\x00-\x7f]|" + _UTF8_MULTIBYTE + rb")+)|(.)", re.DOTALL)


def _repair(line: bytes) -> tuple[str, list[str]]:
    """(text, repaired words): UTF-8 where the bytes are UTF-8, each other byte read as
    Windows-1252 (a byte that means nothing there either becomes U+FFFD, which the importers
    report). The words are those holding a repaired character, to name in the warning."""
    parts, repaired_at, length = [], [], 0
    for match in _UTF8_RUN_OR_BYTE.finditer(line):
        if match[1] is not None:
            part = match[1].decode("utf-8")
        else:
            part = match[2].decode("cp1252", errors="replace")
            repaired_at.append(length)
        parts.append(part)
        length += len(part)
    text = "".join(parts)
    return text, _words_at(text, repaired_at)


def _words_at(text: str, positions: list[int]) -> list[str]:
    """The words holding these positions (runs of text between spaces, commas, semicolons
    and quotes), in order, each once."""
    words: list[str] = []
    pending = iter(positions)
    at = next(pending, None)
    for match in re.finditer(r"[^\s,;\"]+", text):
        while at is not None and at < match.start():  # a repaired space is in no word
            at = next(pending, None)
        if at is None:
            break
        if at < match.end():
            word = match[0].strip("'.:!?()")
            if word and word not in words:
                words.append(word)
            while at is not None and at < match.end():
                at = next(pending, None)
    return words


def _repaired_message(words: list[str]) -> str:
    shown = ", ".join(f"“{word}”" for word in words[:_REPAIRED_SHOWN])
    more = f" and {len(words) - _REPAIRED_SHOWN} more" if len(words) > _REPAIRED_SHOWN else ""
    return (
        f"not UTF-8, so read as Windows-1252: {shown}{more}. Check they read as written, or "
        "save the file as CSV UTF-8"
    )


def _declared_delimiter(text: str) -> str | None:
    """Excel's own declaration, a first line "sep=;" (or , or a tab)."""
    first = io.StringIO(text, newline="").readline().rstrip("\r\n")
    if first.lower().startswith("sep=") and first[4:] in DELIMITER_NAMES:
        return first[4:]
    return None


def _header_delimiter(text: str) -> str:
    """Commas, unless the header line has none outside quotes but has tabs or semicolons."""
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return ","  # reading the header again will say what is wrong with it
    if len(header) > 1:
        return ","  # a comma outside quotes: a comma file, whatever else the names hold
    raw = io.StringIO(text, newline="").readline()
    outside = "".join(raw.split('"')[::2])  # the header line less its quoted parts
    for delimiter in ("\t", ";"):
        if delimiter in outside:
            return delimiter
    return ","


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
