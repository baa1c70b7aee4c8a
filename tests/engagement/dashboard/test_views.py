"""Who may read the dashboard, and the same suppressed figures in its pages, CSV and PDF."""

import csv
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from engagement.disclosure import FEWER_THAN, NOT_SHOWN
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "dashboard:outcomes", "dashboard:themes", "dashboard:reach", "dashboard:loop",
    "dashboard:figures_csv", "dashboard:figures_xlsx", "dashboard:report_pdf",
]  # fmt: skip


def signed_in(client, role: str | None):
    user = UserFactory(roles=[role] if role else [])
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", [*PAGES, "dashboard:theme"])
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    args = ["waiting"] if name == "dashboard:theme" else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "role",
    ["Facilitator", "Safeguarding lead", "Young ambassador", "Parent carer ambassador", None],
)
def test_other_roles_are_refused(client, role):
    signed_in(client, role)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", ["Commissioner", "Officer"])
def test_commissioners_and_officers_read_every_page(client, role):
    signed_in(client, role)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("dashboard:theme", args=["waiting"])).status_code == 200


def test_only_officers_export_a_themes_comments(client, hand_counted_comments):
    url = reverse("dashboard:theme_csv", args=["lunches"])
    assert signed_in(client, "Commissioner").get(url).status_code == 403
    export = signed_in(client, "Officer").get(url)
    assert export.status_code == 200
    assert b"".join(export.streaming_content).decode().count("Lunch is good") == 11


def query(outcome, quarter=None) -> dict:
    return {"outcome": outcome.pk, **({"period": quarter.key} if quarter else {})}


def test_the_outcomes_page_shows_the_suppressed_figures(
    client, hand_counted_answers, lunch_outcome, this_quarter
):
    signed_in(client, "Commissioner")
    page = client.get(reverse("dashboard:outcomes"), query(lunch_outcome, this_quarter))
    html = page.content.decode()
    assert "<strong>80%</strong> of counted answers were positive" in html
    assert "+30 points since" in html
    assert "86%" in html and FEWER_THAN in html


def test_the_themes_page_and_its_drill_down(
    client, hand_counted_comments, lunch_outcome, this_quarter
):
    signed_in(client, "Commissioner")
    html = client.get(reverse("dashboard:themes"), query(lunch_outcome, this_quarter)).content
    html = html.decode()
    assert NOT_SHOWN in html and FEWER_THAN in html and "School lunches" in html
    listing = client.get(reverse("dashboard:theme", args=["lunches"]), query(lunch_outcome))
    assert listing.content.decode().count("Lunch is good") == 11


def test_a_theme_with_fewer_than_5_comments_is_not_listed(client, lunch_comment, lunch_outcome):
    for _ in range(3):
        lunch_comment("young_person")
    signed_in(client, "Commissioner")
    listing = client.get(reverse("dashboard:theme", args=["lunches"]), query(lunch_outcome))
    html = listing.content.decode()
    assert "Lunch is good" not in html and "fewer than 5 comments" in html.lower()


def test_the_csv_carries_the_same_suppressed_figures(
    client, hand_counted_answers, hand_counted_comments, lunch_outcome, this_quarter
):
    signed_in(client, "Commissioner")
    export = client.get(reverse("dashboard:figures_csv"), query(lunch_outcome, this_quarter))
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "section,table,row,column,value"
    assert "Outcomes,I enjoy lunch at school,Everyone,Positive share,80%" in lines
    assert "Outcomes,I enjoy lunch at school,Parent carers,Counted answers,fewer than 5" in lines
    lunches = [line for line in lines if ",School lunches," in line and "by who said" in line]
    assert any(line.endswith("Young person,not shown") for line in lunches)
    assert any(line.endswith("Parent carer,fewer than 5") for line in lunches)
    assert not any(line.endswith(",7") or line.endswith(",2") for line in lunches)


def unguarded(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def test_the_excel_workbook_carries_the_same_rows_as_the_csv(
    client, hand_counted_answers, hand_counted_comments, lunch_outcome, this_quarter
):
    signed_in(client, "Commissioner")
    filters = query(lunch_outcome, this_quarter)
    csv_text = b"".join(client.get(reverse("dashboard:figures_csv"), filters).streaming_content)
    csv_rows = list(csv.reader(csv_text.decode("utf-8-sig").splitlines()))
    workbook = client.get(reverse("dashboard:figures_xlsx"), filters)
    assert workbook["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(BytesIO(workbook.content), read_only=True)["Figures"]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    # The CSV guards text Excel would run as a formula with a leading "'"; the workbook stores
    # such text as text instead.
    assert rows == [[unguarded(cell) for cell in row] for row in csv_rows]
    counted = [r for r in sheet.iter_rows(values_only=True) if r[3] == "Counted answers"]
    assert ("Outcomes", "I enjoy lunch at school", "Everyone", "Counted answers", 10) in counted
    assert any(r[4] == FEWER_THAN for r in counted)  # suppressed, as in the CSV


def test_the_pdf_report_carries_the_same_suppressed_figures(
    client, hand_counted_answers, hand_counted_comments, lunch_outcome, this_quarter
):
    signed_in(client, "Commissioner")
    response = client.get(reverse("dashboard:report_pdf"), query(lunch_outcome, this_quarter))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    assert "themed feedback report" in reader.metadata.title
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert "Positive: 80% of 10 counted answers" in text
    assert "School lunches not shown fewer than 5 0 9" in text
    assert "How these figures were made" in text
