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


@pytest.mark.parametrize("javascript", [True, "plain"], ids=["chat", "plain"])
def test_axe_on_every_page_type_in_easy_read_and_high_contrast(browser, survey_url, javascript):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    if javascript == "plain":
        context.route("**/chat.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(survey_url)
    page.get_by_role("link", name="Change how this looks").click()
    page.get_by_label("Easy-read words").check()
    page.get_by_label("High contrast (yellow on black)").check()
    page.get_by_role("button", name="Save these choices").click()
    assert serious_axe_violations(page) == [], "start"
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Someone answering for me").check()
    page.get_by_label("Answering for someone").fill("Sam")
    assert serious_axe_violations(page) == [], "who is answering"
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/question/1/")
    assert "Sam" in page.locator(".question__heading").inner_text()
    assert serious_axe_violations(page) == [], "a question"
    for number in range(1, 11):
        if javascript is True:
            page.locator("form.question-form .choice-card__button", has_text="Yes").first.click()
            if 1 < number < 10:
                page.wait_for_function(
                    f"() => location.pathname.endsWith('/question/{number + 1}/')"
                )
        else:
            page.get_by_role("radio", name="Yes", exact=True).check()
            page.get_by_role("button", name="Continue").click()
        if number == 1:
            page.wait_for_function("() => location.pathname.endsWith('/question/2/')")
            if javascript is True:
                page.get_by_role("button", name="Yes, say more").click()
                page.get_by_role("button", name="Send", exact=True).click()  # empty: an error
                page.wait_for_selector(".follow-up-form .error-message")
            else:
                page.get_by_role("button", name="Continue").click()  # no answer: an error
                page.wait_for_selector(".error-summary")
            assert serious_axe_violations(page) == [], "a question with the chat and an error"
            if javascript is not True:
                page.get_by_role("radio", name="Yes", exact=True).check()
                page.get_by_role("button", name="Continue").click()
                page.wait_for_function("() => location.pathname.endsWith('/question/3/')")
                break
    if javascript is not True:
        for _ in range(3, 11):
            page.get_by_role("radio", name="Yes", exact=True).check()
            page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/check/")
    assert serious_axe_violations(page) == [], "check your answers"
    page.get_by_role("link", name="Stop and come back later").click()
    page.wait_for_url("**/save/")
    assert serious_axe_violations(page) == [], "saved"
    page.go_back()
    page.wait_for_url("**/check/")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/done/")
    assert serious_axe_violations(page) == [], "confirmation"
    context.close()
