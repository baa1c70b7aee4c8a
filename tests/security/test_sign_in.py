"""Staff accounts are hard to take over: rate limits on a shared cache that a stranger cannot
turn against the safeguarding lead, the authenticator code for the roles that need one, and
sessions that end after inactivity. Rate limits are tried as production sees requests: from
behind the TLS proxy, the address taken from X-Forwarded-For."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    hotp_value,
)
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import mail
from django.utils import timezone

from engagement.roles import (
    COMMISSIONER,
    FACILITATOR,
    OFFICER,
    SAFEGUARDING_LEAD,
    YOUNG_AMBASSADOR,
)
from tests.engagement.test_settings import PRODUCTION_ENV, manage
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory, totp_code
from tests.security.conftest import sign_in_with_code

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
EMAIL_STEP = "/accounts/reauthenticate/code/"
MFA_SET_UP = "/accounts/2fa/totp/activate/"
CODE_STEP = "/accounts/2fa/reauthenticate/"
STRANGER, LEADS_OFFICE = "203.0.113.9", "198.51.100.20"
REFUSED = "Too many wrong passwords or codes for this account"


def sign_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def prove_the_email(client, user, mailoutbox) -> None:
    """The emailed code a password-only session gives before setting up a first app."""
    page = client.get(EMAIL_STEP).content.decode()
    assert "Use your password" not in page  # a password is not proof of the email
    sent = client.post(EMAIL_STEP, {"recipient": user.email})
    assert sent["Location"].startswith(EMAIL_STEP + "confirm/")
    assert mailoutbox[-1].to == [user.email]
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mailoutbox[-1].body, re.MULTILINE).group(1)
    assert client.post(EMAIL_STEP + "confirm/", {"code": "WRONG-CODE"}).status_code == 200
    assert client.post(EMAIL_STEP + "confirm/", {"code": code}).status_code == 302


def answer(response) -> str:
    html = response.content.decode()
    if REFUSED in html or response.status_code == 429:  # allauth's 30 sign-ins a minute
        return "refused"
    if "not correct" in html:
        return "wrong"
    return str(response.status_code)


def test_thirty_wrong_passwords_from_one_address_are_refused_from_the_sixth(
    behind_tls_proxy, must_give_the_code
):
    stranger = behind_tls_proxy(STRANGER)
    answers = [answer(sign_in(stranger, must_give_the_code.email, f"guess-{n}")) for n in range(30)]
    assert answers == ["wrong"] * 5 + ["refused"] * 25
    # From there even the right password is refused for now (allauth's 30 sign-ins a minute
    # from one address answer 429), and the page says what to do.
    refused = sign_in(stranger, must_give_the_code.email)
    assert refused.status_code == 429
    assert "Too many tries" in refused.content.decode()
    assert 'href="/accounts/login/"' in refused.content.decode()
    assert SESSION_KEY not in stranger.session
    # The person, from their own address, signs in with the password and the code.
    assert sign_in_with_code(behind_tls_proxy(LEADS_OFFICE), must_give_the_code)["Location"] == (
        "/staff/"
    )


def test_a_made_up_forwarded_for_buys_a_stranger_no_more_guesses(behind_tls_proxy, demo_site):
    lead = UserFactory(roles=[SAFEGUARDING_LEAD])
    answers = [
        # The proxy appends the address it saw; the stranger's own entries come before it.
        answer(sign_in(behind_tls_proxy(STRANGER, sent_by_client=f"10.0.0.{n}"), lead.email, "x"))
        for n in range(6)
    ]
    assert answers == ["wrong"] * 5 + ["refused"]


def test_one_address_trying_many_accounts_is_slowed_too(behind_tls_proxy, demo_site):
    stranger = behind_tls_proxy(STRANGER)
    people = [UserFactory(roles=[FACILITATOR]) for _ in range(11)]
    answers = [answer(sign_in(stranger, person.email, "guess")) for person in people]
    assert answers == ["wrong"] * 10 + ["refused"]  # allauth's 10 a minute from one address


def test_wrong_passwords_from_many_addresses_meet_a_ceiling_that_a_reset_lifts(
    behind_tls_proxy, demo_site
):
    lead = UserFactory(roles=[SAFEGUARDING_LEAD])
    for n in range(20):  # 100 wrong passwords in the hour, 5 from each of 20 addresses
        client = behind_tls_proxy(f"192.0.2.{n}")
        assert [answer(sign_in(client, lead.email, "guess")) for _ in range(5)] == ["wrong"] * 5
    office = behind_tls_proxy(LEADS_OFFICE)
    assert answer(sign_in(office, lead.email)) == "refused"

    # "Forgotten your password?" lets the lead straight back in.
    office.post("/accounts/password/reset/", {"email": lead.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body)
    set_password = office.get(link.group(1))["Location"]
    new_password = "a-new-long-password-for-the-lead"  # noqa: S105
    office.post(set_password, {"password1": new_password, "password2": new_password})
    assert sign_in_with_code(office, lead, new_password)["Location"] == "/staff/"


def test_the_ceiling_never_locks_the_lead_out_of_a_browser_they_signed_in_from(
    behind_tls_proxy, demo_site
):
    """OWASP's device cookies: strangers' guesses from many addresses reach the account's
    ceiling, which refuses new browsers, but not the lead's own laptop."""
    lead = UserFactory(roles=[SAFEGUARDING_LEAD])
    laptop = behind_tls_proxy(LEADS_OFFICE)
    assert sign_in_with_code(laptop, lead)["Location"] == "/staff/"
    laptop.post("/accounts/logout/")
    assert "known_device" in laptop.cookies  # outlives the session
    for n in range(20):
        client = behind_tls_proxy(f"192.0.2.{n}")
        assert [answer(sign_in(client, lead.email, "guess")) for _ in range(5)] == ["wrong"] * 5
    assert answer(sign_in(behind_tls_proxy(LEADS_OFFICE), lead.email)) == "refused"  # new browser
    # The laptop's password is taken, on to the code (the same code twice is refused, so a
    # second whole sign-in within 30 seconds would fail for another reason).
    assert sign_in(laptop, lead.email)["Location"] == "/accounts/2fa/authenticate/"
    # A stranger who copies the cookie to another account's sign-in gains nothing.
    other = UserFactory(roles=[OFFICER])
    for _ in range(20):
        sign_in(behind_tls_proxy("192.0.2.99"), other.email, "guess")
    thief = behind_tls_proxy("192.0.2.200")
    thief.cookies["known_device"] = laptop.cookies["known_device"].value
    assert answer(sign_in(thief, other.email, "guess")) in ("wrong", "refused")


