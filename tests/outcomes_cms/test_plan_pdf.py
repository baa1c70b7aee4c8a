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


def test_the_plan_is_one_colour_page_with_every_tile_spotlight_list_and_a_qr_code(client, rochdale):
    plan = rochdale.plan()
    for size, (width, height) in (("", (595, 842)), ("a3/", (842, 1191))):
        response = client.get(f"{plan.url}pdf/{size}")
        assert response.status_code == 200
        reader = PdfReader(BytesIO(response.content))
        assert len(reader.pages) == 1
        page = reader.pages[0]
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (width, height)
        text = " ".join(page.extract_text().split())
        statements = [outcome.title for outcome in rochdale.outcomes()]
        assert len(statements) == 7 and all(" ".join(s.split()) in text for s in statements)
        for spotlight in plan.spotlights:
            assert spotlight.value["title"] in text
            assert " ".join(spotlight.value["why"].split()) in text
        for block in [*plan.count_the_difference, *plan.ways_we_support]:
            assert " ".join(block.value.split()) in text
        assert "Published" in text and f"http://testserver{plan.url}" in text
        drawn = page.get_contents().get_data()
        assert b".113725 .439216 .721569 rg" in drawn  # the first tile's blue (#1d70b8)
    assert client.get(f"{plan.url}pdf/a5/").status_code == 404


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
