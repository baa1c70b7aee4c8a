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

    from surveys import definitions, route_cache

    cache.clear()
    definitions.forget_all()  # and the surveys' definitions and routes each process keeps
    route_cache.forget_all()


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


@pytest.fixture
def index(db):
    """The "You said, we did" index page, published under home."""
    from outcomes_cms.models import HomePage
    from you_said_we_did.models import YouSaidWeDidIndexPage

    home = HomePage.objects.get()
    page = YouSaidWeDidIndexPage(title="You said, we did", slug="you-said-we-did")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_change(index):
    """make_change(themes=[...], outcomes=[...], publish=True, **fields): a change page."""
    from engagement.models import Theme
    from outcomes_cms.models import OutcomePage
    from you_said_we_did.models import YouSaidWeDidPage

    def make(themes=("transport",), outcomes=(), publish=True, **fields) -> YouSaidWeDidPage:
        fields = {
            "title": "The school bus comes too early",
            "you_said": "The bus comes too early",
            "we_did": "We changed the routes",
            **fields,
        }
        page = YouSaidWeDidPage(**fields)
        page.themes = list(Theme.objects.filter(key__in=themes))
        page.outcomes = list(OutcomePage.objects.filter(title__in=outcomes))
        index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page

    return make
