"""The safeguarding lead's queue and the officers' comment review, by keyboard, with axe."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from engagement.models import SafeguardingCase, Voice
from engagement.roles import OFFICER, SAFEGUARDING_LEAD
from tests.browser.conftest import serious_axe_violations
from tests.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.browser


@pytest.fixture
def people(site_url):
    return {
        "lead": UserFactory(email="lead@council.example", roles=[SAFEGUARDING_LEAD]),
        "officer": UserFactory(email="officer@council.example", roles=[OFFICER]),
    }


def comment(text: str, **fields) -> Voice:
    now = timezone.now()
    return Voice.objects.create(
        text=text, channel="survey", audience="young_person", said_at=now, analysed_text=text,
        analysed_at=now, redacted_text=text, **fields,
    )  # fmt: skip


def sign_in(page, site_url, email, then: str):
    page.goto(f"{site_url}/accounts/login/?next={then}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    # Leads and officers use two-step sign in: the factory gave them an authenticator app.
    two_step = "/accounts/2fa/authenticate/"
    page.wait_for_url(lambda url: two_step in url or url == site_url + then)
    if two_step in page.url:
        page.locator("input[name=code]").fill(totp_code())
        page.keyboard.press("Enter")
        page.wait_for_url(site_url + then)


def test_a_lead_reviews_a_case_by_keyboard(page, site_url, people):
    voice = comment(
        "I'm scared to go home", safeguarding_flag=True,
        safeguarding_reasons=['fear of going home: "scared to go home"'],
    )  # fmt: skip
    case = SafeguardingCase.objects.create(voice=voice)
    sign_in(page, site_url, people["lead"].email, "/safeguarding/")
    assert serious_axe_violations(page) == []
    page.get_by_role("link", name=f"Case {case.pk}").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/safeguarding/{case.pk}/")
    assert "scared to go home" in page.locator("blockquote").inner_text()
    assert serious_axe_violations(page) == []
    page.get_by_role("radio", name="Referred").check()
    page.get_by_label("Notes (what you did, who you told)").fill("Told the school's DSL")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/safeguarding/")
    case.refresh_from_db()
    assert case.status == "referred" and case.updated_by == people["lead"]


def test_an_officer_reads_redacted_comments_with_their_themes(page, site_url, people):
    comment("The taxi is late, ring [name] on [phone]")
    comment("I'm scared to go home", safeguarding_flag=True)
    sign_in(page, site_url, people["officer"].email, "/admin/comments/")
    listing = page.locator("main").inner_text()
    assert "ring [name] on [phone]" in listing
    assert "scared to go home" not in listing
    assert serious_axe_violations(page) == []


def tab_to(page, target, limit: int = 60) -> int:
    """Press Tab until `target` has the focus; how many presses it took (the keyboard order)."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError(f"Tab never reached {target}")


def on_the_queue(page):
    """Back at the queue (a redirect keeps the #field an error link added to the address)."""
    page.wait_for_url(lambda url: urlsplit(url).path == "/safeguarding/")


def test_a_lead_works_two_cases_in_order_by_keyboard(page, site_url, people):
    """The day's queue, urgent first: take the first case, record a decision (after being told
    the note is missing), then clear the next as "no concern" through its warning."""
    older_check = SafeguardingCase.objects.create(
        voice=comment(
            "i dont like going home much",
            safeguarding_flag=True,
            safeguarding_tier="check",
            safeguarding_reasons=["fear of going home (close to examples)"],
            prompt="Home life",
        )
    )
    urgent = SafeguardingCase.objects.create(
        voice=comment(
            "he hits me",
            safeguarding_flag=True,
            safeguarding_tier="urgent",
            safeguarding_reasons=['physical abuse: "hits me"'],
            prompt="How is school?",
        )
    )
    sign_in(page, site_url, people["lead"].email, "/safeguarding/")
    assert page.get_by_role("table").locator("caption").inner_text().startswith("Open cases")
    assert serious_axe_violations(page) == []
    first = page.get_by_role("link", name=f"Case {urgent.pk}", exact=True)
    second = page.get_by_role("link", name=f"Case {older_check.pk}", exact=True)
    page.locator("main").focus()
    to_second = tab_to(page, second)
    page.locator("main").focus()
    assert tab_to(page, first) < to_second  # urgent comes first, though flagged later
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/safeguarding/{urgent.pk}/")
    assert serious_axe_violations(page) == []

    tab_to(page, page.get_by_role("button", name="Take this case"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/safeguarding/{urgent.pk}/")
    assert "is now with" in page.get_by_role("status").inner_text()
    referred = page.get_by_role("radio", name="Referred")
    tab_to(page, page.get_by_role("radio").first)
    referred.check()  # arrow keys move within the group; checking it is the same choice
    tab_to(page, page.get_by_role("button", name="Save"))
    page.keyboard.press("Enter")  # no note: refused, and told where
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.evaluate("element => element === document.activeElement")
    assert serious_axe_violations(page) == []
    tab_to(page, summary.get_by_role("link", name="Write a note"))
    page.keyboard.press("Enter")
    notes = page.get_by_label("Notes (what you did, who you told)")
    assert notes.evaluate("element => element === document.activeElement")
    assert page.get_by_role("radio", name="Referred").is_checked()  # what was chosen is kept
    page.keyboard.type("Rang the school's DSL, who is calling children's services")
    tab_to(page, page.get_by_role("button", name="Save"))
    page.keyboard.press("Enter")
    on_the_queue(page)
    assert f"Case {urgent.pk} saved: Referred." in page.get_by_role("status").inner_text()

    page.locator("main").focus()
    tab_to(page, second)  # the next case is the one left
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/safeguarding/{older_check.pk}/")
    tab_to(page, page.get_by_role("radio").first)
    page.get_by_role("radio", name="No concern").check()
    tab_to(page, page.get_by_label("Notes (what you did, who you told)"))
    page.keyboard.type("Asked the family: about moving house, no concern")
    tab_to(page, page.get_by_role("button", name="Save"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    warning = page.locator("#confirm-no-concern")
    assert "Are you sure there is no concern?" in warning.inner_text()
    assert serious_axe_violations(page) == []
    tab_to(page, page.get_by_role("button", name="Yes, mark as no concern"))
    page.keyboard.press("Enter")
    on_the_queue(page)
    assert "Nothing here." in page.locator("main").inner_text()
    urgent.refresh_from_db()
    older_check.refresh_from_db()
    assert (urgent.status, urgent.owner) == ("referred", people["lead"])
    assert older_check.status == "no_concern"
    assert [e.kind for e in urgent.events.all()] == ["taken", "decided"]

    page.goto(f"{site_url}/safeguarding/{urgent.pk}/print/")  # the printable record
    assert page.get_by_role("button", name="Print this page").is_visible()
    assert "Rang the school's DSL" in page.get_by_role("table").inner_text()
    assert serious_axe_violations(page) == []
