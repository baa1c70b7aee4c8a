"""Keeping staff accounts hard to take over: the authenticator code for the roles that need
one, and signing out after a spell of inactivity. Both are middleware so they cover the Wagtail
admin, the staff area and every later tool alike, with no view able to forget them."""

from allauth.account.authentication import get_authentication_records

# allauth's own record of a step (public module above only reads them); pinned to allauth 65.
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

# Where a member of staff without an authenticator may still go: setting one up (which may
# ask for the password again), the recovery codes shown straight after, and signing out.
MFA_SET_UP_URL_NAMES = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_reauthenticate",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
    "account_logout",
}
# Where a session that has the user signed in but has not given the code may go: the code
# step and signing out. Nothing else, not even the authenticator settings.
CODE_STEP_URL_NAMES = {"mfa_reauthenticate", "account_logout"}
# Before setting up a first app, a password-only session proves it can read the account's
# email: with a code allauth emails (or by having come through a password reset link).
# Otherwise a stolen password would let a stranger enrol their own app, and that is the code.
EMAIL_STEP_URL_NAMES = {
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "account_logout",
}
PROVES_THE_EMAIL = {"code", "password_reset"}
# Where the person was going when the set-up stopped them: the Recovery Codes page at its end
# leads on there ("Carry on"), not to a dead end.
GOING_TO_KEY = "two_step_set_up_going_to"
STEP_URL_NAMES = MFA_SET_UP_URL_NAMES | CODE_STEP_URL_NAMES | EMAIL_STEP_URL_NAMES


def where_they_were_going(request) -> str:
    """The page the two-step set-up interrupted, or the staff area."""
    going_to = request.session.get(GOING_TO_KEY, "")
    if going_to and url_has_allowed_host_and_scheme(going_to, allowed_hosts=None):
        return going_to
    return reverse(settings.LOGIN_REDIRECT_URL)


def mfa_required(user) -> bool:
    """Superusers and the roles in settings.MFA_REQUIRED_FOR_ROLES must use an authenticator."""
    return (
        user.is_superuser or user.groups.filter(name__in=settings.MFA_REQUIRED_FOR_ROLES).exists()
    )


def has_authenticator_app(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_give_a_code_to_reauthenticate(user) -> bool:
    return user.is_authenticated and mfa_required(user) and has_authenticator_app(user)


def proved_the_email(request, user) -> bool:
    return any(
        record.get("method") in PROVES_THE_EMAIL
        for record in get_authentication_records(request, user)
    )


def gave_the_code(request, user) -> bool:
    """Whether this session gave an authenticator code (or a recovery code) for this user.
    allauth records each way a session proved who it is ("password", "mfa", ...), whichever
    page it happened on; a session signed in any other way has no "mfa" record."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


@receiver(authenticator_added)
def setting_up_the_app_gives_the_code(sender, request, user, authenticator, **kwargs):
    """Activating an authenticator app means typing a code it shows, which allauth checks, so
    this session has given the code: a first sign-in is not asked for another straight after
    (allauth refuses the same code twice, so that would mean waiting for the next one)."""
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, set_up=True
        )
        # allauth sends this once the app is committed, which need not be before the response
        # (in tests it comes after): keep the record whenever that is.
        request.session.save()


class RequireMFAMiddleware:
    """Staff who must use an authenticator app reach nothing until this session has given its
    code: those without an app prove they read the account's email (a code allauth sends), then
    set one up; those with one go to the code step. So a
    session signed in by a password alone, on any route, or signed in before the person was
    given a role that needs the code, is stopped here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not self._static(request) and mfa_required(user):
            url_name = self._url_name(request)
            step = self._next_step(request, user, url_name)
            if step is not None:
                if self._a_page_they_asked_for(request, url_name):
                    # The first one: later steps send them on to the staff area by default.
                    request.session.setdefault(GOING_TO_KEY, request.get_full_path())
                response, message = step
                messages.info(request, f"Your role needs two-step sign in. {message}")
                return response
            if url_name not in STEP_URL_NAMES:
                request.session.pop(GOING_TO_KEY, None)  # arrived
        return self.get_response(request)

    @staticmethod
    def _next_step(request, user, url_name):
        """What this session must do before anything else, as (response, message), or None."""
        if has_authenticator_app(user):
            if gave_the_code(request, user) or url_name in CODE_STEP_URL_NAMES:
                return None
            response = redirect_to_login(request.get_full_path(), "mfa_reauthenticate")
            return response, "Enter the code from your app."
        if not proved_the_email(request, user):
            if url_name in EMAIL_STEP_URL_NAMES:
                return None
            response = redirect("account_request_reauthentication_code")
            return response, "First we will email you a code, to check it is you."
        if url_name in MFA_SET_UP_URL_NAMES:
            return None
        return redirect("mfa_activate_totp"), "Set up an authenticator app to carry on."

    @staticmethod
    def _a_page_they_asked_for(request, url_name) -> bool:
        """A page (not a favicon or a script's request) outside the sign-in steps."""
        return (
            request.method == "GET"
            and url_name not in STEP_URL_NAMES
            and "text/html" in request.headers.get("Accept", "")
        )

    @staticmethod
    def _static(request) -> bool:
        return request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL))

    @staticmethod
    def _url_name(request) -> str | None:
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None


class StaffIdleTimeoutMiddleware:
    """A signed-in session ends after settings.STAFF_IDLE_TIMEOUT_SECONDS without a request.

    Each request from a signed-in user pushes the session's expiry on (Django stores it with
    the session), so only idleness ends it. Anonymous sessions, such as a survey in progress,
    have their own, longer limit (engagement/respondent_sessions.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view: signing in or out during this request is taken into account.
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            request.session.set_expiry(settings.STAFF_IDLE_TIMEOUT_SECONDS)
        return response
