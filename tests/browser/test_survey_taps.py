"""The phone-first chat (issue 17): the Bradford survey finishes by tapping alone on a 390x844
phone, with the newest question and all its answers in the first screen at every step and the
answer just given visible, never under the sticky "Exit this page" bar."""

import pytest

import surveys.demo
from outcomes_cms.models import HomePage
from surveys.demo import seed_surveys
from surveys.models import Response
from tests.browser.conftest import serious_axe_violations
from tests.conftest import load_frameworks

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
IN_FIRST_SCREEN = """(selector) => {
  const exit = document.querySelector('.exit-this-page').getBoundingClientRect().bottom;
  return Array.from(document.querySelectorAll(selector)).every(el => {
    const box = el.getBoundingClientRect();
    return box.top >= exit - 1 && box.bottom <= window.innerHeight + 1;
  });
}"""


@pytest.fixture
def survey_url(site_url, monkeypatch):
    monkeypatch.setattr(surveys.demo, "invent_responses", lambda *args, **kwargs: None)
    seed_surveys(HomePage.objects.get(), load_frameworks())
    return f"{site_url}/pupil-voice-annual-review/"


def test_bradford_finishes_in_at_most_14_taps_on_a_phone(browser, survey_url):
    context = browser.new_context(viewport=PHONE, locale="en-GB", has_touch=True)
    page = context.new_page()
    taps = 0
    page.goto(survey_url)
    page.get_by_role("button", name="Start now").click()
    taps += 1
    page.wait_for_url("**/who/")
    page.get_by_text("Me, on my own").click()
    taps += 1
    page.wait_for_url("**/question/1/")
    for number in range(1, 11):
        assert page.evaluate(IN_FIRST_SCREEN, "form.question-form .question__heading")
        assert page.evaluate(IN_FIRST_SCREEN, "form.question-form .choice-card__button")
        if number > 1:
            assert page.evaluate(IN_FIRST_SCREEN, ".chat-history__item:last-child .bubble--answer")
        if number == 2:
            assert serious_axe_violations(page) == [], "a question in the chat, with a follow-up"
        page.locator("form.question-form .choice-card__button", has_text="Yes").first.click()
        taps += 1
        if number < 10:
            page.wait_for_function(f"() => location.pathname.endsWith('/question/{number + 1}/')")
    page.wait_for_url("**/check/")
    page.get_by_role("button", name="Send my answers").click()
    taps += 1
    page.wait_for_url("**/done/")
    assert taps <= 14
    response = Response.objects.filter(survey__slug="pupil-voice-annual-review").latest("pk")
    assert response.completed_at is not None and response.answers.count() == 10
    context.close()


def test_save_and_come_back_from_an_unanswered_question(browser, survey_url):
    context = browser.new_context(viewport=PHONE, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(survey_url)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Me, on my own").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/question/1/")
    continue_box = page.get_by_role("button", name="Continue").bounding_box()
    assert continue_box["y"] + continue_box["height"] <= PHONE["height"]  # in the first screen
    page.get_by_role("button", name="Save and come back later").click()  # nothing chosen
    page.wait_for_url("**/save/")
    assert page.locator("h1").inner_text() == "Your answers are saved"
    context.close()
