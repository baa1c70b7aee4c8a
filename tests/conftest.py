import json
from pathlib import Path

import pytest

from outcomes_cms.demo import seed_outcomes_cms
from surveys.demo import seed_surveys
from surveys.demo_focus_groups import seed_focus_groups

FRAMEWORKS_JSON = (
    Path(__file__).resolve().parent.parent / "engagement" / "demo_data" / "frameworks.json"
)


def load_frameworks() -> list[dict]:
    return json.loads(FRAMEWORKS_JSON.read_text(encoding="utf-8"))["frameworks"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the demo content once per run; each test's transaction rolls its own changes back."""
    with django_db_blocker.unblock():
        frameworks = load_frameworks()
        seed_surveys(seed_outcomes_cms(frameworks), frameworks)
        seed_focus_groups()


@pytest.fixture(autouse=True)
def force_login_gives_the_code(monkeypatch):
    """Officers, safeguarding leads and superusers sign in with a password and then the code
    from their authenticator app; engagement/staff_security.py turns away a session that has
    not given the code. A test's client.force_login(user) stands for the whole sign-in, so for
    a user with an app it records the code in the session as allauth does. A password-only
    session is client.login(email=..., password=...), Django's own sign-in."""
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest
    from django.test import Client

    force_login = Client.force_login

    def force_login_with_code(self, user, backend=None):
        force_login(self, user, backend)
        app = user.authenticator_set.filter(type="totp").first()
        if app is not None:
            request = HttpRequest()
            request.session = self.session
            record_authentication(request, user, "mfa", id=app.pk, type=app.type)
            request.session.save()

    monkeypatch.setattr(Client, "force_login", force_login_with_code)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and the survey start throttle count in the cache: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def frameworks_data() -> list[dict]:
    return load_frameworks()


@pytest.fixture
def demo_site(db):
    """The demo content the seed command loads: home, three frameworks, standard pages."""
    from outcomes_cms.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def rochdale(demo_site):
    from outcomes_cms.models import OutcomesFrameworkPage

    return OutcomesFrameworkPage.objects.get(area_name="Rochdale")


@pytest.fixture
def officer(client):
    """An officer, signed in on the test client (a module may define its own `officer`)."""
    from engagement.roles import OFFICER
    from tests.factories import UserFactory

    user = UserFactory(roles=[OFFICER])
    client.force_login(user)
    return user
