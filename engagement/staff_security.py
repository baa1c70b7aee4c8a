"""Keeping staff accounts hard to take over: an authenticator app for the roles that need one,
and signing out after a spell of inactivity. Both are middleware so they cover the Wagtail admin,
the staff area and every later tool alike, with no view able to forget them."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

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


def mfa_required(user) -> bool:
    """Superusers and the roles in settings.MFA_REQUIRED_FOR_ROLES must use an authenticator."""
    return (
        user.is_superuser or user.groups.filter(name__in=settings.MFA_REQUIRED_FOR_ROLES).exists()
    )


def has_authenticator_app(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Send staff who must use an authenticator app, and have none yet, to set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not self._setting_up(request)
            and mfa_required(user)
            and not has_authenticator_app(user)
        ):
            messages.info(
                request,
                "Your role needs two-step sign in. Set up an authenticator app to carry on.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _setting_up(request) -> bool:
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return True
        try:
            return resolve(request.path_info).url_name in MFA_SET_UP_URL_NAMES
        except Resolver404:
            return False


class StaffIdleTimeoutMiddleware:
    """A signed-in session ends after settings.STAFF_IDLE_TIMEOUT_SECONDS without a request.

    Each request from a signed-in user pushes the session's expiry on (Django stores it with
    the session), so only idleness ends it. Anonymous sessions, such as a survey in progress,
    keep SESSION_COOKIE_AGE: a young person may come back after a break.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view: signing in or out during this request is taken into account.
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            request.session.set_expiry(settings.STAFF_IDLE_TIMEOUT_SECONDS)
        return response
