"""From an outcome to what was done about it, and back, in Chromium, with axe."""

import pytest

from outcomes_cms.models import HomePage, OutcomePage
from tests.browser.conftest import serious_axe_violations
from you_said_we_did.models import Action, YouSaidWeDidIndexPage, YouSaidWeDidPage

pytestmark = pytest.mark.browser
OUTCOME = "I am active and involved"


@pytest.fixture
def change(site_url):
    index = YouSaidWeDidIndexPage(title="You said, we did", slug="you-said-we-did")
    HomePage.objects.get().add_child(instance=index)
    index.save_revision().publish()
    page = YouSaidWeDidPage(
        title="The school bus comes too early",
        slug="school-bus-too-early",
        you_said="You said the school bus picks you up too early.",
        easy_read="You said: the bus comes too early.",
        we_did="We changed the routes.",
        status="done",
    )
    page.outcomes = [OutcomePage.objects.get(title=OUTCOME)]
    page.actions = [
        Action(what="Re-plan 12 routes", owner="Travel team", status="done",
               change_seen="The earliest pick-up moved from 7:05 to 7:40"),
    ]  # fmt: skip
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_from_an_outcome_to_its_changes_and_back(page, site_url, change):
    outcome = OutcomePage.objects.get(title=OUTCOME)
    page.goto(site_url + outcome.url)
    page.get_by_role("link", name=change.title).click()
    page.wait_for_url(f"**{change.url}")
    assert page.locator("h1").inner_text() == change.title
    assert "7:05 to 7:40" in page.locator("main").inner_text()
    assert serious_axe_violations(page) == []
    page.get_by_role("link", name=OUTCOME).click()
    page.wait_for_url(f"**{outcome.url}")

    page.goto(site_url + change.get_parent().url)
    assert change.title in page.locator("main").inner_text()
    assert serious_axe_violations(page) == []
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Show changes").click()
    page.wait_for_url("**?*status=done*")
    assert change.title in page.locator("main").inner_text()
    assert serious_axe_violations(page) == []
