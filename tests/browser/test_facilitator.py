"""A facilitator in a noisy room, on a tablet: nothing typed is lost, even offline."""

import pytest

from engagement.models import Voice
from engagement.roles import FACILITATOR
from surveys.models import FocusGroupSession
from tests.browser.conftest import serious_axe_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser
TABLET = {"width": 820, "height": 1180}


@pytest.fixture
def tablet(browser):
    context = browser.new_context(viewport=TABLET, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def facilitator(site_url):
    return UserFactory(email="femi@council.example", roles=[FACILITATOR])


def sign_in(page, site_url, email):
    page.goto(site_url + "/accounts/login/?next=/focus-groups/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/focus-groups/")


def test_a_session_captured_live_keeps_every_word(tablet, site_url, facilitator):
    page = tablet
    sign_in(page, site_url, facilitator.email)
    assert serious_axe_violations(page) == []
    page.get_by_role("link", name="Start a new session").click()
    page.get_by_role("button", name="Start the session").click()  # empty: errors first
    assert page.title().startswith("Error: ")
    assert serious_axe_violations(page) == []
    page.get_by_label("Title").fill("Saturday club, 21 November")
    page.get_by_label("Date").fill("2026-11-21")
    page.get_by_role("radio", name="Short-break setting").check()
    page.get_by_label("Young people who came").fill("9")
    page.get_by_role("radio", name="Said yes out loud, recorded by the facilitator").check()
    page.get_by_role("button", name="Start the session").click()
    page.wait_for_selector("text=Add what was said")
    assert serious_axe_violations(page) == []

    page.get_by_label("Prompt or question asked").fill("What do you like doing?")
    page.get_by_role("button", name="Add the prompt").click()

    said = [f"Contribution number {n} about clubs" for n in range(1, 11)]
    for number, text in enumerate(said, start=1):
        page.get_by_role("textbox", name="What was said").fill(text)
        if number == 4:
            page.context.set_offline(True)
            page.get_by_role("button", name="Save and add the next one").click()
            page.wait_for_selector("text=there is no connection")
            assert (
                page.get_by_role("textbox", name="What was said").input_value() == text
            )  # still there
            page.context.set_offline(False)
            page.get_by_role("button", name="Try again").click()
        else:
            page.get_by_role("button", name="Save and add the next one").click()
        page.wait_for_selector(f"#contribution-list >> text={text}")
        assert page.get_by_role("textbox", name="What was said").input_value() == ""
    assert serious_axe_violations(page) == []
    page.get_by_role("button", name="Finish the session").click()

    session = FocusGroupSession.objects.get(title="Saturday club, 21 November")
    assert session.finished_at is not None
    assert sorted(session.contributions.values_list("text", flat=True)) == sorted(said)
    voices = Voice.objects.filter(contribution__session=session)
    assert voices.count() == 10
    assert set(voices.values_list("audience", flat=True)) == {"young_person"}


def test_bulk_import_screens_pass_axe(tablet, site_url, facilitator):
    session = FocusGroupSession.objects.create(
        title="Parents", held_on="2026-11-01", setting_type="parent_forum", consent="verbal"
    )
    session.facilitators.add(facilitator)
    sign_in(tablet, site_url, facilitator.email)
    tablet.goto(f"{site_url}/focus-groups/{session.pk}/import/")
    assert serious_axe_violations(tablet) == []
    tablet.get_by_label("Paste notes").fill("Line one\n\nLine two")
    tablet.get_by_role("button", name="Check the notes").click()
    assert serious_axe_violations(tablet) == []
    tablet.get_by_role("button", name="Import 2 contributions").click()
    assert session.contributions.count() == 2
