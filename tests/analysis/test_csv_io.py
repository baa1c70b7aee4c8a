"""CSV files as Excel and survey tools write them: three encodings, problems by line."""

import pytest

from engagement.analysis.csv_io import (
    UnreadableFile,
    from_spreadsheet_safe,
    read_comments_csv,
    spreadsheet_safe,
)

CSV = 'id,Comment\n1,"Café staff were kind, really"\n2,\n3,"two\nlines"\n4,a,b\n'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_each_encoding_reads_the_same(encoding):
    parsed = read_comments_csv(CSV.encode(encoding))
    assert parsed.columns == ["id", "Comment"]
    assert list(parsed.rows["Comment"]) == ["Café staff were kind, really", "", "two\nlines"]
    assert parsed.encoding == ("cp1252" if encoding == "cp1252" else "utf-8")


def test_problems_are_reported_by_the_line_they_start_on():
    parsed = read_comments_csv(CSV.encode())
    assert list(parsed.rows["line"]) == [2, 3, 4]
    assert parsed.problems == [
        "Line 6: 3 cells where the header has 2 (a comma in a comment that is not inside quotes?)"
    ]
    assert parsed.check_text_column("Comment") == [(3, "the comment is empty")]


def test_a_missing_column_names_the_ones_there_are():
    with pytest.raises(UnreadableFile, match="The columns are: id, Comment"):
        read_comments_csv(CSV.encode()).check_text_column("text")


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04binary spreadsheet", b"text\x00\x00", b""],
    ids=["xlsx", "nul bytes", "empty"],
)
def test_files_that_are_not_csv_say_what_to_do(data):
    with pytest.raises(UnreadableFile):
        read_comments_csv(data)


@pytest.mark.parametrize("text", ["=SUM(A1)", "+44 7700", "-5", "@home", "plain", "", "'quoted"])
def test_a_cell_made_spreadsheet_safe_reads_back_as_it_was(text):
    assert from_spreadsheet_safe(spreadsheet_safe(text)) == text
