"""The themed feedback report: a PDF a Board can read (page numbers, contents, bookmarks,
metadata, numbers as people write them, quotes chosen with care) and its HTML twin drawn from
the same structure."""

import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from engagement.dashboard.figures import all_figures
from engagement.dashboard.filters import Filters
from engagement.dashboard.report_content import themed_feedback_content
from outcomes_cms.models import IndicatorValue, OutcomeIndicator, OutcomesFrameworkPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
EXPONENT = re.compile(r"\d(\.\d+)?E[+-]?\d", re.IGNORECASE)


@pytest.fixture
def board_data(hand_counted_answers, lunch_comment, lunch_outcome, this_quarter):
    indicator = OutcomeIndicator.objects.create(
        page=lunch_outcome, name="Pupils eating a hot lunch", kind="quantitative"
    )
    IndicatorValue.objects.create(
        indicator=indicator, period_start=this_quarter.start, value=Decimal("60.00"),
        target=Decimal("20.00"), unit="%", source="School census",
    )  # fmt: skip
    for number in range(30):
        lunch_comment("young_person", text=f"Lunch is lovely {number}", consent_to_quote=True)
    for _ in range(30):
        lunch_comment("parent_carer", text="Lunch is lovely 29", consent_to_quote=True)
    for number in range(30):
        lunch_comment("professional", text=f"As the SENCO, lunch {number}", consent_to_quote=True)
    for _ in range(30):
        lunch_comment("young_person", text="Ring me on [phone] about lunch", consent_to_quote=True)


@pytest.fixture
def commissioner(client):
    client.force_login(UserFactory(roles=["Commissioner"]))
    return client


def pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_has_page_numbers_contents_bookmarks_and_metadata(commissioner, board_data):
    response = commissioner.get(reverse("dashboard:report_pdf"))
    reader = PdfReader(BytesIO(response.content))
    text = pdf_text(reader)
    assert reader.metadata.title == "Rochdale: themed feedback report"
    assert reader.metadata.author and reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "Contents" in text and "Page 2" in text and f"Page {len(reader.pages)}" in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:2] == ["Summary", "Outcomes"] and "How these figures were made" in outline
    assert "/dashboard/report/" in text  # where its accessible twin is
    assert not EXPONENT.search(text), EXPONENT.search(text)
    assert "60% in" in text and "target 20%" in text


def test_quotes_are_from_young_people_and_parent_carers_once_and_never_a_plea(board_data):
    report = themed_feedback_content(all_figures(Filters()))
    quotes = [block.text for block in report.blocks if block.kind == "quote"]
    assert quotes and len(quotes) == len(set(quotes))
    assert not any("SENCO" in quote or "[" in quote for quote in quotes)


def test_one_heading_per_table_dimension(board_data):
    report = themed_feedback_content(all_figures(Filters()))
    tables = [block for block in report.blocks if block.kind == "table"]
    assert {"Who answered", "Quarter", "Theme", "Outcome"} <= {t.columns[0] for t in tables}
    for table in tables:
        if table.columns[0] == "Who answered":
            assert {row[0] for row in table.rows} <= {"Young people", "Parent carers"}


def test_the_html_twin_has_the_same_headings_figures_and_quotes(commissioner, board_data):
    html = commissioner.get(reverse("dashboard:report_html")).content.decode()
    pdf = pdf_text(PdfReader(BytesIO(commissioner.get(reverse("dashboard:report_pdf")).content)))
    rochdale = OutcomesFrameworkPage.objects.get(area_name="Rochdale")  # the site's own
    report = themed_feedback_content(all_figures(Filters(framework=rochdale)))
    for block in report.blocks:
        if block.kind == "heading":
            assert f">{block.text}</h{block.level}>" in html.replace("&#x27;", "'")
            assert " ".join(block.text.split()) in pdf
        elif block.kind == "quote":
            assert block.text in html and block.text in pdf
        elif block.kind == "table":
            for row in block.rows:
                number = ' class="figures__number"' if block.numbers else ""
                cells = "".join(f"<td{number}>{c}</td>" for c in row[1:])
                assert cells in html.replace("&#x27;", "'"), row
    assert "6E+1" not in html and not EXPONENT.search(pdf)
