"""No route signs an officer, a safeguarding lead or a superuser in without the authenticator
code. Every URL in the URL conf (ours, Wagtail's admin and core, allauth's) is walked with
production's proxy settings: a new route that reads a password fails these tests until it is
looked at, and a session a password alone signed in reaches nothing but the code step."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.views import LoginView
from django.urls import path

from engagement import urls as site_urls
from tests.factories import PASSWORD, totp_code
from tests.security.conftest import credentials
from tests.url_walk import every_url

pytestmark = pytest.mark.django_db
STRANGER = "203.0.113.9"
# The only form that reads an account's password from someone not signed in: allauth's, which
# asks these roles for the code before signing them in.
READS_A_PASSWORD_WHEN_SIGNED_OUT = {"account_login"}
# A session signed in without the code may go here, and nowhere else.
CODE_STEP = "/accounts/2fa/reauthenticate/"
OPEN_TO_A_SESSION_WITHOUT_THE_CODE = {"mfa_reauthenticate", "account_logout"}


def test_no_route_signs_them_in_with_a_password_alone(
    behind_tls_proxy, must_give_the_code, password_checks
):
    reads_the_password = set()
    for url, view in every_url().items():
        client = behind_tls_proxy(STRANGER)
        with password_checks() as checked:
            response = client.post(url, credentials(must_give_the_code))
        assert response.status_code < 500, url
        assert SESSION_KEY not in client.session, f"{url} signed them in with a password alone"
        if must_give_the_code.email in checked:
            reads_the_password.add(view)
    assert reads_the_password == READS_A_PASSWORD_WHEN_SIGNED_OUT


def test_a_session_signed_in_by_password_alone_reaches_only_the_code_step(
    behind_tls_proxy, must_give_the_code, password_checks
):
    """Django's own sign-in, as any other route could do it: the middleware turns the session
    away from every URL (it looks at no method) until it gives the code."""
    client = behind_tls_proxy(STRANGER)
    assert client.login(email=must_give_the_code.email, password=PASSWORD)
    for url, view in every_url().items():
        if view in OPEN_TO_A_SESSION_WITHOUT_THE_CODE:
            continue
        with password_checks() as checked:
            response = client.post(url, credentials(must_give_the_code))
        assert not checked, f"{url} read a password from a session without the code"
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{CODE_STEP}?next="), url
    for url in ["/staff/", "/admin/", "/safeguarding/", "/accounts/2fa/", "/accounts/email/"]:
        assert client.get(url)["Location"] == f"{CODE_STEP}?next={url}"

    # The code, and only the code, opens the rest.
    assert client.get(CODE_STEP).status_code == 200
    done = client.post(f"{CODE_STEP}?next=/staff/", {"code": totp_code()})
    assert done["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_the_walk_finds_a_password_route_added_tomorrow(
    settings, behind_tls_proxy, must_give_the_code, password_checks
):
    """The walk is not a list someone keeps: a plain Django login added anywhere is found, and
    even then the session it makes is held at the code step."""
    settings.ROOT_URLCONF = __name__
    added = every_url()
    assert added["/added-login/"] == "added_login"
    client = behind_tls_proxy(STRANGER)
    with password_checks() as checked:
        client.post("/added-login/", credentials(must_give_the_code))
    assert checked == [must_give_the_code.email]
    assert client.session[SESSION_KEY] == str(must_give_the_code.pk)  # plain Django signs in
    for url in ["/staff/", "/admin/", "/safeguarding/"]:
        assert client.get(url)["Location"].startswith(f"{CODE_STEP}?next="), url


urlpatterns = [
    path("added-login/", LoginView.as_view(), name="added_login"),
    *site_urls.urlpatterns,
]


@pytest.mark.parametrize("wagtail_login", ["/admin/login/", "/_util/login/"])
def test_wagtails_login_forms_send_people_to_allauths(
    behind_tls_proxy, must_give_the_code, wagtail_login
):
    client = behind_tls_proxy(STRANGER)
    going_to = client.get(f"{wagtail_login}?next=/admin/pages/")
    assert going_to["Location"] == "/accounts/login/?next=/admin/pages/"
    assert client.get(wagtail_login)["Location"] == "/accounts/login/"
    posted = client.post(wagtail_login, credentials(must_give_the_code))
    assert posted["Location"] == "/accounts/login/"
    assert SESSION_KEY not in client.session


def test_wagtails_password_reset_and_change_are_off(behind_tls_proxy, must_give_the_code):
    client = behind_tls_proxy(STRANGER)
    for url in every_url():
        if url.startswith("/admin/password_reset/"):
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"email": must_give_the_code.email}).status_code == 404, url
    assert not settings.WAGTAIL_PASSWORD_MANAGEMENT_ENABLED  # no "Change password" panel


def test_private_pages_send_people_to_allauths_sign_in(behind_tls_proxy, demo_site):
    from wagtail.models import PageViewRestriction

    page = demo_site.get_children().live().first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = behind_tls_proxy(STRANGER).get(page.url)
    assert response["Location"] == f"/accounts/login/?next={page.url}"


def test_no_one_can_give_a_page_or_document_a_shared_password():
    """A shared password has no account, no code, no rate limit and no audit: not offered."""
    from wagtail.admin.forms.collections import CollectionViewRestrictionForm
    from wagtail.admin.forms.pages import PageViewRestrictionForm

    for form in [PageViewRestrictionForm(private_page_options=["password", "login"]),
                 CollectionViewRestrictionForm()]:  # fmt: skip
        assert "password" not in form.fields
        assert "password" not in dict(form.fields["restriction_type"].choices)
