"""The commissioners' dashboard with the demo content, in Chromium: axe on every page, the
filters by keyboard, and the PDF report opening with the demo figures."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from engagement.roles import COMMISSIONER
from outcomes_cms.models import HomePage
from surveys.demo import seed_surveys
from tests.browser.conftest import serious_axe_violations
from tests.browser.test_safeguarding_and_review import sign_in
from tests.conftest import load_frameworks
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def commissioner(site_url):
    seed_surveys(HomePage.objects.get(), load_frameworks())
    return UserFactory(email="commissioner@council.example", roles=[COMMISSIONER])


def test_every_dashboard_page_passes_axe(page, site_url, commissioner):
    sign_in(page, site_url, commissioner.email, "/dashboard/")
    assert "How we are doing against each outcome" in page.locator("h1").inner_text()
    assert "counted answers were positive" in page.locator("main").inner_text()
    assert serious_axe_violations(page) == []
    for link in ("Themes", "Who we heard", "Closing the loop"):
        page.get_by_role("navigation", name="Dashboard").get_by_role("link", name=link).click()
        assert serious_axe_violations(page) == [], link


def test_filtering_by_keyboard_keeps_the_filter_on_every_page(page, site_url, commissioner):
    sign_in(page, site_url, commissioner.email, "/dashboard/themes/")
    page.locator("summary", has_text="Filter the figures").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Who").select_option(label="Parent carers")
    page.get_by_role("button", name="Show these figures").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**audience=parent_carers**")
    assert "Parent carers" in page.locator(".caption").first.inner_text()
    assert serious_axe_violations(page) == []
    outcomes = page.get_by_role("navigation", name="Dashboard").get_by_role("link", name="Outcomes")
    assert "audience=parent_carers" in outcomes.get_attribute("href")


def test_the_report_opens_as_a_pdf_with_the_demo_figures(page, site_url, commissioner):
    sign_in(page, site_url, commissioner.email, "/dashboard/")
    link = page.get_by_role("link", name="Download the themed feedback report (PDF)")
    response = page.request.get(site_url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    assert "What young people and parent carers told us" in text
    assert re.search(r"\d+% of \d+ counted answers were positive", " ".join(text.split()))


def test_every_dashboard_page_reflows_at_400_percent_zoom(page, site_url, commissioner):
    """320 CSS pixels wide is a 1280-pixel screen at 400%: only the tables scroll sideways,
    never the page (WCAG 1.4.10)."""
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, site_url, commissioner.email, "/dashboard/")
    for path in ("/dashboard/", "/dashboard/themes/", "/dashboard/reach/", "/dashboard/loop/"):
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_the_report_twin_and_the_golden_thread_pass_axe(page, site_url, commissioner):
    sign_in(page, site_url, commissioner.email, "/dashboard/")
    page.get_by_role("link", name="Read the report as a web page").click()
    assert "themed feedback report" in page.locator("h1").inner_text()
    assert page.get_by_role("navigation", name="Contents").is_visible()
    assert serious_axe_violations(page) == []
    page.goto(site_url + "/dashboard/")
    page.get_by_role("link", name=re.compile("^Answers, themes and actions for")).first.click()
    assert "The answers, question by question" in page.locator("main").inner_text()
    assert serious_axe_violations(page) == []
