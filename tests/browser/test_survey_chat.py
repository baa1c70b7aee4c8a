"""The survey as a chat (JavaScript on) and as plain question pages (JavaScript off).

chat.js posts each answer with fetch and swaps in the next question; without JavaScript the
same pages post and redirect. Both must get a young person from the start page to "Your
answers have been sent", by keyboard alone, with screen readers and at 400% zoom.
"""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import surveys.demo
import surveys.flow
from outcomes_cms.models import HomePage
from surveys.demo import seed_surveys
from surveys.models import Answer, Response, SurveyPage
from tests.browser.conftest import serious_axe_violations
from tests.conftest import load_frameworks

pytestmark = pytest.mark.browser

SLUG = "pupil-voice-annual-review"
QUESTIONS = 10
SMALL = {"width": 375, "height": 740}
LARGE = {"width": 1280, "height": 900}
ANNOUNCER = "document.getElementById('survey-announcer').textContent"


@pytest.fixture
def survey_url(site_url, monkeypatch):
    """The Bradford survey's start page. site_url's flush removed the session's seeded surveys."""
    # The invented demo responses are not needed here, and take a while to make.
    monkeypatch.setattr(surveys.demo, "invent_responses", lambda *args, **kwargs: None)
    seed_surveys(HomePage.objects.get(), load_frameworks())
    return f"{site_url}/{SLUG}/"


@pytest.fixture
def new_page(browser):
    """new_page(viewport, javascript=True): a page in a fresh browser context (own session).

    javascript="plain" keeps the browser's JavaScript on (axe-core needs it) but never loads
    chat.js: the pages exactly as a browser without JavaScript shows them.
    """
    contexts = []

    def make(viewport=LARGE, javascript=True):
        context = browser.new_context(
            viewport=viewport, locale="en-GB", java_script_enabled=javascript is not False
        )
        if javascript == "plain":
            context.route("**/chat.js", lambda route: route.abort())
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def latest_response(slug: str = SLUG) -> Response:
    return Response.objects.filter(survey__slug=slug).order_by("-pk").first()


