"""The admin screens an officer meets, in Chromium with axe: 0 serious or critical."""

import pytest

from engagement.roles import OFFICER
from outcomes_cms.models import PlanOnAPage
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