def test_thirty_wrong_codes_after_the_right_password_are_refused(behind_tls_proxy, demo_site):
    lead = UserFactory(roles=[SAFEGUARDING_LEAD])
    stranger = behind_tls_proxy(STRANGER)
    assert sign_in(stranger, lead.email)["Location"] == "/accounts/2fa/authenticate/"
    right = totp_code()
    wrong = [str((int(right) + n) % 1_000_000).zfill(6) for n in range(1, 31)]
    answers = [
        "refused" if REFUSED in html else "wrong" if "Incorrect code" in html else html[:200]
        for html in (
            stranger.post("/accounts/2fa/authenticate/", {"code": code}).content.decode()
            for code in wrong
        )
    ]
    assert answers[:10] == ["wrong"] * 10 and set(answers[10:]) == {"refused"}
    assert SESSION_KEY not in stranger.session


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
def test_roles_that_must_use_an_authenticator_app_set_one_up_first(
    client, demo_site, person, mailoutbox
):
    """A password alone does not even reach the set-up (a stranger with the password would
    enrol their own app): first a code emailed to the account, then the app."""
    user = UserFactory(authenticator=False, **person)
    client.force_login(user)  # with the password only
    for path in ["/staff/", "/admin/", "/safeguarding/", "/focus-groups/", MFA_SET_UP]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == EMAIL_STEP, path

    prove_the_email(client, user, mailoutbox)

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


def test_a_first_sign_in_sets_the_app_up_and_its_code_is_enough(
    client, demo_site, django_capture_on_commit_callbacks, mailoutbox
):
    lead = UserFactory(roles=[SAFEGUARDING_LEAD], authenticator=False)
    assert sign_in(client, lead.email)["Location"] == "/staff/"
    assert client.get("/safeguarding/")["Location"] == EMAIL_STEP
    prove_the_email(client, lead, mailoutbox)
    assert client.get("/safeguarding/")["Location"] == MFA_SET_UP
    # The emailed code has just confirmed who it is: the QR code, with no password again.
    assert "svg" in client.get(MFA_SET_UP).content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
    with django_capture_on_commit_callbacks(execute=True):
        set_up = client.post(MFA_SET_UP, {"code": code})
    assert set_up["Location"] == "/accounts/2fa/recovery-codes/"
    # Typing the app's code to set it up was the code: no second one is asked for.
    assert client.get("/safeguarding/").status_code == 200


def test_a_session_from_before_a_role_that_needs_the_code_is_asked_for_it(client, demo_site):
    person = UserFactory(roles=[FACILITATOR])
    assert sign_in(client, person.email)["Location"] == "/staff/"
    # Elsewhere, they add an app and are made a safeguarding lead.
    TOTP.activate(person, TOTP_SECRET)
    person.groups.add(Group.objects.get(name=SAFEGUARDING_LEAD))
    assert client.get("/safeguarding/")["Location"] == f"{CODE_STEP}?next=/safeguarding/"
    page = client.get(CODE_STEP).content.decode()
    assert 'name="code"' in page and "/accounts/reauthenticate/" not in page  # no password way
    wrong = client.post(f"{CODE_STEP}?next=/safeguarding/", {"code": "000000"})
    assert "Incorrect code" in wrong.content.decode()
    done = client.post(f"{CODE_STEP}?next=/safeguarding/", {"code": totp_code()})
    assert done["Location"] == "/safeguarding/"
    assert client.get("/safeguarding/").status_code == 200


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