def tab_to(page, condition: str, what: str, limit: int = 40, key: str = "Tab"):
    """Press Tab (or `key`) until the focused element meets a JavaScript condition on `el`."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(el => Boolean({condition}))(document.activeElement)"):
            return
    pytest.fail(f"Tab never reached {what}")


def focused_button(name: str) -> str:
    return f"el.matches('button') && el.textContent.trim() === {name!r}"


def start(page, survey_url):
    """Start page -> who is answering -> the first question, by clicking."""
    page.goto(survey_url)
    page.get_by_role("button", name="Start now").click()
    # With JavaScript, a tap goes straight on (so not check(): the radio is gone at once).
    page.get_by_label("Me, on my own").click()
    try:
        page.wait_for_url("**/question/1/", timeout=3000)
    except PlaywrightTimeout:
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/question/1/")


def is_chat(page) -> bool:
    return page.evaluate("document.body.classList.contains('survey--chat')")


def choose(page, label: str):
    """Answer the question on show: a tap on its card (chat), or its radio and Continue."""
    if is_chat(page):
        cards = page.locator("form.question-form .choice-card__button")
        cards.filter(has=page.locator(f".choice__text:text-is({label!r})")).click()
    else:
        page.get_by_role("radio", name=label, exact=True).check()
        page.get_by_role("button", name="Continue").click()


def heading(page) -> str:
    return page.locator(".question__heading").inner_text()


def answer(page, number: int, label: str = "Yes"):
    """Answer the question on show by clicking; wait until question `number + 1` (or check)."""
    choose(page, label)
    if number < QUESTIONS:
        page.wait_for_function(f"() => location.pathname.endsWith('/question/{number + 1}/')")
        page.wait_for_selector(f"#progress:text-is('Question {number + 1} of {QUESTIONS}')")
        # The new bubbles fade in (unless reduced motion is asked for): let them arrive.
        page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState === 'finished')"
        )
    else:
        page.wait_for_url("**/check/")


def test_a_chat_answered_by_keyboard_alone_reaches_the_confirmation(page, survey_url):
    comment = "The bus to college is often late"
    page.goto(survey_url)
    tab_to(page, focused_button("Start now"), "the Start now button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/who/")
    tab_to(page, "el.name === 'answered_by'", "the first answer")
    page.keyboard.press("Space")  # by keyboard, choosing does not post: Continue does
    tab_to(page, focused_button("Continue"), "Continue")
    page.keyboard.press("Enter")
    page.wait_for_url("**/question/1/")
    assert page.evaluate("document.body.classList.contains('survey--chat')")
    assert page.locator(".chat-history__item").count() == 0  # nothing answered yet

    said = page.evaluate(ANNOUNCER)
    for number in range(1, QUESTIONS + 1):
        asked = heading(page)
        yes_card = (
            "el.matches('.choice-card__button')"
            " && el.querySelector('.choice__text').textContent.trim() === 'Yes'"
        )
        tab_to(page, yes_card, f"the Yes card of question {number}")
        page.keyboard.press("Enter")  # one key answers: no Continue
        if number == QUESTIONS:
            break

        following = number + 1
        page.wait_for_function(f"() => location.pathname.endsWith('/question/{following}/')")
        page.wait_for_function(
            "() => document.activeElement.matches('h1.question__heading')"
            f" && document.querySelector('#progress').textContent.includes('{following} of')"
        )
        new_heading = heading(page)
        assert new_heading != asked
        assert page.title().startswith(new_heading)
        # The answered question is now a pair of bubbles, and the new question is announced.
        bubbles = page.locator(".chat-history .bubble--question:not(.follow-up__ask)")
        assert bubbles.count() == number
        assert bubbles.last.inner_text() == asked
        assert page.locator(".chat-history .bubble--answer").last.is_visible()
        page.wait_for_function(f"() => {ANNOUNCER} !== {said!r} && {ANNOUNCER}.length > 0")
        said = page.evaluate(ANNOUNCER)
        assert said == f"Question {following} of {QUESTIONS}: {new_heading}"
        if number == 3:  # "Do you want to tell us more?" is just above the new question
            tab_to(page, "el.matches('.follow-up__yes')", "Yes, tell you more", key="Shift+Tab")
            page.keyboard.press("Enter")
            page.keyboard.type(comment)
            tab_to(page, focused_button("Send"), "Send")
            page.keyboard.press("Enter")
            page.wait_for_selector(".bubble--comment")
            page.wait_for_function("() => document.activeElement.matches('h1.question__heading')")

    page.wait_for_url("**/check/")
    assert comment in page.locator(".summary-list").inner_text()
    tab_to(page, focused_button("Send my answers"), "Send my answers", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url("**/done/")
    assert page.locator("h1").inner_text() == "Your answers have been sent"

    response = latest_response()
    assert response.completed_at is not None
    assert response.answers.count() == QUESTIONS
    assert response.answers.filter(comment=comment).count() == 1


def test_the_plain_pages_work_without_javascript_in_easy_read(new_page, survey_url):
    page = new_page(LARGE, javascript=False)
    page.goto(survey_url)
    page.get_by_role("link", name="Change how this looks").click()
    page.get_by_label("Easy-read words").check()
    page.get_by_role("button", name="Save these choices").click()
    page.wait_for_url(survey_url)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Me, with help from someone").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/question/1/")
    assert heading(page) == "People around me help me."  # the easy-read wording
    for number in range(1, QUESTIONS + 1):
        assert page.locator(".chat-history").is_hidden()
        assert page.locator(".read-to-me").is_hidden()
        answer(page, number, "No" if number == 4 else "Yes")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/done/")

    response = latest_response()
    assert response.completed_at is not None
    assert response.answered_by == Response.AnsweredBy.ME_WITH_HELP
    assert response.answers.count() == QUESTIONS


@pytest.mark.parametrize("javascript", [True, False], ids=["chat", "plain"])
def test_an_answer_can_be_changed_from_check_your_answers(new_page, survey_url, javascript):
    page = new_page(LARGE, javascript)
    start(page, survey_url)
    for number in range(1, QUESTIONS + 1):
        answer(page, number)
    row = page.locator(".summary-list__row").filter(has_text="I feel safe.")
    assert row.locator(".summary-list__value").inner_text().strip() == "Yes"
    row.get_by_role("link", name="Change").click()
    page.wait_for_url("**/question/2/?return=check")
    if javascript:
        assert "(your answer)" in page.locator(".choice-card--chosen").inner_text()
    else:
        assert page.get_by_role("radio", name="Yes", exact=True).is_checked()
    choose(page, "No")
    page.wait_for_url("**/check/")
    row = page.locator(".summary-list__row").filter(has_text="I feel safe.")
    assert row.locator(".summary-list__value").inner_text().strip() == "No"


@pytest.mark.parametrize("viewport", [SMALL, LARGE], ids=["375", "1280"])
@pytest.mark.parametrize("javascript", [True, "plain"], ids=["chat", "plain"])
def test_no_serious_axe_violations_on_the_way_through(new_page, survey_url, javascript, viewport):
    page = new_page(viewport, javascript)
    page.goto(survey_url)
    assert serious_axe_violations(page) == [], "start page"
    page.get_by_role("button", name="Start now").click()
    assert serious_axe_violations(page) == [], "who is answering"
    if javascript is True:  # a tap goes straight on: check() could not see the radio stay ticked
        page.get_by_label("Me, on my own").click()
    else:
        page.get_by_label("Me, on my own").check()
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/question/1/")
    assert serious_axe_violations(page) == [], "the first question"
    answer(page, 1)
    assert serious_axe_violations(page) == [], "a question, with the chat so far"

    if javascript is True:  # a tap cannot go wrong; the follow-up sent empty can
        page.get_by_role("button", name="Yes, tell you more").click()
        assert serious_axe_violations(page) == [], "tell us more"
        page.get_by_role("button", name="Send", exact=True).click()
        page.wait_for_selector(".follow-up-form .error-message")
        assert page.evaluate("document.activeElement.classList.contains('error-message')")
    else:
        page.get_by_role("button", name="Continue").click()  # no answer chosen
        page.wait_for_selector(".error-summary")
        assert page.title().startswith("Error: ")
    assert serious_axe_violations(page) == [], "an error"

    for number in range(2, QUESTIONS + 1):
        answer(page, number)
    assert serious_axe_violations(page) == [], "check your answers"
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/done/")
    assert serious_axe_violations(page) == [], "confirmation"


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_the_chat_reflows_at_320_px_also_in_larger_text_and_high_contrast(new_page, survey_url):
    page = new_page({"width": 320, "height": 640})
    start(page, survey_url)
    answer(page, 1)
    page.get_by_role("button", name="Yes, tell you more").click()
    page.locator("#more-1-comment").fill("A long word: " + "x" * 80)
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_selector(".bubble--comment")
    answer(page, 2, "Most of the time")
    assert page.locator(".chat-history .bubble--answer").count() == 3  # 2 answers, 1 comment
    assert overflow(page) <= 0

    page.get_by_role("link", name="Change how this looks").click()
    page.get_by_label("Larger text").check()
    page.get_by_label("High contrast (yellow on black)").check()
    page.get_by_role("button", name="Save these choices").click()
    page.wait_for_url("**/question/3/")
    assert page.evaluate("document.body.className").split() == [
        "survey",
        "larger-text",
        "high-contrast",
        "survey--chat",
    ]
    assert overflow(page) <= 0
    answer_bubble = page.locator(".bubble--answer").last
    assert answer_bubble.evaluate("el => getComputedStyle(el).backgroundColor") == (
        "rgb(255, 255, 0)"
    )
    assert answer_bubble.evaluate("el => getComputedStyle(el).color") == "rgb(0, 0, 0)"
    assert serious_axe_violations(page) == []


FAKE_SPEECH = """
window.__spoken = [];
const fake = {
  speaking: false, pending: false, utterance: null,
  getVoices() { return [{ name: "Test voice", lang: "en-GB" }]; },
  speak(utterance) {
    this.speaking = true;
    this.utterance = utterance;
    window.__spoken.push(utterance.text);
  },
  cancel() { this.speaking = false; this.utterance = null; },
  addEventListener() {},
};
Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true });
"""


def spoken(page) -> list[str]:
    return page.evaluate("window.__spoken")


def test_read_to_me_on_every_screen_count_lost_connection_and_back(new_page, survey_url):
    page = new_page(LARGE)
    page.context.add_init_script(FAKE_SPEECH)
    page.goto(survey_url)

    # Offered on the start page; nothing is read before the child asks.
    read = page.get_by_role("button", name="Read to me")
    assert read.is_visible() and spoken(page) == []
    assert read.evaluate("el => el.getBoundingClientRect().height") >= 44
    read.click()
    assert "Start now" in spoken(page)[-1]
    # From now on each screen, and each question with its answers, is read when it arrives.
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url("**/who/")
    page.wait_for_function("() => window.__spoken.some(s => s.includes('Who is answering?'))")
    page.get_by_label("Me, on my own").click()
    page.wait_for_url("**/question/1/")
    page.wait_for_function("() => window.__spoken.length > 0")
    first = spoken(page)[-1]
    assert first.startswith("I feel supported by those around me.")
    assert "The answers are: Yes. No. Most of the time. Now and then." in first
    answer(page, 1, "Most of the time")
    assert spoken(page)[-1].startswith("I feel safe.")
    page.get_by_role("button", name="Stop reading").click()
    assert page.get_by_role("button", name="Read to me").is_visible()

    # Character count in "Tell us more": visible as you type, said politely once you pause.
    page.get_by_role("button", name="Yes, tell you more").click()
    box = page.locator("#more-1-comment")
    box.fill("Hello")
    count = page.locator("#more-1-comment-count")
    assert count.inner_text() == "You have 995 characters remaining"
    box.fill("a" * 1001)
    assert count.inner_text() == "You have 1 character too many"
    assert "character-count--over" in count.get_attribute("class")
    page.wait_for_function(f"() => {ANNOUNCER} === 'You have 1 character too many'")
    box.fill("I like the youth club")

    # No connection: nothing is lost, and sending again works.
    page.context.set_offline(True)
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_selector(".chat-problem[role=alert]")
    assert "no connection" in page.locator(".chat-problem").inner_text()
    assert box.input_value() == "I like the youth club"
    page.context.set_offline(False)
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_selector(".bubble--comment")
    answer(page, 2)
    # What a screen reader hears (the "Your answer:" prefix is visually hidden).
    said = page.locator(".chat-history a.bubble--answer").all_text_contents()
    assert [" ".join(text.split()) for text in said] == [
        "Your answer: Most of the time Change your answer to: I feel supported by those around me.",
        "Your answer: Yes Change your answer to: I feel safe.",
    ]
    assert spoken(page)[-1].startswith("I feel safe.")  # stopped: question 3 was not read

    # Back loads the page the address shows, with the answer given.
    page.go_back()
    page.wait_for_function("() => location.pathname.endsWith('/question/2/')")
    page.wait_for_selector("#progress:text-is('Question 2 of 10')")
    assert "Yes" in page.locator(".choice-card--chosen").inner_text()
    page.go_forward()
    page.wait_for_selector("#progress:text-is('Question 3 of 10')")

    # One tap on an answer's bubble changes it.
    page.locator("a.bubble--answer").first.click()
    page.wait_for_url("**/question/1/")
    choose(page, "No")  # and on to the first question not yet answered
    page.wait_for_function("() => location.pathname.endsWith('/question/3/')")
    response = latest_response()
    first = response.survey.active_questions()[0]
    assert response.answers.get(question=first).labels == ["No"]


def test_the_chats_own_words_are_in_easy_read_too(new_page, survey_url):
    """The words chat.js writes (the letter count, a lost connection) follow the child's choice."""
    page = new_page(SMALL)
    page.goto(survey_url)
    page.get_by_role("button", name="Easy read").click()
    page.wait_for_selector("body.easy-read")
    start(page, survey_url)
    answer(page, 1, "Yes")
    page.get_by_role("button", name="Yes, say more").click()
    box = page.locator("#more-1-comment")
    count = page.locator("#more-1-comment-count")
    box.fill("Hello")
    assert count.inner_text() == "You can write 995 more letters"
    box.fill("a" * 1001)
    assert count.inner_text() == "1 letter too many"
    box.fill("I like the youth club")
    page.context.set_offline(True)
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_selector(".chat-problem[role=alert]")
    said = page.locator(".chat-problem").inner_text()
    assert "We have not got your answer yet" in said and "There is no internet" in said
    assert box.input_value() == "I like the youth club"
    page.context.set_offline(False)


