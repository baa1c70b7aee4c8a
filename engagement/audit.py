"""Writing the audit log (engagement.AuditEvent). Sign-ins and refused sign-ins are recorded
here, by signal, and every download (exports) by middleware; safeguarding actions and erasures
call record() where they happen."""

from allauth.account.signals import user_logged_in
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from .models import AuditEvent


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


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    record(AuditEvent.Kind.SIGN_IN, user, "Signed in")


@receiver(user_login_failed)
def sign_in_refused(sender, credentials, request=None, **kwargs):
    # Django hides the password in `credentials`; the address typed is what is kept.
    typed = str(credentials.get("email") or credentials.get("username") or "")[:254]
    user = get_user_model().objects.filter(email__iexact=typed).first() if typed else None
    AuditEvent.objects.create(
        kind=AuditEvent.Kind.SIGN_IN_FAILED,
        user=user,
        email=typed,
        action="Wrong email or password",
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
