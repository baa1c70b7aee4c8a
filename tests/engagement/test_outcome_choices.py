"""One council at a time: every outcome picker groups outcomes by council, the site's own first."""

import re

import pytest

from engagement.outcome_choices import grouped_outcome_choices, site_framework
from outcomes_cms.models import HomePage, OutcomePage, OutcomesFrameworkPage
from surveys.focus_groups.forms import PromptForm
from surveys.models import SurveyPage
from surveys.symbols import CATALOGUE

pytestmark = pytest.mark.django_db


def test_groups_by_council_the_sites_own_first(demo_site):
    groups = grouped_outcome_choices()
    own = site_framework()
    assert groups[0][0] == f"{own.area_name} (this site)"
    assert [label for label, _ in groups[1:]] == [
        f.area_name for f in OutcomesFrameworkPage.objects.exclude(pk=own.pk).order_by("path")
    ]
    for label, outcomes in groups:
        framework = OutcomesFrameworkPage.objects.get(area_name=label.replace(" (this site)", ""))
        assert {pk for pk, _ in outcomes} == set(
            OutcomePage.objects.child_of(framework).values_list("pk", flat=True)
        )


def test_featuring_another_council_puts_it_first(demo_site):
    other = OutcomesFrameworkPage.objects.order_by("-path").first()
    HomePage.objects.filter(pk=demo_site.pk).update(featured_framework=other)
    assert grouped_outcome_choices()[0][0] == f"{other.area_name} (this site)"


def groups_in(html: str) -> list[str]:
    """The groups of the page's outcome pickers (the symbol picker groups pictures, not
    councils)."""
    groups = re.findall(r'<optgroup label="([^"]+)"', html) or re.findall(
        r"<div>\s*<label>([^<]+)</label>", html
    )
    return [group for group in groups if group not in CATALOGUE]


def test_every_admin_picker_is_grouped(client, officer):
    own = f"{site_framework().area_name} (this site)"
    survey = SurveyPage.objects.first()
    pages = [f"/admin/pages/{survey.pk}/edit/", "/admin/themes/add/", "/admin/comments/"]
    for url in pages:
        groups = groups_in(client.get(url).content.decode())
        assert groups and groups[0] == own, url
    prompt = str(PromptForm()["outcome"])
    assert groups_in(prompt)[0] == own


def test_a_grouped_picker_still_saves_an_outcome(demo_site):
    outcome = OutcomePage.objects.last()
    form = PromptForm(data={"text": "What helps you at school?", "outcome": outcome.pk})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["outcome"] == outcome
