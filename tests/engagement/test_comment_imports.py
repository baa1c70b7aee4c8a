"""Officers import comments from other survey tools' CSVs: preview first, bad rows by line,
nothing imported until confirmed, and never twice."""

import datetime
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from engagement import tasks
from engagement.checking import sweep
from engagement.models import CommentImport, Voice
from engagement.roles import COMMISSIONER
from tests.engagement.conftest import worker
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
    assert client.post(response.url, form).status_code == 302  # a second confirm: done already
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


# A Microsoft Forms export as it comes: a date per row, who answered, consent, and one line
# pasted in from an older export saved by Excel in Windows-1252.
FORMS_HEADER = (
    "ID,Start time,Completion time,Email,Name,Are you a young person or a parent carer?,"
    "What could we do better?,May we quote your words?\n"
)
FORMS_ROWS = [
    (
        "1,03/02/2025 09:58,03/02/2025 10:04,anonymous,,Young person,"
        '"The taxi to school is always late, and I miss the start of lessons",Yes\n'
    ),
    (
        "2,14/03/2025 19:01,14/03/2025 19:12,anonymous,,Parent carer,"
        '"We need more respite, my son has not had a short break in months",No\n'
    ),
    (
        "3,02/04/2025 16:40,02/04/2025 16:45,anonymous,,Parent carer,"
        '"I don’t get told about his EHCP review, nobody explains anything",\n'
    ),
]
FORMS_DATES = ["2025-02-03 10:04", "2025-03-14 19:12", "2025-04-02 16:45"]


def forms_export() -> bytes:
    old = FORMS_ROWS[2].encode("cp1252")  # line 4: "don’t" in Windows-1252
    return (FORMS_HEADER + FORMS_ROWS[0] + FORMS_ROWS[1]).encode("utf-8-sig") + old


def confirm_form(html: str) -> dict:
    """The confirm button's form, as the officer's browser would post it."""
    form = html.split('<form method="post">')[1].split("</form>")[0]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_a_microsoft_forms_export_imports_with_each_rows_own_date_every_comment_checked(
    client, officer, django_capture_on_commit_callbacks
):
    response = upload(client, forms_export())
    preview = client.get(response.url).content.decode()
    # The mixed line is named, and read as written: never "donâ€™t".
    assert "Line 4: not UTF-8, so read as Windows-1252: “don’t”" in preview
    assert "donâ€™t" not in preview
    posted = confirm_form(preview)
    assert posted["text_column"] == "What could we do better?"
    assert posted["said_at_column"] == "Completion time"
    assert posted["audience_column"] == "Are you a young person or a parent carer?"
    assert posted["consent_column"] == "May we quote your words?"
    assert "Import 3 comments" in preview

    with django_capture_on_commit_callbacks(execute=True):  # the task queue runs at once
        done = client.post(response.url, posted)
    assert done.url == response.url  # the import's page, which counts the checking
    page = client.get(done.url).content.decode()
    assert "3 of 3 checked" in page and "All 3 comments checked" in page

    comment_import = CommentImport.objects.get()
    voices = Voice.objects.filter(comment_import=comment_import).order_by("said_at")
    assert voices.count() == 3  # every one checked, so in view
    london = ZoneInfo("Europe/London")
    assert [v.said_at.astimezone(london).strftime("%Y-%m-%d %H:%M") for v in voices] == FORMS_DATES
    assert [v.audience for v in voices] == ["young_person", "parent_carer", "parent_carer"]
    assert [v.consent_to_quote for v in voices] == [True, False, False]  # empty: the file's
    assert voices[2].text == "I don’t get told about his EHCP review, nobody explains anything"
    for voice in voices:
        assert voice.analysed_text == voice.text and voice.sentiment
        assert voice.assignments.exists(), voice.text  # themed
    assert "transport" in voices[0].assignments.values_list("theme__key", flat=True)


