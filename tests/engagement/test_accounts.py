import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_sign_in_with_email_and_land_in_the_staff_area(client, demo_site):
    UserFactory(email="officer@council.example")
    response = client.post(
        "/accounts/login/", {"login": "Officer@Council.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_wrong_password_keeps_the_email_and_says_what_is_wrong(client, demo_site):
    UserFactory(email="officer@council.example")
    response = client.post(
        "/accounts/login/", {"login": "officer@council.example", "password": "wrong"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="officer@council.example"' in html
    assert "not correct" in html


def test_nobody_can_sign_themselves_up(client, demo_site):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "x-Long-pass-9", "password2": "x-Long-pass-9"},
    )
    assert "There is no sign-up" in response.content.decode()
    assert not get_user_model().objects.filter(email="new@example.org").exists()


def test_password_reset_sends_an_email(client, demo_site):
    UserFactory(email="facilitator@council.example")
    client.post("/accounts/password/reset/", {"email": "facilitator@council.example"})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_staff_can_reach_two_step_sign_in_set_up(client, demo_site):
    UserFactory(email="lead@council.example")
    client.post("/accounts/login/", {"login": "lead@council.example", "password": PASSWORD})
    # Adding an authenticator asks for the password again first (allauth's reauthentication).
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert "authenticator" in response.content.decode().lower()

    secret = client.session[SECRET_SESSION_KEY]
    counter = int(time.time()) // 30
    code = format_hotp_value(hotp_value(secret, counter))
    client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert Authenticator.objects.filter(
        user__email="lead@council.example", type=Authenticator.Type.TOTP
    ).exists()


def test_wagtail_admin_sign_in_goes_through_allauth(client, demo_site):
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/login/")


def test_allauth_pages_use_the_site_layout(client, demo_site):
    html = client.get("/accounts/login/").content.decode()
    assert 'class="skip-link"' in html
    assert 'id="main-content"' in html
