"""Writing the audit log (engagement.AuditEvent). Sign-ins and refused sign-ins are recorded
here, by signal (and by engagement/accounts.py for refusals allauth sends no signal for), and
every download (exports) by middleware; safeguarding actions and erasures call record() where
they happen."""

from allauth.account.signals import authentication_step_completed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent
from .staff_security import gave_the_code, mfa_required


def record(kind: str, user, action: str, obj=None) -> AuditEvent:
    """One event. `obj` is referred to by its type and primary key, never by its content."""
    signed_in = user is not None and user.is_authenticated
    return AuditEvent.objects.create(
        kind=kind,
        user=user if signed_in else None,
        email=user.email if signed_in else "",
        action=action[:200],
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
    )


def sign_in_refused(typed_email: str, action: str) -> AuditEvent:
    """A refused sign-in, under the address as typed (and its account, if there is one)."""
    typed = str(typed_email or "")[:254]
    user = get_user_model().objects.filter(email__iexact=typed).first() if typed else None
    return AuditEvent.objects.create(
        kind=AuditEvent.Kind.SIGN_IN_FAILED, user=user, email=typed, action=action
    )


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    """Django's signal, sent by every route that signs anyone in (allauth's sends it too), so
    a sign-in cannot happen unrecorded. It says whether the authenticator code was given."""
    if request is not None and gave_the_code(request, user):
        action = "Signed in with password and authenticator code"
    elif mfa_required(user):
        action = "Password accepted; no access until the authenticator code is given"
    else:
        action = "Signed in with password"
    record(AuditEvent.Kind.SIGN_IN, user, action)


@receiver(authentication_step_completed)
def code_given_while_signed_in(sender, request, user, method, **kwargs):
    """At sign-in the code comes before the session is signed in (recorded above). A session
    already signed in gives it to finish signing in (after setting the app up, or when it had
    a password alone) or to confirm a sensitive change."""
    signed_in_user = getattr(request, "user", None)
    if method == "mfa" and signed_in_user is not None and signed_in_user.is_authenticated:
        record(AuditEvent.Kind.SIGN_IN, user, "Authenticator code given for this session")


@receiver(user_login_failed)
def wrong_password(sender, credentials, request=None, **kwargs):
    # Django hides the password in `credentials`; the address typed is what is kept.
    sign_in_refused(
        credentials.get("email") or credentials.get("username"), "Wrong email or password"
    )


class AuditDownloadsMiddleware:
    """Every file a signed-in person downloads (an answers CSV, the dashboard's figures, a report,
    a document) is recorded, whichever view made it: a new export cannot forget to be audited."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "")
        # Files opened in the browser (inline, like the themed feedback report) count too.
        if "filename=" in disposition and request.user.is_authenticated:
            filename = disposition.partition("filename=")[2].strip('"')
            record(
                AuditEvent.Kind.EXPORT, request.user, f"Downloaded {filename} from {request.path}"
            )
        return response
