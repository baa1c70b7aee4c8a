"""The admin screens an officer meets, in Chromium with axe: 0 serious or critical."""

import pytest
from django.urls import reverse

from engagement.models import Theme
from engagement.roles import OFFICER
from outcomes_cms.models import IndicatorValue, PlanOnAPage
from tests.browser.conftest import serious_axe_violations
from tests.browser.test_safeguarding_and_review import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def officer_page(page, site_url):
    officer = UserFactory(email="officer@council.example", roles=[OFFICER])
    sign_in(page, site_url, officer.email, "/admin/")
    yield page
    page.goto("about:blank")  # the editor pings the server while open


def test_the_plan_on_a_page_editor_passes_axe(officer_page, site_url):
    plan = PlanOnAPage.objects.get()
    officer_page.goto(f"{site_url}/admin/pages/{plan.pk}/edit/")
    assert officer_page.get_by_label("Measure").count() >= 1  # the stream's boxes are named
    assert serious_axe_violations(officer_page) == []


def test_the_send_admin_screens_pass_axe(officer_page, site_url):
    """Every SEND screen an officer uses day to day, as Chromium draws it: 0 serious or
    critical problems (issue 18). One sign-in for all, so the list costs seconds, not minutes."""
    theme, _ = Theme.objects.get_or_create(key="transport", defaults={"name": "Transport"})
    screens = [
        reverse("wagtailsnippets_engagement_voice:list"),
        reverse("wagtailsnippets_engagement_theme:list"),
        reverse("wagtailsnippets_engagement_theme:edit", args=[theme.pk]),
        reverse("comment_imports"),
        reverse("theme_suggestions"),
        reverse("theme_learning"),
        reverse("theme_merge", args=[theme.pk]),
        reverse("you_said_we_did_from_theme", args=[theme.pk]),
        reverse("survey_results"),
        reverse("survey_erase_response"),
        reverse(IndicatorValue.snippet_viewset.get_url_name("import")),
    ]
    found = {}
    for address in screens:
        officer_page.goto(site_url + address)
        problems = serious_axe_violations(officer_page)
        if problems:
            found[address] = problems
    assert found == {}
