from io import BytesIO

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def test_plan_downloads_as_a_pdf_with_the_vision_and_every_statement(client, rochdale):
    plan = rochdale.plan()
    response = client.get(f"{plan.url}pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="rochdale-plan-on-a-page.pdf"' in response["Content-Disposition"]

    reader = PdfReader(BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Rochdale will be a great place to grow up" in text
    for outcome in rochdale.outcomes():
        assert outcome.title in text
    assert "Children are in school" in text
    assert reader.metadata.title == "Rochdale SEND plan on a page"


def test_the_plan_page_links_to_its_pdf(client, rochdale):
    plan = rochdale.plan()
    assert f'href="{plan.url}pdf/"' in client.get(plan.url).content.decode()


def test_officer_text_is_not_read_as_pdf_markup(client, rochdale):
    plan = rochdale.plan()
    plan.introduction = "Schools & colleges <b>together</b> <unclosed"
    plan.save_revision().publish()
    response = client.get(f"{plan.url}pdf/")
    assert response.status_code == 200
    text = " ".join(PdfReader(BytesIO(response.content)).pages[0].extract_text().split())
    assert "Schools & colleges <b>together</b> <unclosed" in text
