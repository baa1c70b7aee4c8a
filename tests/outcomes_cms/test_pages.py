import pytest

from outcomes_cms.models import OutcomePage

pytestmark = pytest.mark.django_db

ROCHDALE_STATEMENTS = [
    "My opinions are valued",
    "I am emotionally well",
    "I am as healthy as possible",
    "I am safe and supported at home, at school, and in the community",
    "I am active and involved",
    "I am hopeful and prepared for the future",
    "Those that care for me are supported",
]


def test_home_page_links_to_all_seven_rochdale_outcomes(client, rochdale):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for outcome in rochdale.outcomes():
        assert f'href="{outcome.url}"' in html
    assert [outcome.title for outcome in rochdale.outcomes()] == ROCHDALE_STATEMENTS


def test_outcome_page_shows_description_earlier_wordings_and_indicators(client, rochdale):
    outcome = OutcomePage.objects.get(title="My opinions are valued")
    response = client.get(outcome.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "All children and young people are supported to share their views" in html
    assert "<q>Voice</q>" in html and "<q>My voice is heard</q>" in html
    assert "nonverbal children" in html  # why the wording changed
    assert "% CYP with SEND who feel their opinion is valued by those who care for them" in html
    assert html.count("<h1") == 1


def test_an_outcome_without_indicators_says_so(client, rochdale):
    outcome = OutcomePage.objects.get(title="I am emotionally well")
    html = client.get(outcome.url).content.decode()
    assert "has not agreed indicators for this outcome yet" in html


def test_unpublished_outcome_is_hidden_from_framework_and_home(client, rochdale):
    outcome = OutcomePage.objects.get(title="I am active and involved")
    outcome.unpublish()
    assert "I am active and involved" not in client.get("/").content.decode()
    assert "I am active and involved" not in client.get(rochdale.url).content.decode()


def test_plan_on_a_page_pulls_vision_and_outcomes_from_the_framework(client, rochdale):
    plan = rochdale.plan()
    html = client.get(plan.url).content.decode()
    assert rochdale.vision[:60] in html
    for statement in ROCHDALE_STATEMENTS:
        assert statement in html
    assert "Children stay close to home" in html
    assert "Diagnosis will not be the only way of getting support" in html

    # Renamed once, in one place: the plan follows without being retyped.
    outcome = OutcomePage.objects.get(title="I am emotionally well")
    outcome.title = "I am emotionally well and happy"
    outcome.save_revision().publish()
    assert "I am emotionally well and happy" in client.get(plan.url).content.decode()


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/"])
def test_standard_pages_are_published_and_in_the_footer(client, demo_site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert f'href="{path}"' in client.get("/").content.decode()


def test_unknown_page_is_a_friendly_404(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
