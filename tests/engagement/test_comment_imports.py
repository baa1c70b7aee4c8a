"""Officers import comments from other survey tools' CSVs: preview first, bad rows by line,
nothing imported until confirmed, and never twice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagement.models import CommentImport, Voice
from engagement.roles import COMMISSIONER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EXPORT = (
    "Respondent ID,Start time,What could we do better?\n"
    '101,01/02/2025 10:00,"The café at the centre is too noisy for my son, and the taxi is late"\n'
    "102,01/02/2025 10:05,\n"
    '103,01/02/2025 10:09,"We need more respite, call me on 07700 900123"\n'
    "104,01/02/2025 10:11,ok,extra\n"
)


def upload(client, data: bytes, name: str = "export.csv"):
    return client.post(
        "/admin/comment-imports/",
        {
            "title": "Parent survey 2025",
            "tool": "surveymonkey",
            "audience": "parent_carer",
            "csv_file": SimpleUploadedFile(name, data, content_type="text/csv"),
        },
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_survey_export_imports_once_after_a_preview(
    client, officer, encoding, django_capture_on_commit_callbacks
):
    response = upload(client, EXPORT.encode(encoding))
    comment_import = CommentImport.objects.get()
    assert response.url == f"/admin/comment-imports/{comment_import.pk}/"
    assert comment_import.text_column == "What could we do better?"  # the longest answers

    preview = client.get(response.url).content.decode()
    assert "The café at the centre is too noisy" in preview
    assert "Line 3: the comment is empty" in preview
    assert "Line 5: 4 cells where the header has 3" in preview
    assert "Import 2 comments" in preview
    assert not Voice.including_withheld.filter(comment_import=comment_import).exists()

    form = {"text_column": "What could we do better?"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url, form)
    assert client.post(response.url, form).status_code == 404  # a second confirm: done already
    voices = Voice.including_withheld.filter(comment_import=comment_import).order_by("pk")
    assert [v.text[:9] for v in voices] == ["The café ", "We need m"]
    assert all(v.channel == "import" and v.audience == "parent_carer" for v in voices)
    assert voices[1].redacted_text == "We need more respite, call me on [phone]"
    assert "carers" in voices[1].assignments.values_list("theme__key", flat=True)
    comment_import.refresh_from_db()
    assert comment_import.rows_imported == 2 and not comment_import.file  # the upload is gone


def test_another_column_can_be_chosen(client, officer):
    response = upload(client, EXPORT.encode())
    preview = client.get(response.url, {"text_column": "Start time"}).content.decode()
    assert "01/02/2025 10:00" in preview


def test_a_spreadsheet_is_refused_with_what_to_do_and_the_title_kept(client, officer):
    response = upload(client, b"PK\x03\x04 an xlsx file", name="export.csv")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Save As &gt; CSV UTF-8" in html
    assert 'value="Parent survey 2025"' in html
    assert not CommentImport.objects.exists()


def test_commissioners_cannot_import(client):
    client.force_login(UserFactory(roles=[COMMISSIONER]))
    response = upload(client, EXPORT.encode())
    assert response.status_code in (302, 403)
    assert not CommentImport.objects.exists()
