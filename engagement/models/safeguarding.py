from django.conf import settings
from django.db import models


class SafeguardingCase(models.Model):
    """A comment the analysis flagged as a possible disclosure, in the safeguarding leads' queue.

    Until a lead marks it "no concern", the comment stays out of every other list, count,
    export, dashboard and public page (Voice.objects.for_everyone_but_safeguarding()).
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        NO_CONCERN = "no_concern", "No concern"
        REFERRED = "referred", "Referred"
        ACTION_TAKEN = "action_taken", "Action taken"

    voice = models.OneToOneField(
        "engagement.Voice", on_delete=models.CASCADE, related_name="safeguarding_case"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    notes = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "-created_at"]

    def __str__(self):
        return f"Safeguarding case {self.pk} ({self.get_status_display()})"
