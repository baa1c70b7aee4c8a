import importlib
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from engagement.roles import OFFICER, SAFEGUARDING_LEAD
from tests.engagement.test_settings import PRODUCTION_ENV
from tests.factories import PASSWORD, UserFactory, totp_code

# The people whose password must never be enough: they read disclosures, publish, or run it all.
MUST_GIVE_THE_CODE = {
    "officer": {"roles": [OFFICER]},
    "safeguarding lead": {"roles": [SAFEGUARDING_LEAD]},
    "superuser": {"is_superuser": True, "is_staff": True},
}
# The settings that decide how a request arrives in production: HTTPS ended at the proxy,
# the client's address in X-Forwarded-For. Read from engagement/settings/production.py itself.
PROXY_SETTINGS = [
    "DEBUG",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "ALLAUTH_TRUSTED_PROXY_COUNT",
]


@pytest.fixture(params=MUST_GIVE_THE_CODE.values(), ids=MUST_GIVE_THE_CODE.keys())
def must_give_the_code(request, demo_site):
    """Each person whose role needs the authenticator code, with an app set up."""
    return UserFactory(**request.param)


@pytest.fixture
def behind_tls_proxy(settings, monkeypatch):
    """Production's settings for the proxy in front; returns client_from(address), a browser
    reaching the site over HTTPS from that address, the proxy adding both headers."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    production = importlib.import_module("engagement.settings.production")
    for name in PROXY_SETTINGS:
        setattr(settings, name, getattr(production, name))
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 1

    def client_from(address: str, sent_by_client: str = "") -> Client:
        # The proxy appends the address it saw to whatever X-Forwarded-For the client sent.
        forwarded = f"{sent_by_client}, {address}" if sent_by_client else address
        return Client(
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": forwarded},
            raise_request_exception=False,
        )

    return client_from


def credentials(user, password=PASSWORD) -> dict:
    """Every field name a sign-in form might read the account and the password from."""
    return {
        "login": user.email,
        "email": user.email,
        "username": user.email,
        "password": password,
        "oldpassword": password,
        "password1": password,
        "password2": password,
    }


@pytest.fixture
def password_checks(monkeypatch):
    """with password_checks() as checked: `checked` lists each account whose password a
    request compared the one typed with (a shared page password is not an account's)."""
    user_model = get_user_model()
    check_password = user_model.check_password
    checked = []

    def recording(user, raw_password):
        checked.append(user.email)
        return check_password(user, raw_password)

    monkeypatch.setattr(user_model, "check_password", recording)

    @contextmanager
    def watching():
        checked.clear()
        yield checked

    return watching


def sign_in_with_code(client, user, password=PASSWORD):
    """The one way in: allauth's form with the password, then the authenticator's code."""
    step = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert step.status_code == 302, step.content.decode()[:2000]
    assert step["Location"] == "/accounts/2fa/authenticate/"
    return client.post(step["Location"], {"code": totp_code()})
