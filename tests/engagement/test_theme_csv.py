"""python manage.py theme_csv: any CSV of comments written back with the analysis added."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

ROWS = [
    ("1", "The taxi to school is always late"),
    ("2", ""),
    ("3", "Café staff were kind, ring Mrs Khan on 07700 900123"),
    ("4", "I'm scared to go home"),
]


def write_csv(path, encoding: str, rows=ROWS, extra_line: str = "") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "Your comments"])
    writer.writerows(rows)
    path.write_bytes((buffer.getvalue() + extra_line).encode(encoding))


def run(*args) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("theme_csv", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_each_encoding_is_themed_and_written_back(tmp_path, encoding):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(source, encoding, extra_line='5,"one","two"\n')
    _, err = run(str(source), "--text-column", "Your comments", "--output", str(target))

    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [row["id"] for row in rows] == ["1", "2", "3", "4"]
    assert list(rows[0])[-6:] == [
        "themes", "theme_reasons", "sentiment", "safeguarding", "personal_data", "redacted_text",
    ]  # fmt: skip
    taxi, empty, cafe, scared = rows
    assert "transport" in taxi["themes"].split(";") and "transport: " in taxi["theme_reasons"]
    assert taxi["sentiment"] == "negative" and taxi["safeguarding"] == "no"
    assert empty["themes"] == "" and empty["sentiment"] == ""
    assert cafe["Your comments"].startswith("Café")  # the input is kept as it was
    assert cafe["personal_data"] == "yes"
    assert cafe["redacted_text"] == "Café staff were kind, ring [name] on [phone]"
    assert scared["safeguarding"] == "yes"
    assert "Line 3: the comment is empty" in err
    assert "Line 6: 3 cells where the header has 2" in err
    assert "Themed 3 of 5 rows" in err


def test_stdout_when_no_output_is_given(tmp_path):
    source = tmp_path / "in.csv"
    write_csv(source, "utf-8", rows=[("1", "We need more respite")])
    out, _ = run(str(source), "--text-column", "Your comments")
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["themes"] == "carers"


def test_a_codebook_file_replaces_the_officers_codebook(tmp_path):
    source, codebook = tmp_path / "in.csv", tmp_path / "codebook.json"
    write_csv(source, "utf-8", rows=[("1", "School lunches are cold")])
    food = {"key": "food", "name": "Food", "keywords": ["lunch"]}
    codebook.write_text(json.dumps({"themes": [food]}))
    out, _ = run(str(source), "--text-column", "Your comments", "--codebook", str(codebook))
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["themes"] == "food"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--text-column", "comment"], "There is no column called 'comment'"),
        (["--text-column", "Your comments", "--codebook", "missing.json"], "Could not read"),
    ],
)
def test_mistakes_get_a_message_that_says_what_to_change(tmp_path, args, message):
    source = tmp_path / "in.csv"
    write_csv(source, "utf-8")
    with pytest.raises(CommandError, match=message):
        run(str(source), *args)


def test_a_spreadsheet_saved_as_csv_by_name_only_is_refused(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(b"PK\x03\x04 not really a csv")
    with pytest.raises(CommandError, match="Save As > CSV UTF-8"):
        run(str(source), "--text-column", "text")


def test_every_row_of_a_valid_rfc_4180_file_is_returned(tmp_path):
    """Doubled quotes, commas and new lines inside quoted cells: csv.Sniffer once misread such
    a file and left out every row with a doubled quote, a disclosure among them."""
    rows = [
        ("1", 'she said "it\'s fine" but it is not'),
        ("2", 'I\'m scared to go home, "he" shouts at night'),
        ("3", "Two lines,\nand a comma"),
        ("4", '"Quoted" at the start; and "at the end"'),
        ("5", "The taxi is late"),
    ]
    source = tmp_path / "in.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([("id", "Your comments"), *rows])  # RFC 4180: CRLF, quotes
    source.write_bytes(buffer.getvalue().encode())
    out, err = run(str(source), "--text-column", "Your comments")
    back = list(csv.DictReader(io.StringIO(out)))
    assert [(row["id"], row["Your comments"]) for row in back] == rows
    assert back[1]["safeguarding"] == "yes"
    assert "Themed 5 of 5 rows" in err


def test_a_line_in_windows_1252_is_repaired_and_named(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(
        "id,Your comments\n1,The café is kind\n".encode()
        + "2,I don’t like the taxi\n".encode("cp1252")
    )
    out, err = run(str(source), "--text-column", "Your comments")
    assert [row["Your comments"] for row in csv.DictReader(io.StringIO(out))] == [
        "The café is kind",
        "I don’t like the taxi",
    ]
    assert "Line 3: not UTF-8, so read as Windows-1252: “don’t”" in err
