"""Signing staff in: one way, allauth's. Its adapter closes sign-up, limits wrong passwords per
address and account, and audits refusals; the authenticator code forms audit refused codes;
Wagtail's own login forms send people to allauth's."""

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset

# allauth's rate limiter itself (its public wrapper hides the usage, which is rolled back on a
# right password as allauth does for its own limits); pinned to allauth 65 in pyproject.toml.
from allauth.core.internal import ratelimit
from allauth.mfa.base import forms as mfa_forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.shortcuts import redirect

from . import audit
from .known_devices import is_known_device
from .staff_security import mfa_required, must_give_a_code_to_reauthenticate

FROM_ADDRESS = "login_failed_from_address"  # settings.ACCOUNT_RATE_LIMITS


def address_key(request, typed_email: str) -> str:
    """One account from one address, the address as allauth's "ip" limits take it (the one the
    TLS proxy saw; IPv6 by its /64)."""
    return f"{ratelimit.get_ip(request)} {typed_email.lower()}"


class StaffOnlyAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by an administrator or invited; nobody can sign themselves up.

    Young people and parent carers never need an account: surveys are anonymous.
    """

    # settings.ACCOUNT_RATE_LIMITS refuses wrong passwords and codes: say what to do.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": (
            "Too many wrong passwords or codes for this account. Wait a few minutes and try "
            'again, or choose "Forgotten your password?" on the sign-in page.'
        ),
    }

    def is_open_for_signup(self, request):
        return False

    def pre_authenticate(self, request, **credentials):
        """Before a password is checked: refuse the 6th wrong one in 5 minutes for this account
        from this address, then apply allauth's limits (per address, and the account's
        ceiling). The pair's limit comes first, so a refused try adds nothing to the ceiling:
        one address (60 an hour at most) cannot lock the account out for everyone (100), and
        a browser the account signed in from before is not held to the ceiling at all
        (engagement/known_devices.py), so many addresses cannot lock the lead out of it."""
        typed = credentials.get("email") or credentials.get("username") or ""
        self._address_usage = ratelimit.consume(
            request, app="allauth.account", action=FROM_ADDRESS, key=address_key(request, typed)
        )
        try:
            if not self._address_usage:
                raise self.validation_error("too_many_login_attempts")
            if not is_known_device(request, typed):  # the ceiling is for strangers' browsers
                super().pre_authenticate(request, **credentials)
        except ValidationError:
            audit.sign_in_refused(typed, "Refused: too many wrong passwords")
            raise

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            # Like allauth's own limits: a right password does not count as a wrong one.
            self._address_usage.rollback()
        return user

    def get_reauthentication_methods(self, user):
        """Staff who must use an authenticator app confirm who they are with its code, never
        the password alone (engagement/staff_security.py)."""
        methods = super().get_reauthentication_methods(user)
        if must_give_a_code_to_reauthenticate(user):
            return [method for method in methods if method["id"] == "mfa_reauthenticate"]
        if mfa_required(user):  # no app yet: the emailed code, before setting one up
            return [method for method in methods if method["id"] == "reauthenticate_by_code"]
        return methods


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def the_account_email_is_known_to_allauth(sender, instance, raw=False, **kwargs):
    """allauth emails codes (to check who someone is before they set up an authenticator app)
    and clears lockouts on a reset only for addresses in its EmailAddress table. Accounts are
    made by an administrator, who typed the address: it is the account's, verified, primary."""
    if raw:
        return
    EmailAddress.objects.filter(user=instance).exclude(email=instance.email).delete()
    EmailAddress.objects.update_or_create(
        user=instance, email=instance.email, defaults={"verified": True, "primary": True}
    )


@receiver(password_reset)
def a_reset_lifts_the_lockout(sender, request, user, **kwargs):
    """'Forgotten your password?' lets a locked-out person straight back in (OWASP's advice).
    allauth clears the account's count of wrong passwords on a reset, but only for addresses in
    its EmailAddress table, which accounts made in the Wagtail admin are not in: clear them by
    the account's own email, and this address's count for it."""
    get_adapter(request)._delete_login_attempts_cached_email(request, email=user.email)
    ratelimit.clear(
        request, app="allauth.account", action=FROM_ADDRESS, key=address_key(request, user.email)
    )


class AuditRefusedCodesMixin:
    """A wrong or rate-limited authenticator code is a refused sign-in, and audited as one."""

    REASONS = {
        "incorrect_code": "Wrong authenticator code",
        "too_many_login_attempts": "Refused: too many wrong codes",
    }

    def clean_code(self):
        try:
            return super().clean_code()
        except ValidationError as error:
            reason = self.REASONS.get(error.code, "Authenticator code refused")
            audit.sign_in_refused(self.user.email, reason)
            raise


class AuthenticateForm(AuditRefusedCodesMixin, mfa_forms.AuthenticateForm):
    """The code asked for after the password at sign-in."""


class ReauthenticateForm(AuditRefusedCodesMixin, mfa_forms.ReauthenticateForm):
    """The code asked for from a signed-in session: to confirm a sensitive change, or from a
    session that signed in without it (engagement/staff_security.py)."""


def login_through_allauth(request):
    """Wagtail's login forms (the admin's, /admin/login/, and the private pages',
    /_util/login/) sign in through plain Django: no authenticator code, rate limit or audit.
    They go to allauth's sign-in instead, keeping where the person was going; a posted
    password is never read."""
    next_url = request.GET.get("next")
    if next_url:
        return redirect_to_login(next_url, "account_login")  # allauth checks it is ours
    return redirect("account_login")
