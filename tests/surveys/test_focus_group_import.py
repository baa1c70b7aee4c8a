"""Bulk entry: every problem shown by line, nothing imported until confirmed, each encoding."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagement.models import Voice
from engagement.roles import FACILITATOR
from surveys.models import FocusGroupSession
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "text,speaker_type,prompt,consent\n"
    "The café at college is too noisy,young person,What is hard at college?,yes\n"
    "Our SENCo is brilliant – she listens,parent carer,,no\n"
    '"I want a job, maybe in a shop",young person,What next?,yes\n'
)


@pytest.fixture
def session_client(client):
    facilitator = UserFactory(roles=[FACILITATOR])
    session = FocusGroupSession.objects.create(
        title="Parent forum",
        held_on=datetime.date(2026, 10, 1),
        setting_type="parent_forum",
        parent_carer_count=12,
        consent="verbal",
    )
    session.facilitators.add(facilitator)
    client.force_login(facilitator)
    return client, session


def upload(client, session, data: bytes, name="notes.csv"):
    return client.post(
        f"/focus-groups/{session.pk}/import/",
        {"csv_file": SimpleUploadedFile(name, data, "text/csv"), "speaker_type": "young_person"},
    )


def confirm(client, session, preview):
    rows = re.search(r'name="rows" value="([^"]+)"', preview.content.decode()).group(1)
    return client.post(f"/focus-groups/{session.pk}/import/", {"rows": rows, "confirm": "1"})


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_good_csv_in_each_encoding_imports_every_row_once(session_client, encoding):
    client, session = session_client
    preview = upload(client, session, GOOD_CSV.encode(encoding))
    assert preview.status_code == 200
    assert not session.contributions.exists()  # nothing until confirmed
    confirm(client, session, preview)
    confirm(client, session, preview)  # a double click on "Import"
    texts = list(session.contributions.values_list("text", flat=True))
    assert texts == [
        "The café at college is too noisy",
        "Our SENCo is brilliant – she listens",
        "I want a job, maybe in a shop",
    ]
    assert Voice.including_withheld.filter(contribution__session=session).count() == 3
    assert session.prompts.filter(text="What is hard at college?").exists()
    assert session.contributions.get(text__startswith="I want").may_publish


def test_bad_rows_are_listed_by_line_and_nothing_is_imported(session_client):
    client, session = session_client
    bad = (
        "text,speaker_type,prompt,consent\n"
        ",young person,,yes\n"
        "Fine words,teacher,,yes\n"
        f"{'x' * 2100},parent carer,,no\n"
        "More words,young person,,maybe\n"
    )
    response = upload(client, session, bad.encode())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Line 2: The text is empty" in html
    assert "Line 3: Unknown speaker type &#x27;teacher&#x27;" in html
    assert "Line 4: The text is 2100 characters; the limit is 2000" in html
    assert "Line 5: Consent must be yes or no" in html
    assert 'name="confirm"' not in html
    assert not session.contributions.exists()


def test_wrong_headers_and_binary_files_get_a_clear_message(session_client):
    client, session = session_client
    wrong = upload(client, session, b"comment,who\nhello,yp\n").content.decode()
    assert "Missing: text, speaker_type" in wrong and "Columns found: comment, who" in wrong
    binary = upload(client, session, b"PK\x03\x04\x00\x00binary", name="notes.xlsx.csv")
    assert "not a CSV text file" in binary.content.decode()
    assert not session.contributions.exists()


def test_pasted_notes_one_per_line_keep_what_was_pasted(session_client):
    client, session = session_client
    notes = "- The bus is always late\n- I like the quiet room\n\n"
    preview = client.post(
        f"/focus-groups/{session.pk}/import/",
        {"notes": notes, "speaker_type": "parent_carer", "may_publish": "on"},
    )
    assert "2 contributions found" in preview.content.decode()
    confirm(client, session, preview)
    contributions = session.contributions.all()
    assert [c.text for c in contributions] == ["The bus is always late", "I like the quiet room"]
    assert all(c.speaker_type == "parent_carer" and c.may_publish for c in contributions)


def test_a_tampered_import_is_refused(session_client):
    client, session = session_client
    response = client.post(
        f"/focus-groups/{session.pk}/import/", {"rows": "forged", "confirm": "1"}
    )
    assert response.status_code == 404
    assert not session.contributions.exists()


def test_a_trailing_empty_cell_and_a_line_in_windows_1252_are_read(session_client):
    """Excel leaves a trailing comma; pasted-together exports mix encodings line by line."""
    client, session = session_client
    data = (
        b"text,speaker_type,prompt,consent\n"
        + "The café is kind,young person,,yes,\n".encode()
        + "I don’t like the bus,parent carer,,no\n".encode("cp1252")
    )
    preview = upload(client, session, data)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Line 3: not UTF-8, so read as Windows-1252: “don’t”" in html
    confirm(client, session, preview)
    texts = list(session.contributions.values_list("text", flat=True))
    assert texts == ["The café is kind", "I don’t like the bus"]
