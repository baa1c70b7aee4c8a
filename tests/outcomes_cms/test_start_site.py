"""A production site starts with its home page, accessibility statement and privacy notice."""

import pytest
from django.core.management import call_command

from outcomes_cms.models import HomePage, OutcomesFrameworkPage, StandardPage

pytestmark = pytest.mark.django_db


def test_start_site_makes_a_missing_privacy_notice_and_no_demo_content(demo_site):
    home = HomePage.objects.get()
    StandardPage.objects.child_of(home).get(slug="privacy").delete()
    frameworks = OutcomesFrameworkPage.objects.count()

    call_command("start_site")
    call_command("start_site")  # twice: nothing doubled

    notice = StandardPage.objects.child_of(home).get(slug="privacy")
    assert notice.live and "IP address" in str(notice.body)
    assert StandardPage.objects.child_of(home).filter(slug="accessibility").count() == 1
    assert OutcomesFrameworkPage.objects.count() == frameworks
