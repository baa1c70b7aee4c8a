"""Public survey forms keep bots out without a puzzle: a honeypot and a per-address limit."""

import pytest
from django.core.cache import cache

from surveys.models import Response

pytestmark = pytest.mark.django_db


def test_the_start_form_has_a_box_people_never_see_or_reach(client, bradford):
    html = client.get(bradford.url).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true">' in html
    assert "Leave this empty" in html
    assert 'tabindex="-1"' in html and 'autocomplete="off"' in html


def test_a_filled_honeypot_starts_nothing_and_says_so_calmly(client, bradford):
    before = Response.objects.count()
    response = client.post(bradford.url, {"website": "https://spam.example"})
    assert response.status_code == 400
    assert "We could not start the survey" in response.content.decode()
    assert Response.objects.count() == before
    # A person pressing the button again (the box is empty now) starts as usual.
    assert client.post(bradford.url, {"website": ""}).status_code == 302
    assert Response.objects.count() == before + 1


def test_one_address_may_start_only_so_many_responses(client, bradford, settings):
    settings.SURVEY_STARTS_PER_IP = 2
    before = Response.objects.count()
    for _ in range(2):
        client.cookies.clear()  # a new visitor each time, from the same address
        assert client.post(bradford.url)["Location"].endswith("/who/")
    client.cookies.clear()
    refused = client.post(bradford.url)
    assert refused.status_code == 429
    assert "Please wait a few minutes" in refused.content.decode()
    assert Response.objects.count() == before + 2

    # Another address is not held back; and carrying on a response already begun never is.
    client.cookies.clear()
    assert client.post(bradford.url, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_the_address_is_kept_only_as_a_hash_in_the_cache(client, bradford):
    client.post(bradford.url, REMOTE_ADDR="198.51.100.23")
    keys = [key for key in cache._cache if "survey-starts" in key]  # LocMemCache's own keys
    assert keys and not any("198.51.100.23" in key for key in keys)
    assert "198.51.100.23" not in str(Response.objects.values().latest("pk"))
