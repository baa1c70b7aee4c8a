"""Who may read the dashboard, and the same published figures in its pages, CSV and PDF."""

import csv
import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from engagement.dashboard.filters import Filters
from engagement.dashboard.outcomes import outcome_figures
from engagement.disclosure import COMMENTS, FEWER_THAN, Records, publish
from engagement.models import Voice
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


def overall_by_audience(outcome, quarter) -> dict:
    (figure,) = outcome_figures(Filters(outcome=outcome, quarter=quarter), [outcome])
    return dict(figure.by_audience)


def overall(outcome, quarter):
    (figure,) = outcome_figures(Filters(outcome=outcome, quarter=quarter), [outcome])
    return figure.overall


def test_the_outcomes_page_shows_the_published_figures(
    client, hand_counted_answers, lunch_outcome, this_quarter
):
    signed_in(client, "Commissioner")
    page = client.get(reverse("dashboard:outcomes"), query(lunch_outcome, this_quarter))
    html = page.content.decode()
    share = overall(lunch_outcome, this_quarter)
    assert (
        f"{share.percentage} of {share.answered} counted answers were positive, "
        f"{this_quarter.label}" in html
    )
    assert re.search(r"(up|down) \d+ points? on|no change on", html) and FEWER_THAN in html
    assert "rounded to a multiple of 5" in html  # the method, under every page's heading


def lunch_row_total(client, **filters) -> str:
    """The School lunches row's total in the themes table 'by who said them', from the CSV."""
    export = client.get(reverse("dashboard:figures_csv"), filters)
    rows = csv.reader(b"".join(export.streaming_content).decode("utf-8-sig").splitlines())
    return next(
        row[4] for row in rows
        if row[2] == "School lunches" and "by who said" in row[1] and row[3] == "Total"
    )  # fmt: skip


def test_the_themes_page_and_its_drill_down_show_the_same_published_count(
    client, hand_counted_comments, lunch_outcome, this_quarter
):
    signed_in(client, "Commissioner")
    html = client.get(reverse("dashboard:themes"), query(lunch_outcome, this_quarter)).content
    assert FEWER_THAN in html.decode() and "School lunches" in html.decode()
    listing = client.get(
        reverse("dashboard:theme", args=["lunches"]),
        {"period": this_quarter.key, "outcome": lunch_outcome.pk},
    ).content.decode()
    # The drill-down leaves the outcome out: its count is the themes table's for the same
    # comments, so the two pages never give two roundings of one count.
    total = lunch_row_total(client, period=this_quarter.key)
    assert f"{total.capitalize()} comments in this theme, about every outcome" in listing
    assert "Lunch is good" not in listing  # 7, 2: too few to list


def test_the_drill_down_lists_only_groups_of_five_and_never_a_countable_list(
    client, lunch_comment, lunch_outcome, this_quarter
):
    for number in range(40):  # published 35 to 45: always enough to list
        lunch_comment("young_person", text=f"Lunch is good {number}")
    for number in range(2):
        lunch_comment("professional", text=f"As the SENCO I think lunch {number}")
    lunch_comment("young_person", channel="focus_group", text="Focus group lunch")
    signed_in(client, "Commissioner")
    html = client.get(reverse("dashboard:theme", args=["lunches"])).content.decode()
    assert html.count('class="comment-list__item"') == 20  # 20 of the 40, never all of them
    assert "SENCO" not in html and "Focus group lunch" not in html  # groups of 2 and 1
    assert "Young person · Survey · Q" in html
    few = client.get(reverse("dashboard:theme", args=["lunches"]), {"channel": "focus_group"})
    assert "Too few comments to list" in few.content.decode()


