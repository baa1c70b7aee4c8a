from django.conf import settings
from django.db import models
from django.utils import timezone

from .voices import Voice


class SafeguardingCase(models.Model):
    """A comment the analysis flagged as a possible disclosure, in the safeguarding leads' queue.

    Until a lead marks it "no concern", the comment stays out of every other list, count,
    export, dashboard and public page (Voice.objects leaves it out).

    The case keeps what the lead needs on itself (the words, why they were flagged, where they
    came from), so it outlives the comment: erasing a response, a respondent's "Delete my
    answers", a deleted contribution or retention remove the comment from every count and
    view but never the lead's record (engagement/signals.py keeps it as the comment goes).
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        NO_CONCERN = "no_concern", "No concern"
        REFERRED = "referred", "Referred"
        ACTION_TAKEN = "action_taken", "Action taken"

    voice = models.OneToOneField(
        "engagement.Voice",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safeguarding_case",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    notes = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The lead's own record of the comment, written when the case opens. The words flagged are
    # never overwritten: an edit (by whoever holds the device or the resume link) is added to
    # later_words, so changing "he hits me" to "I like clubs" cannot wipe a disclosure.
    text = models.TextField(blank=True, help_text="The words as they were flagged")
    later_words = models.JSONField(
        default=list, blank=True, help_text='Each later version: {"at": ISO date, "text": ...}'
    )
    reasons = models.JSONField(default=list, blank=True)
    channel = models.CharField(max_length=16, choices=Voice.Channel.choices, blank=True)
    audience = models.CharField(max_length=16, choices=Voice.Audience.choices, blank=True)
    said_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the words came from")
    # Set when the comment's source was erased: the address they left to hear back, if any,
    # is kept here, the one way left to reach them.
    source_erased_at = models.DateTimeField(null=True, blank=True)
    contact_email = models.EmailField(blank=True)
    # When the leads were emailed about the case; the sweep emails them again if this stays
    # empty (engagement/checking.py), so a failed email is never the end of it.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-created_at"]

    def __str__(self):
        return f"Safeguarding case {self.pk} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self.voice_id and not self.text:  # a new case: the lead's own copy of the comment
            voice = self.voice
            self.text, self.reasons = voice.text, list(voice.safeguarding_reasons)
            self.channel, self.audience, self.said_at = voice.channel, voice.audience, voice.said_at
            self.source = voice.source_description()
        super().save(*args, **kwargs)

    def add_later_words(self, words: str, reasons: list[str]) -> bool:
        """Record the comment's words if they changed since the last version; True if so."""
        latest = self.later_words[-1]["text"] if self.later_words else self.text
        self.reasons = [*self.reasons, *(r for r in reasons if r not in self.reasons)]
        if words == latest:
            return False
        self.later_words = [*self.later_words, {"at": timezone.now().isoformat(), "text": words}]
        return True
