"""The Wagtail admin works under the Content-Security-Policy: no script or style it needs is
blocked (the browser reports every refusal on the console)."""

import django.apps
import pytest

from engagement.roles import OFFICER, sync_roles
from outcomes_cms.models import OutcomePage
from tests.browser.test_safeguarding_and_review import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_the_admin_runs_with_nothing_blocked(page, site_url):
    sync_roles(django.apps.apps)  # the live server's database was flushed with the groups
    officer = UserFactory(email="officer@council.example", roles=[OFFICER])
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: refused.append(str(error)))
    sign_in(page, site_url, officer.email, "/admin/")
    outcome = OutcomePage.objects.first()
    for path in [
        "/admin/pages/",
        f"/admin/pages/{outcome.pk}/edit/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/comments/",
        "/admin/audit-log/",
        "/admin/survey-results/erase/",
        "/admin/snippets/outcomes_cms/indicatorvalue/import/",
    ]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("main, #main").first.is_visible(), path
    assert refused == [], "\n".join(refused)