def test_no_read_to_me_button_without_speech(new_page, survey_url):
    page = new_page(SMALL)
    page.context.add_init_script(
        'Object.defineProperty(window, "speechSynthesis", { value: undefined });'
    )
    start(page, survey_url)
    assert page.locator(".read-to-me").is_hidden()
    assert page.evaluate("document.body.classList.contains('survey--chat')")


@pytest.mark.parametrize("javascript", [True, False], ids=["chat", "plain"])
def test_back_after_exit_this_page_shows_no_earlier_answers(
    new_page, survey_url, site_url, javascript, monkeypatch
):
    # The everyday site, stood in for by a page of this one: the browser has no internet.
    everyday_site = f"{site_url}/privacy/"
    monkeypatch.setattr(surveys.flow, "EXIT_TO", everyday_site)
    page = new_page(LARGE, javascript)
    start(page, survey_url)
    if javascript:
        answer(page, 1)
        page.get_by_role("button", name="Yes, tell you more").click()
        page.locator("#more-1-comment").fill("Something I do not want seen")
        page.get_by_role("button", name="Send", exact=True).click()
        page.wait_for_selector(".bubble--comment")
    else:
        page.get_by_role("radio", name="Yes", exact=True).check()
        page.locator(".your-voice__summary").click()
        page.locator("#id_comment").fill("Something I do not want seen")
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/question/2/")
    if javascript:
        page.keyboard.press("Shift")  # GOV.UK's way out: Shift three times
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
    else:
        page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(everyday_site)

    page.go_back()
    page.wait_for_load_state("load")
    assert page.url == survey_url  # the start again, whichever survey page Back reached
    shown = page.locator("main").inner_text()
    assert "Start now" in shown and "Carry on" not in shown
    assert "Something I do not want seen" not in page.content()
    assert page.locator(".chat-history").count() == 0