def test_bad_values_in_a_row_are_reported_by_line_and_the_rest_imported(
    client, officer, django_capture_on_commit_callbacks
):
    data = FORMS_HEADER + "".join(
        [
            FORMS_ROWS[0],
            '2,x,31/02/2025 10:00,a,,Parent carer,"The bus is late",Yes\n',
            '3,x,01/03/2025 10:00,a,,Alien,"The bus is late again",Yes\n',
            '4,x,01/03/2025 10:00,a,,Parent carer,"The bus is never on time",Maybe\n',
            '5,x,01/03/2099 10:00,a,,Parent carer,"The bus was late in the future",No\n',
        ]
    )
    response = upload(client, data.encode())
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Line 3: the date &#x27;31/02/2025 10:00&#x27; in &quot;Completion time&quot;" in html
    assert "Line 4: &#x27;Alien&#x27; in" in html and "is not an audience" in html
    assert "Line 5: &#x27;Maybe&#x27; in" in html and "must be yes or no" in html
    assert "Line 6: the date 1 March 2099 is in the future" in html
    assert "Import 1 comment<" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url, confirm_form(html))
    assert Voice.objects.filter(comment_import__isnull=False).count() == 1


def test_dates_only_month_first_can_read_are_read_so_with_a_warning(client, officer):
    data = (
        "Timestamp,Comment\n"
        '2/13/2025 10:00:00 AM,"The taxi is late"\n'
        '3/1/2025 2:30:00 PM,"The bus is late"\n'
    )
    html = client.get(upload(client, data.encode()).url).content.decode()
    assert "read month first (as 2/13/2025 10:00:00 AM)" in html
    assert "1 Mar 2025 14:30" in html  # not 3 January


def test_without_a_date_column_the_officers_date_is_every_comments_date(
    client, officer, django_capture_on_commit_callbacks
):
    response = upload(client, b"Comment\nThe taxi is late\nThe bus is late\n")
    posted = {"text_column": "Comment", "said_on": "2025-01-31"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url, posted)
    imported = Voice.objects.filter(comment_import__isnull=False)
    london = ZoneInfo("Europe/London")
    assert [v.said_at.astimezone(london).isoformat() for v in imported] == [
        "2025-01-31T00:00:00+00:00"
    ] * 2


def test_a_failed_check_is_retried_and_the_import_page_counts_until_all_are_checked(
    client, officer, django_capture_on_commit_callbacks, database_task_queue
):
    response = upload(client, forms_export())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url, confirm_form(client.get(response.url).content.decode()))
    assert "0 of 3 checked" in client.get(response.url).content.decode()
    assert "Show the latest count" in client.get(response.url).content.decode()

    (chunk,) = DBTaskResult.objects.filter(task_path=tasks.analyse_voices.module_path)
    with mock.patch.object(tasks, "_store", side_effect=OperationalError("database is locked")):
        run(chunk)
    # Out of the queue's hands for a moment: the import's page says where it is.
    assert "0 of 3 checked" in client.get(response.url).content.decode()
    Voice.including_withheld.update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    assert "taking longer than usual" in client.get(response.url).content.decode()

    (retry,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    with django_capture_on_commit_callbacks(execute=True):
        run(retry)
    page = client.get(response.url).content.decode()
    assert "3 of 3 checked" in page and "taking longer" not in page
    assert Voice.objects.filter(comment_import__isnull=False).count() == 3


def test_comments_left_unchecked_are_taken_up_by_the_sweep(
    client, officer, django_capture_on_commit_callbacks, database_task_queue
):
    response = upload(client, forms_export())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url, confirm_form(client.get(response.url).content.decode()))
    DBTaskResult.objects.all().delete()  # the queue lost them (a worker's disk, say)
    with django_capture_on_commit_callbacks(execute=True):
        queued, _ = sweep()
    assert queued == 3
    run(DBTaskResult.objects.get(status=TaskResultStatus.READY))
    assert "3 of 3 checked" in client.get(response.url).content.decode()


def test_the_list_of_imports_shows_how_many_are_checked(
    client, officer, django_capture_on_commit_callbacks
):
    response = upload(client, forms_export())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url, confirm_form(client.get(response.url).content.decode()))
    listing = client.get("/admin/comment-imports/").content.decode()
    assert "3 of 3" in listing and f'href="{response.url}"' in listing


def run(result: DBTaskResult) -> None:
    """The worker takes this task now, whatever its run_after says."""
    result.claim("test-worker")
    worker().run_task(result)
