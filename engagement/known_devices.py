"""Known devices (OWASP's "device cookies"): a browser an account has fully signed in from
carries a signed cookie for that account, and the account's ceiling on wrong passwords
(settings.ACCOUNT_RATE_LIMITS, 100 an hour from all addresses) does not hold it back.

The ceiling exists so that guesses spread over many addresses end; without this, anyone able
to send 100 wrong passwords for the safeguarding lead's address would keep the lead out of
their own laptop. Known or not, a browser still meets the limit for its own address and the
account (5 in 5 minutes), and the authenticator code after the password.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.dispatch import receiver
from django.utils.crypto import salted_hmac

COOKIE = "known_device"
SALT = "engagement.known_devices"
REMEMBERED_FOR = 180 * 24 * 60 * 60  # seconds: a browser used at least twice a year stays known


def _account(email: str) -> str:
    """The account, as the cookie names it: a keyed hash, so the cookie holds no address."""
    return salted_hmac(SALT, email.strip().lower()).hexdigest()[:32]


def is_known_device(request, typed_email: str) -> bool:
    """Whether this browser fully signed in to the account typed, within REMEMBERED_FOR."""
    try:
        remembered = signing.loads(
            request.COOKIES.get(COOKIE, ""), salt=SALT, max_age=REMEMBERED_FOR
        )
    except signing.BadSignature:
        return False
    return bool(typed_email) and remembered == _account(typed_email)


@receiver(user_logged_in)
def remember_the_device(sender, request, user, **kwargs):
    """Django signs a session in once every step is passed (allauth's password, then code)."""
    if request is not None:
        request.known_device_for = user.email


class KnownDeviceMiddleware:
    """Sets the cookie on the response to the request that signed someone in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        email = getattr(request, "known_device_for", None)
        if email:
            response.set_cookie(
                COOKIE,
                signing.dumps(_account(email), salt=SALT),
                max_age=REMEMBERED_FOR,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
