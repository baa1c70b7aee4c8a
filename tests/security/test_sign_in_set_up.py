"""Setting up two-step sign in asks for the password once, and its last page, the recovery
codes, leads on to where the person was going."""

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.utils import timezone

from engagement.roles import OFFICER
from tests.factories import PASSWORD, UserFactory
from tests.security.test_sign_in import EMAIL_STEP, LOGIN, MFA_SET_UP, prove_the_email

pytestmark = pytest.mark.django_db
RECOVERY_CODES = "/accounts/2fa/recovery-codes/"
BROWSER_ACCEPTS = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def asks_for_a_password(response) -> bool:
    return 'type="password"' in response.content.decode()


def test_a_first_sign_in_goes_on_from_the_recovery_codes_to_the_page_asked_for(
    client, demo_site, mailoutbox, django_capture_on_commit_callbacks
):
    officer = UserFactory(roles=[OFFICER], authenticator=False)
    wanted = "/admin/pages/"
    to_login = client.get(wanted, headers={"Accept": BROWSER_ACCEPTS})
    assert to_login["Location"].startswith(LOGIN)
    assert asks_for_a_password(client.get(to_login["Location"]))
    signed_in = client.post(to_login["Location"], {"login": officer.email, "password": PASSWORD})
    assert signed_in["Location"] == wanted
    assert client.get(wanted, headers={"Accept": BROWSER_ACCEPTS})["Location"] == EMAIL_STEP
    # The browser asks for its icon on the way: not where the person was going.
    client.get("/favicon.ico", headers={"Accept": "image/avif,image/webp,*/*"})

    # The emailed code, then the app: no second password anywhere on the way.
    assert not asks_for_a_password(client.get(EMAIL_STEP))
    prove_the_email(client, officer, mailoutbox)
    # The emailed code's step ends on the staff area, which sends them to set up the app.
    assert client.get("/staff/", headers={"Accept": BROWSER_ACCEPTS})["Location"] == MFA_SET_UP
    set_up_page = client.get(MFA_SET_UP)
    assert set_up_page.status_code == 200 and not asks_for_a_password(set_up_page)
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
    with django_capture_on_commit_callbacks(execute=True):
        set_up = client.post(MFA_SET_UP, {"code": code})
    assert set_up["Location"] == RECOVERY_CODES

    codes = client.get(RECOVERY_CODES)
    html = codes.content.decode()
    assert not asks_for_a_password(codes)
    assert "Recovery codes" in html and "carry on" in html
    assert f'href="{wanted}"' in html
    assert client.get(wanted).status_code == 200
    # Arrived: the next visit to the codes page leads to the staff area.
    assert 'href="/staff/"' in client.get(RECOVERY_CODES).content.decode()


def test_the_way_on_is_never_another_site(client, demo_site):
    from engagement.staff_security import GOING_TO_KEY

    officer = UserFactory(roles=[OFFICER])
    client.force_login(officer)
    session = client.session
    session[GOING_TO_KEY] = "https://evil.example/phish"
    session.save()
    html = client.get(RECOVERY_CODES).content.decode()
    assert "evil.example" not in html and 'href="/staff/"' in html