def test_a_theme_with_few_comments_is_not_listed(client, lunch_comment, lunch_outcome):
    for _ in range(3):
        lunch_comment("young_person")
    signed_in(client, "Commissioner")
    listing = client.get(reverse("dashboard:theme", args=["lunches"]), query(lunch_outcome))
    html = listing.content.decode()
    assert "Lunch is good" not in html and "Too few comments to list" in html
    lunch = Voice.objects.filter(outcome=lunch_outcome).values_list("pk", flat=True)
    shown = str(publish(COMMENTS, Records.of(lunch)))
    assert f"{shown.capitalize()} comments in this theme" in html  # 3


def test_the_csv_carries_the_same_published_figures(
    client, hand_counted_answers, hand_counted_comments, lunch_outcome, this_quarter
):
    signed_in(client, "Commissioner")
    export = client.get(reverse("dashboard:figures_csv"), query(lunch_outcome, this_quarter))
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "section,table,row,column,value"
    share = overall(lunch_outcome, this_quarter)
    assert f"Outcomes,I enjoy lunch at school,Everyone,Positive share,{share.percentage}" in lines
    parents = overall_by_audience(lunch_outcome, this_quarter)["Parent carers"].answered
    assert f"Outcomes,I enjoy lunch at school,Parent carers,Counted answers,{parents}" in lines
    lunches = [line for line in lines if ",School lunches," in line and "by who said" in line]
    assert any(line.endswith("Professional,fewer than 5") for line in lunches)  # none
    assert not any(line.endswith((",7", ",2", ",9", ",0")) for line in lunches)


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
    answered = int(overall(lunch_outcome, this_quarter).answered)
    assert (
        "Outcomes",
        "I enjoy lunch at school",
        "Everyone",
        "Counted answers",
        answered,
    ) in counted
    assert any(r[4] == FEWER_THAN for r in counted)  # as in the CSV


def test_the_pdf_report_carries_the_same_published_figures(
    client, hand_counted_answers, hand_counted_comments, lunch_outcome, this_quarter
):
    signed_in(client, "Commissioner")
    response = client.get(reverse("dashboard:report_pdf"), query(lunch_outcome, this_quarter))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    assert "themed feedback report" in reader.metadata.title
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    share = overall(lunch_outcome, this_quarter)
    assert f"{share.percentage} of {share.answered} counted answers were positive" in text
    young = next(
        row for row in csv.reader(csv_lines(client, query(lunch_outcome, this_quarter)))
        if row[2] == "School lunches" and "by who said" in row[1] and row[3] == "Young person"
    )[4]  # fmt: skip
    total = lunch_row_total(client, **query(lunch_outcome, this_quarter))
    parents = next(
        row for row in csv.reader(csv_lines(client, query(lunch_outcome, this_quarter)))
        if row[2] == "School lunches" and "by who said" in row[1] and row[3] == "Parent carer"
    )[4]  # fmt: skip
    assert f"School lunches {young} {parents} fewer than 5 {total}" in text
    assert "How these figures were made" in text and "rounded to a multiple of 5" in text


def csv_lines(client, filters) -> list[str]:
    export = client.get(reverse("dashboard:figures_csv"), filters)
    return b"".join(export.streaming_content).decode("utf-8-sig").splitlines()


def test_changing_council_drops_the_other_councils_outcome_and_says_so(client, demo_site):
    from engagement.roles import COMMISSIONER
    from outcomes_cms.models import OutcomePage, OutcomesFrameworkPage

    signed_in(client, COMMISSIONER)
    rochdale = OutcomesFrameworkPage.objects.get(area_name="Rochdale")
    bradford = OutcomesFrameworkPage.objects.get(area_name="Bradford")
    theirs = OutcomePage.objects.child_of(rochdale).live().first()
    address = f"/dashboard/?framework={bradford.pk}&outcome={theirs.pk}&audience=young_people"
    html = client.get(address).content.decode()
    assert "The outcome you had chosen is not one of Bradford" in html
    # The other filters hold, for the council chosen: nothing is reset to the site's own.
    assert "Showing: Bradford, All time, Young people." in html
    assert theirs.title not in html.split("Showing:")[1].split("</p>")[0]
