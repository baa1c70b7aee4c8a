"""The safeguarding lead's queue and the officers' comment review, by keyboard, with axe."""

import django.apps
import pytest
from django.utils import timezone

from engagement.models import SafeguardingCase, Voice
from engagement.roles import OFFICER, SAFEGUARDING_LEAD, sync_roles
from tests.browser.conftest import serious_axe_violations
from tests.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.browser


@pytest.fixture
def people(site_url):
    sync_roles(django.apps.apps)  # the live server's database was flushed with the groups
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
