"""Answer symbols are pictures from the vendored OpenMoji set or an upload, never emoji."""

import gzip
import importlib
import re

import pytest
from django.contrib.staticfiles import finders
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from engagement.roles import OFFICER
from surveys import symbols
from surveys.demo_scales import SCALES, seed_scales
from surveys.models import AnswerScale, ScaleOption
from tests.factories import UserFactory
from tests.surveys.conftest import Respondent

pytestmark = pytest.mark.django_db

# Emoji and pictographs (the planes most emoji live in, the misc. symbols and dingbats).
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f]")


def test_every_option_of_every_shipped_scale_has_a_symbol_from_the_set():
    for scale in seed_scales().values():
        for option in scale.options.all():
            assert option.symbol_key in symbols.NAMES, (scale.name, option.label)
    assert sum(len(options) for _kind, _prefer, options in SCALES.values()) >= 25


def test_the_folder_holds_exactly_the_catalogue_and_its_licence():
    folder = finders.find(symbols.STATIC_FOLDER)
    import pathlib

    files = {path.stem for path in pathlib.Path(folder).glob("*.svg")}
    assert files == set(symbols.NAMES)
    licence = (pathlib.Path(folder) / "LICENSE.md").read_text()
    assert "CC BY-SA 4.0" in licence and "OpenMoji" in licence


def test_a_key_not_in_the_set_is_refused_with_a_clear_message():
    option = ScaleOption(
        scale=AnswerScale.objects.first(), label="Maybe", symbol_key="1F4A9", counts_as="neutral"
    )
    with pytest.raises(Exception) as refused:
        option.full_clean()
    assert "not one of the symbols in the set" in str(refused.value)


def question_html(client, survey, number) -> str:
    respondent = Respondent(client, survey)
    respondent.start()
    return client.get(respondent.url("question", number)).content.decode()


def test_question_page_shows_pictures_from_one_sprite_and_no_emoji(client, rochdale_young_people):
    html = question_html(client, rochdale_young_people, 8)  # where I get support: 5 options
    assert not EMOJI.search(html)
    sources = re.findall(r'<img class="choice__symbol" src="([^"]+)" alt="" width', html)
    assert len(sources) == 5
    sprites = {source.split("#")[0] for source in sources}
    assert len(sprites) == 1  # one request for every symbol on the page

    response = client.get(sprites.pop(), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    svg = gzip.decompress(response.content).decode()
    for source in sources:
        assert f'<view id="{source.split("#")[1]}"' in svg


@pytest.mark.parametrize(
    "keys",
    ["1F44D.1F4A9", "1F44E.1F44D", "1F44D.1F44D", "..", "<script>"],
    ids=["unknown", "unsorted", "repeated", "empty", "markup"],
)
def test_a_sprite_for_anything_but_sorted_known_keys_is_not_found(client, keys):
    assert client.get(f"/symbols/{symbols.version()}/{keys}.svg").status_code == 404


def test_a_sprite_from_an_older_set_is_not_found(client):
    assert client.get("/symbols/0000000000/1F44D.svg").status_code == 404


def test_an_uploaded_picture_is_shown_instead_of_the_symbol(client, rochdale_young_people):
    image = Image.objects.create(title="Widgit school", file=get_test_image_file())
    scale = rochdale_young_people.active_questions()[7].scale
    scale.options.filter(label="School or college").update(symbol_image=image)
    html = question_html(client, rochdale_young_people, 8)
    sources = re.findall(r'<img class="choice__symbol" src="([^"]+)"', html)
    assert sources[0].startswith("/media/images/") and "#" not in sources[0]
    assert "1F3EB" not in html  # the set's school is no longer asked for
    assert len(sources) == 5


def test_the_migration_maps_todays_emoji_to_keys_in_the_set():
    migration = importlib.import_module("surveys.migrations.0007_emoji_symbols_to_openmoji_keys")
    assert set(symbols.NAMES) == migration.VENDORED  # the frozen copy matched when written
    for _kind, _prefer, options in SCALES.values():
        for _label, _easy, key, _counts in options:
            emoji = "".join(chr(int(part, 16)) for part in key.split("-"))
            assert migration.key_for(emoji) == key
    assert migration.key_for("❤️") == "2764"  # with the variation selector
    assert migration.key_for("🦄") == "" and migration.key_for("smile") == ""


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(roles=[OFFICER]))
    return client


def test_officer_picks_a_symbol_from_a_list_with_previews(officer_client):
    scale = AnswerScale.objects.get(name="Five faces")
    html = officer_client.get(f"/admin/snippets/surveys/answerscale/edit/{scale.pk}/").content
    html = html.decode()
    assert "data-symbol-picker" in html and "surveys/symbol_picker.js" in html
    assert '<optgroup label="Faces">' in html
    assert re.search(r'<option value="1F604"[^>]*data-preview="/static/surveys/symbols/', html)
    assert 'class="symbol-picker__preview" src="/static/surveys/symbols/1F604.svg"' in html
    assert "Or your own picture" in html


def post_scale(officer_client, scale, **changes):
    forms = [
        {
            "id": option.pk,
            "label": option.label,
            "easy_read_label": option.easy_read_label,
            "symbol_key": option.symbol_key,
            "symbol_image": "",
            "counts_as": option.counts_as,
            "ORDER": index + 1,
            **(changes if index == 0 else {}),
        }
        for index, option in enumerate(scale.options.all())
    ]
    data = nested_form_data(
        {
            "name": scale.name,
            "kind": scale.kind,
            "offers_dont_understand": "on",
            "options": inline_formset(forms, initial=len(forms)),
        }
    )
    return officer_client.post(f"/admin/snippets/surveys/answerscale/edit/{scale.pk}/", data)


def test_officer_changes_a_symbol_and_a_made_up_key_gets_a_message(officer_client):
    scale = AnswerScale.objects.get(name="Five faces")
    assert post_scale(officer_client, scale, symbol_key="1F929").status_code == 302
    assert scale.options.first().symbol_key == "1F929"

    response = post_scale(officer_client, scale, symbol_key="not-a-symbol")
    assert response.status_code == 200
    assert "is not one of the symbols in the set" in response.content.decode()
    assert scale.options.first().symbol_key == "1F929"


def test_the_accessibility_statement_credits_openmoji_whatever_its_words(client):
    from outcomes_cms.models import StandardPage

    statement = StandardPage.objects.get(slug="accessibility")
    statement.body = []  # an officer rewrote it all
    statement.save_revision().publish()
    html = client.get(statement.url).content.decode()
    assert 'href="https://openmoji.org/">OpenMoji</a>' in html and "(CC BY-SA 4.0)" in html
