"""Staff accounts are hard to take over: rate limits on a shared cache, an authenticator app for
the roles that need one, and sessions that end after inactivity."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from engagement.roles import (
    COMMISSIONER,
    FACILITATOR,
    OFFICER,
    SAFEGUARDING_LEAD,
    YOUNG_AMBASSADOR,
)
from tests.engagement.test_settings import PRODUCTION_ENV, manage
from tests.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
MFA_SET_UP = "/accounts/2fa/totp/activate/"


def sign_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def test_the_sixth_wrong_password_in_five_minutes_is_refused_even_if_right(client, demo_site):
    UserFactory(email="officer@council.example", roles=[FACILITATOR])
    for _ in range(5):
        wrong = sign_in(client, "officer@council.example", "guess")
        assert "not correct" in wrong.content.decode()
    refused = sign_in(client, "officer@council.example")
    assert refused.status_code == 200
    assert "Too many wrong passwords for this account. Wait 5 minutes" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_account_is_not_locked_by_someone_elses_wrong_passwords(client, demo_site):
    UserFactory(email="one@council.example", roles=[FACILITATOR])
    UserFactory(email="two@council.example", roles=[FACILITATOR])
    for _ in range(5):
        sign_in(client, "one@council.example", "guess")
    assert sign_in(client, "two@council.example")["Location"] == "/staff/"


def test_production_counts_in_a_cache_every_process_shares():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        settings="engagement.settings.production",
        env=PRODUCTION_ENV,
    )
    assert result.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", result.stderr


@pytest.mark.parametrize(
    "person",
    [
        {"roles": [OFFICER]},
        {"roles": [SAFEGUARDING_LEAD]},
        {"is_superuser": True, "is_staff": True},
    ],
    ids=["officer", "safeguarding lead", "superuser"],
)
def test_roles_that_must_use_an_authenticator_app_set_one_up_first(client, demo_site, person):
    client.force_login(UserFactory(authenticator=False, **person))
    for path in ["/staff/", "/admin/", "/safeguarding/", "/focus-groups/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == MFA_SET_UP, path
    # The way to set one up, and out, stays open.
    set_up = client.get(MFA_SET_UP, follow=True)
    assert set_up.status_code == 200
    assert "two-step sign in" in set_up.content.decode()
    assert client.post("/accounts/logout/")["Location"] == "/"


@pytest.mark.parametrize("role", [FACILITATOR, COMMISSIONER, YOUNG_AMBASSADOR])
def test_other_roles_may_add_an_authenticator_but_need_not(client, demo_site, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get("/staff/").status_code == 200


def test_an_officer_signs_in_with_password_then_the_authenticator_code(client, demo_site):
    UserFactory(email="officer@council.example", roles=[OFFICER])
    step = sign_in(client, "officer@council.example")
    assert step["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    done = client.post(step["Location"], {"code": totp_code()})
    assert done["Location"] == "/staff/"
    assert client.get("/admin/").status_code == 200


def test_a_staff_session_ends_after_thirty_idle_minutes(client, demo_site):
    client.force_login(UserFactory(roles=[FACILITATOR]))
    assert client.get("/staff/").status_code == 200
    assert client.session.get_expiry_age() == settings.STAFF_IDLE_TIMEOUT_SECONDS == 30 * 60
    # Each request pushes the end on: the session ends 30 minutes after the last one.
    expires = Session.objects.get().expire_date - timezone.now()
    assert timedelta(minutes=29) < expires <= timedelta(minutes=30)

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))  # 30 minutes on
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_respondents_session_keeps_the_usual_age(client, demo_site):
    from surveys.models import SurveyPage

    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    client.post(survey.url)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
