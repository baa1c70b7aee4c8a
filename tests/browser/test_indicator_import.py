"""An officer imports a quarter's indicator values in Chromium, by keyboard: the error summary
takes focus, the check page shows every row, and axe finds nothing serious on either."""

import pytest

from engagement.dashboard.periods import recent_quarters
from engagement.roles import OFFICER
from outcomes_cms.models import IndicatorValue, OutcomeIndicator
from tests.browser.conftest import serious_axe_violations
from tests.browser.test_safeguarding_and_review import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

LISTING = "/admin/snippets/outcomes_cms/indicatorvalue/"


def csv_file(rows: str) -> dict:
    header = "indicator,quarter_starting,value,unit,source,target\n"
    return {"name": "values.csv", "mimeType": "text/csv", "buffer": (header + rows).encode()}


def test_an_officer_imports_values_by_keyboard(page, site_url):
    officer = UserFactory(email="officer@council.example", roles=[OFFICER])
    indicator = OutcomeIndicator.objects.filter(kind="quantitative").order_by("pk").first()
    quarter = recent_quarters(2)[1].start
    sign_in(page, site_url, officer.email, LISTING)
    page.get_by_role("link", name="Import from CSV").click()

    page.locator("input[type=file]").set_input_files(
        csv_file(f'"{indicator.name}",{quarter},ten,%,LA data,\n')
    )
    page.locator("input[type=file]").focus()
    page.keyboard.press("Tab")  # to "Upload and check"
    page.keyboard.press("Enter")
    page.wait_for_selector("#import-errors-title")
    assert page.title().startswith("Error: ")
    # The summary has focus, so a screen reader starts there; its link reaches the line.
    assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == (
        "import-errors-title"
    )
    assert "Line 2: The value 'ten' will not do" in page.locator(".import-errors").inner_text()
    assert serious_axe_violations(page) == []

    page.locator("input[type=file]").set_input_files(
        csv_file(f'"{indicator.name}",{quarter},71.5,%,LA data,75\n')
    )
    page.get_by_role("button", name="Upload and check").click()
    page.get_by_role("button", name="Import 1 value").wait_for()
    assert "Adds a new value" in page.locator("table.listing").inner_text()
    assert serious_axe_violations(page) == []

    page.get_by_role("button", name="Import 1 value").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + LISTING)
    assert "Imported 1 value: 1 new" in page.content()
    assert IndicatorValue.objects.get(indicator=indicator, period_start=quarter).value == 71.5
