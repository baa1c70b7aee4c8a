"""Pictures that look the same everywhere, and a light page: in Chromium, on a phone's screen.

Every symbol is an <img> that loads (so no emoji font is needed: no emoji character is left in
the page), a question page with symbols stays under 60 KB on a cold load, and the officer picks
a symbol by keyboard and sees it.
"""

import pytest
from wagtail.models import Collection

import surveys.demo
from benchmarks.page_weight import cold_load, start_response
from outcomes_cms.models import HomePage
from surveys.demo import seed_surveys
from surveys.demo_middlesbrough import SLUG, seed_middlesbrough_review
from surveys.models import AnswerScale
from tests.browser.conftest import serious_axe_violations
from tests.browser.test_safeguarding_and_review import sign_in
from tests.conftest import load_frameworks
from tests.factories import UserFactory
from tests.surveys.test_symbols import EMOJI

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
IMAGES_LOADED = """() => [...document.images].map(image => ({
    src: image.currentSrc, loaded: image.complete && image.naturalWidth > 0,
    width: image.getBoundingClientRect().width}))"""


@pytest.fixture
def survey_url(site_url, monkeypatch):
    if not Collection.get_first_root_node():  # the flush took the documents' root collection
        Collection.add_root(name="Root")
    monkeypatch.setattr(surveys.demo, "invent_responses", lambda *args, **kwargs: None)
    home = HomePage.objects.get()
    seed_surveys(home, load_frameworks())
    seed_middlesbrough_review(home)
    return f"{site_url}/{SLUG}/"


def test_every_symbol_is_a_picture_that_loads_and_the_page_stays_light(browser, survey_url):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    start_response(page, survey_url)
    state = context.storage_state()
    for number in range(1, 7):
        page.goto(f"{survey_url}question/{number}/")
        assert not EMOJI.search(page.content()), number
        images = page.evaluate(IMAGES_LOADED)
        assert images and all(image["loaded"] for image in images), images
        assert serious_axe_violations(page) == [], number

        total, requests = cold_load(browser, state, f"{survey_url}question/{number}/")
        assert total < 60 * 1024, (number, total)
        # The video's question also fetches its captions file (WebVTT) as the page loads.
        has_captions = page.locator("video track[default]").count() == 1
        assert requests <= (10 if has_captions else 9), (number, requests)
    context.close()


def test_the_video_plays_with_its_captions_shown(browser, survey_url):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    start_response(page, survey_url)
    page.goto(f"{survey_url}question/3/")
    video = page.locator("video.question__video")
    video.scroll_into_view_if_needed()
    page.wait_for_function(
        """() => {
            const video = document.querySelector("video.question__video");
            const track = video.textTracks[0];
            return track && track.mode === "showing" && track.cues && track.cues.length === 2;
        }"""
    )
    cue = page.evaluate("document.querySelector('video').textTracks[0].cues[0].text")
    assert cue == "How relaxed and happy do you feel?"
    context.close()


def test_an_officer_picks_a_symbol_by_keyboard_and_sees_it(site_url, page):
    surveys.demo.seed_scales()
    admin = UserFactory(email="admin@council.example", is_superuser=True, is_staff=True)
    scale = AnswerScale.objects.get(name="Five faces")
    sign_in(page, site_url, admin.email, f"/admin/snippets/surveys/answerscale/edit/{scale.pk}/")
    picker = page.get_by_label("Symbol").first
    preview = page.locator("[data-symbol-picker] .symbol-picker__preview").first
    assert preview.get_attribute("src").endswith("/1F604.svg")
    picker.focus()
    page.keyboard.press("ArrowDown")  # Chromium's closed select changes with the arrow keys
    assert picker.input_value() == "1F600"
    assert preview.get_attribute("src").endswith("/1F600.svg")
    assert preview.evaluate("image => image.complete && image.naturalWidth > 0")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    assert scale.options.first().symbol_key == "1F600"
