"""The Wagtail admin works under the Content-Security-Policy: no script or style it needs is
blocked (the browser reports every refusal on the console), and no inline script runs
without the response's nonce ('unsafe-inline' is not in the admin's script-src)."""

import pytest
from wagtail.models import Collection

import surveys.demo
from outcomes_cms.models import HomePage, OutcomePage
from surveys.demo import seed_surveys
from surveys.models import SurveyPage
from tests.browser.test_safeguarding_and_review import sign_in
from tests.conftest import load_frameworks
from tests.factories import UserFactory
from you_said_we_did.models import Action, YouSaidWeDidIndexPage, YouSaidWeDidPage

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(site_url, page, monkeypatch):
    """A superuser's browser in the admin, collecting every CSP refusal and script error."""
    # The live server's database was flushed with the groups and the root collection.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    monkeypatch.setattr(surveys.demo, "invent_responses", lambda *args, **kwargs: None)
    seed_surveys(HomePage.objects.get(), load_frameworks())
    admin = UserFactory(email="admin@council.example", is_superuser=True, is_staff=True)
    page.refused = []
    page.on(
        "console",
        lambda message: (
            page.refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: page.refused.append(str(error)))
    sign_in(page, site_url, admin.email, "/admin/")
    yield page
    # Leave the editor (it pings the server while open) before the database is emptied.
    page.goto("about:blank")


def change_page() -> YouSaidWeDidPage:
    """A "You said, we did" page: inline panels, date fields and a chooser for quotes."""
    index = YouSaidWeDidIndexPage(title="You said, we did", slug="you-said-we-did")
    HomePage.objects.get().add_child(instance=index)
    page = YouSaidWeDidPage(
        title="The school bus comes too early", slug="school-bus", status="done",
        you_said="You said the bus comes too early.", we_did="We changed the routes.",
    )  # fmt: skip
    page.actions = [Action(what="Re-plan 12 routes", owner="Travel team", status="done")]
    index.add_child(instance=page)
    return page


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.locator("main, #main").first.is_visible(), url


def test_the_admin_runs_with_nothing_blocked(admin_page, site_url):
    page = admin_page
    outcome = OutcomePage.objects.first()
    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    change = change_page()
    for path in [
        "/admin/pages/",
        f"/admin/pages/{outcome.pk}/edit/",
        f"/admin/pages/{survey.pk}/edit/",  # questions inline, date and time, image chooser
        f"/admin/pages/{change.pk}/edit/",  # quotes chooser, actions with dates
        f"/admin/pages/add/surveys/surveypage/{HomePage.objects.get().pk}/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/comments/",
        "/admin/themes/",
        "/admin/audit-log/",
        "/admin/reports/site-history/",  # a date range filter
        "/admin/survey-results/erase/",
        "/admin/snippets/outcomes_cms/indicatorvalue/",
        "/admin/snippets/outcomes_cms/indicatorvalue/add/",
        "/admin/snippets/outcomes_cms/indicatorvalue/import/",
        "/admin/users/",
    ]:
        visit(page, site_url + path)
    assert page.refused == [], "\n".join(page.refused)


def test_scripts_added_after_the_page_loaded_run_too(admin_page, site_url):
    """An inline panel's "Add" copies a form, with its widgets' scripts, into the page; a
    chooser opens its modal. Both must run under the nonce the page was given."""
    page = admin_page
    change = change_page()
    visit(page, f"{site_url}/admin/pages/{change.pk}/edit/")
    page.get_by_role("button", name="Add Update").click()
    update_date = page.locator("#id_updates-0-happened_on")
    update_date.click()  # the date picker, set up by the widget's script
    page.locator(".xdsoft_datetimepicker:visible").wait_for()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Add Quote").click()
    page.locator("#id_quotes-0-voice-chooser .unchosen [data-chooser-action-choose]").click()
    page.locator(".modal-dialog:visible").wait_for()  # its contents fetched, its script run
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Escape")

    # An image chooser's modal has an upload form too.
    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    visit(page, f"{site_url}/admin/pages/{survey.pk}/edit/")
    page.locator("#id_questions-0-symbol-chooser .unchosen [data-chooser-action-choose]").click()
    page.locator(".modal-dialog:visible").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.refused == [], "\n".join(page.refused)
