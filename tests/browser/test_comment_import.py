"""An officer imports a Microsoft Forms export in Chromium: the check page names the line read
as Windows-1252 and the columns guessed, the import's page counts the comments checked, and
axe finds nothing serious on any of the three pages."""

import pytest

from engagement.models import Voice
from engagement.roles import OFFICER
from tests.browser.conftest import serious_axe_violations
from tests.browser.test_safeguarding_and_review import sign_in
from tests.engagement.test_comment_imports import forms_export
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

UPLOAD = "/admin/comment-imports/"


def test_an_officer_imports_a_forms_export_and_sees_it_checked(page, site_url):
    officer = UserFactory(email="officer@council.example", roles=[OFFICER])
    sign_in(page, site_url, officer.email, UPLOAD)
    assert serious_axe_violations(page) == []

    page.get_by_label("Title").fill("Parent survey (Microsoft Forms)")
    page.get_by_label("Audience").select_option("parent_carer")
    page.locator("input[type=file]").set_input_files(
        {"name": "export.csv", "mimeType": "text/csv", "buffer": forms_export()}
    )
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("button", name="Import 3 comments").wait_for()
    assert (
        "Line 4: not UTF-8, so read as Windows-1252"
        in page.locator(".import-warnings").inner_text()
    )
    assert page.get_by_label("Which column says when each comment was written?").input_value() == (
        "Completion time"
    )
    assert serious_axe_violations(page) == []

    page.get_by_role("button", name="Import 3 comments").click()
    page.get_by_text("3 of 3 checked").wait_for()  # tasks run at once in the test settings
    assert serious_axe_violations(page) == []
    assert Voice.objects.filter(comment_import__isnull=False).count() == 3
