from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Who did what, when, to which object: sign-ins, exports, safeguarding-queue actions and
    erasures. Never the words of a comment or a note, so the log itself holds nothing sensitive.
    Written by engagement/audit.py; read-only in the admin."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in refused"
        EXPORT = "export", "Export"
        SAFEGUARDING = "safeguarding", "Safeguarding queue"
        ERASURE = "erasure", "Erasure on request"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as typed or as it was, so the record survives the account being deleted.
    email = models.CharField("who", max_length=254, blank=True)
    action = models.CharField("what", max_length=200)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField("when", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "audit event"

    def __str__(self):
        return f"{self.email or 'someone'}: {self.action}"
