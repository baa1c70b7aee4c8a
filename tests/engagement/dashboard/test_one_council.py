"""One council per dashboard: the site's own framework unless another is chosen, on every page,
export and report."""

import csv

import pytest
from django.urls import reverse
from wagtail.models import Site

from engagement.dashboard.filters import site_framework
from engagement.models import Voice
from outcomes_cms.models import OutcomesFrameworkPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commissioner(client, demo_site):
    client.force_login(UserFactory(roles=["Commissioner"]))
    return client


def outcome_titles(name: str) -> set[str]:
    framework = OutcomesFrameworkPage.objects.get(area_name=name)
    return {outcome.title for outcome in framework.outcomes()}


def test_the_site_framework_is_the_one_its_home_page_features(rf, demo_site):
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert site_framework(rf.get("/")) == home.framework()
    assert home.framework().area_name == "Rochdale"


def test_the_outcomes_page_shows_only_the_sites_own_council_by_default(commissioner):
    html = commissioner.get(reverse("dashboard:outcomes")).content.decode()
    assert "<h2>Rochdale</h2>" in html
    assert "<h2>Bradford</h2>" not in html and "<h2>Middlesbrough</h2>" not in html
    bradford = OutcomesFrameworkPage.objects.get(area_name="Bradford")
    html = commissioner.get(reverse("dashboard:outcomes"), {"framework": bradford.pk})
    html = html.content.decode()
    assert "<h2>Bradford</h2>" in html and "<h2>Rochdale</h2>" not in html


def test_the_csv_and_report_carry_one_council(commissioner):
    def csv_tables(params):
        response = commissioner.get(reverse("dashboard:figures_csv"), params)
        rows = csv.reader(b"".join(response.streaming_content).decode("utf-8-sig").splitlines())
        return {row[1] for row in rows if row[0] == "Outcomes"}

    assert csv_tables({}) <= outcome_titles("Rochdale")
    bradford = OutcomesFrameworkPage.objects.get(area_name="Bradford")
    assert csv_tables({"framework": bradford.pk}) <= outcome_titles("Bradford")


def test_comments_about_another_councils_outcomes_are_left_out(commissioner, lunch_comment):
    bradford = OutcomesFrameworkPage.objects.get(area_name="Bradford")
    elsewhere = bradford.outcomes().first()
    for _ in range(30):
        lunch_comment("young_person", outcome=elsewhere)

    def lunches_total(params) -> str:
        response = commissioner.get(reverse("dashboard:figures_csv"), params)
        rows = csv.reader(b"".join(response.streaming_content).decode("utf-8-sig").splitlines())
        return next(
            row[4] for row in rows
            if row[0] == "Themes" and "who said" in row[1] and row[2] == "School lunches"
            and row[3] == "Total"
        )  # fmt: skip

    assert lunches_total({}) == "fewer than 5"
    assert lunches_total({"framework": bradford.pk}) != "fewer than 5"
    assert Voice.objects.filter(outcome=elsewhere).count() == 30


def test_an_outcome_of_another_council_is_refused_and_the_sites_own_shown(commissioner):
    bradford = OutcomesFrameworkPage.objects.get(area_name="Bradford")
    response = commissioner.get(
        reverse("dashboard:outcomes"), {"outcome": bradford.outcomes().first().pk}
    )
    assert response.status_code == 200
    assert "<h2>Rochdale</h2>" in response.content.decode()