def test_a_saved_link_works_once_and_says_so(new_page, survey_url):
    page = new_page(LARGE, javascript="plain")
    start(page, survey_url)
    answer(page, 1)
    page.get_by_role("radio", name="Yes", exact=True).check()
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url("**/save/")
    link = page.locator(".resume-link a").get_attribute("href")
    assert "It works once" in page.locator("main").inner_text()

    later = new_page(SMALL, javascript=True)  # another day, a phone
    later.goto(link)
    assert later.get_by_role("heading", level=1).inner_text() == "Welcome back"
    assert serious_axe_violations(later) == [], "welcome back"
    later.get_by_role("button", name="Carry on").click()
    later.wait_for_url("**/question/3/")
    assert "The link you used does not work any more" in later.locator(".notification").inner_text()
    assert serious_axe_violations(later) == [], "carrying on, with the message"

    again = new_page(LARGE, javascript=True)
    again.goto(link)
    assert again.get_by_role("heading", level=1).inner_text() == "This link does not work"
    assert serious_axe_violations(again) == [], "a used link"


@pytest.mark.parametrize("javascript", [False, True], ids=["no-javascript", "chat"])
def test_saving_too_many_words_says_so_keeps_them_and_saves_nothing(
    new_page, survey_url, site_url, javascript
):
    """ "Save and come back later" with 2,000 characters where 1,000 are allowed: the screen
    again with the error and the words, never "Your answers are saved" with them dropped.
    Without JavaScript the Bradford question's "Tell us more" box; in the chat (which asks for
    comments after the answer) a free-text answer."""
    page = new_page(LARGE, javascript=javascript)
    words = "a" * 2000
    if javascript:
        survey = SurveyPage.objects.get(slug="rochdale-young-people")
        number = next(n for n, q in enumerate(survey.active_questions(), 1) if q.scale.is_free_text)
        start(page, f"{site_url}/{survey.slug}/")
        page.goto(f"{site_url}/{survey.slug}/question/{number}/")
        assert is_chat(page)
        box = page.locator("form.question-form textarea[name=text]")
        message = "Your answer must be 1000 characters or fewer. Yours has 2000."
    else:
        survey = SurveyPage.objects.get(slug=SLUG)
        number = 1
        start(page, survey_url)
        page.get_by_role("radio", name="Yes", exact=True).check()
        page.get_by_text("Tell us more (optional)").click()
        box = page.locator("form.question-form textarea[name=comment]")
        message = "Your comment must be 1000 characters or fewer. Yours has 2000."
    box.fill(words)
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_selector(".error-summary")
    assert page.url.endswith(f"/question/{number}/")
    assert message in page.locator(".error-summary").inner_text()
    assert box.input_value() == words
    assert "Your answers are saved" not in page.content()
    assert not Answer.objects.filter(response=latest_response(survey.slug)).exists()
