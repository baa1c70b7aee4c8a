import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_missing_csrf_token_gets_a_plain_words_page(demo_site):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/pupil-voice-annual-review/")
    assert response.status_code == 403
    assert "Answers you already sent are saved" in response.content.decode()
