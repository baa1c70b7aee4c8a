"""Officers review themes in the Wagtail admin: filters, decisions in bulk, the codebook."""

import pytest

from engagement import themes
from engagement.models import Theme, ThemeDecision, Voice
from engagement.roles import COMMISSIONER, FACILITATOR
from engagement.themes import carrying, unthemed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/comments/"


def bulk(client, action: str, voices, **data):
    ids = "&".join(f"id={voice.pk}" for voice in voices)
    url = f"/admin/bulk/engagement/voice/{action}/?{ids}&next={LIST}"
    return client.post(url, data)


def test_the_list_shows_redacted_comments_with_their_themes_and_why(client, officer, make_voice):
    make_voice("The taxi is late, ring Mrs Khan on 07700 900123")
    html = client.get(LIST + "?q=taxi").content.decode()
    assert "The taxi is late, ring [name] on [phone]" in html
    assert "07700" not in html and "Khan" not in html
    assert "Transport and getting around" in html and "taxi" in html


def test_filters_by_theme_and_unthemed(client, officer, make_voice):
    taxi = make_voice("The taxi never turns up")
    nothing = make_voice("its ok i guess")
    transport = Theme.objects.get(key="transport")
    html = client.get(f"{LIST}?theme={transport.pk}&q=turns").content.decode()
    assert "The taxi never turns up" in html
    html = client.get(f"{LIST}?theme=unthemed&q=guess").content.decode()
    assert "its ok i guess" in html
    assert nothing in unthemed() and taxi not in unthemed()


def test_bulk_decisions_accept_add_remove_and_move(client, officer, make_voice):
    bus = make_voice("The bus driver shouts at me")
    late = make_voice("The bus is late every day")
    transport, staff, carers = (Theme.objects.get(key=k) for k in ("transport", "staff", "carers"))

    assert bulk(client, "accept_themes", [bus, late]).status_code == 302
    assert ThemeDecision.objects.filter(voice=bus, theme=staff, decision="accepted").exists()
    bulk(client, "remove_theme", [bus], theme=transport.pk)
    bulk(client, "add_theme", [late], theme=carers.pk)
    bulk(client, "move_theme", [late], from_theme=carers.pk, to_theme=staff.pk)

    assert bus not in carrying(transport) and bus in carrying(staff)
    assert late not in carrying(carers) and late in carrying(staff) and late in carrying(transport)
    for voice in (bus, late):
        voice.refresh_from_db()
        assert voice.reviewed_by == officer


def test_no_theme_applies_rejects_every_theme(client, officer, make_voice):
    voice = make_voice("The taxi is late")
    bulk(client, "no_theme", [voice])
    assert voice in unthemed()
    assert not Voice.objects.filter(pk=voice.pk, reviewed_at__isnull=True).exists()


def test_a_bulk_form_keeps_the_choice_and_says_what_is_wrong(client, officer, make_voice):
    voice = make_voice("The taxi is late")
    transport = Theme.objects.get(key="transport")
    response = bulk(client, "move_theme", [voice], from_theme=transport.pk, to_theme=transport.pk)
    assert response.status_code == 200
    assert "Choose two different themes." in response.content.decode()
    assert not voice.decisions.exists()


@pytest.mark.parametrize("role", [COMMISSIONER, FACILITATOR])
def test_other_roles_cannot_review(client, make_voice, role):
    voice = make_voice("The taxi is late")
    client.force_login(UserFactory(roles=[role]))
    assert client.get(LIST).status_code in (302, 403)
    bulk(client, "accept_themes", [voice])
    assert not voice.decisions.exists()
    assert client.get("/admin/theme-suggestions/").status_code in (302, 403)


def test_merging_moves_words_and_decisions(client, officer, make_voice):
    voice = make_voice("The taxi is late")
    transport, belonging = Theme.objects.get(key="transport"), Theme.objects.get(key="belonging")
    themes.decide([voice], transport, "accepted", officer)
    client.post(f"/admin/themes/{transport.pk}/merge/", {"into": belonging.pk})
    transport.refresh_from_db()
    belonging.refresh_from_db()
    assert not transport.active and transport.merged_into == belonging
    assert "taxi" in belonging.keywords.splitlines()
    assert voice.decisions.get().theme == belonging


def test_splitting_makes_a_theme_from_some_keywords(client, officer):
    transport = Theme.objects.get(key="transport")
    response = client.post(
        f"/admin/themes/{transport.pk}/split/",
        {"name": "Parking", "key": "parking", "keywords": ["parking"]},
    )
    parking = Theme.objects.get(key="parking")
    assert response.status_code == 302 and parking.keywords == "parking"
    transport.refresh_from_db()
    assert "parking" not in transport.keywords.splitlines()
    response = client.post(f"/admin/themes/{transport.pk}/split/", {"name": "X", "key": "parking"})
    assert "A theme already has this key" in response.content.decode()


def test_suggestions_come_from_unthemed_comments_and_can_start_a_theme(client, officer, make_voice):
    for _ in range(3):
        make_voice("The changing rooms are always too cold")
    html = client.get("/admin/theme-suggestions/").content.decode()
    assert "changing rooms" in html
    response = client.post(
        "/admin/theme-suggestions/", {"phrase": "changing rooms", "theme": "new"}
    )
    theme = Theme.objects.get(key="changing-rooms")
    assert response.status_code == 302 and theme.phrases == "changing rooms"
