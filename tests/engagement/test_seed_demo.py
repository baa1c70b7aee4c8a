from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from engagement.demo import DEMO_USERS
from outcomes_cms.models import IndicatorValue, OutcomeIndicator, OutcomePage, OutcomesFrameworkPage

pytestmark = pytest.mark.django_db


def content_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "frameworks": OutcomesFrameworkPage.objects.count(),
        "outcomes": OutcomePage.objects.count(),
        "indicators": OutcomeIndicator.objects.count(),
        "indicator values": IndicatorValue.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_seed_loads_three_frameworks_and_rochdale_in_full(demo_site):
    areas = set(OutcomesFrameworkPage.objects.values_list("area_name", flat=True))
    assert areas == {"Rochdale", "Bradford", "Middlesbrough"}
    rochdale = OutcomesFrameworkPage.objects.get(area_name="Rochdale")
    outcomes = list(rochdale.outcomes())
    assert len(outcomes) == 7
    assert all(outcome.description and outcome.easy_read for outcome in outcomes)
    assert OutcomeIndicator.objects.filter(page__in=outcomes).count() == 12
    assert rochdale.plan() is not None
    assert demo_site.featured_framework_id == rochdale.pk


def test_seed_command_twice_duplicates_nothing(settings, demo_site):
    settings.DEMO_USERS_ALLOWED = True
    call_command("seed_demo", stdout=StringIO())
    first = content_counts()
    call_command("seed_demo", stdout=StringIO())
    assert content_counts() == first
    assert first["users"] == len(DEMO_USERS) + 1  # one per role and an administrator
    assert first["indicator values"] > 0


def test_seed_keeps_an_officers_edit(demo_site):
    outcome = OutcomePage.objects.get(title="I am active and involved")
    outcome.description = "Rewritten by an officer"
    outcome.save_revision().publish()
    call_command("seed_demo", stdout=StringIO())
    outcome.refresh_from_db()
    assert outcome.description == "Rewritten by an officer"


def test_demo_logins_are_never_made_outside_dev_settings(settings, demo_site, capsys):
    settings.DEMO_USERS_ALLOWED = False
    call_command("seed_demo")
    assert get_user_model().objects.count() == 0
    assert "Demo logins are not created" in capsys.readouterr().out


def test_demo_logins_are_printed_with_dev_settings(settings, demo_site, capsys):
    settings.DEMO_USERS_ALLOWED = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    for email, *_ in DEMO_USERS:
        assert email in out
    assert "demo-send-voices" in out
    assert "must use two-step sign in" in out  # officers, the lead and the administrator
