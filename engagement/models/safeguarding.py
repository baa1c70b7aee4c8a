from django.conf import settings
from django.db import models
from django.utils import timezone

from engagement.working_days import check_due, urgent_due

from .voices import SafeguardingTier, Voice


class CaseQuerySet(models.QuerySet):
    def still_open(self):
        return self.filter(status=SafeguardingCase.Status.NEW)

    def in_queue_order(self):
        """Urgent first, then the longest waiting."""
        urgent_first = models.Case(
            models.When(tier=SafeguardingTier.URGENT, then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        return self.order_by(urgent_first, "created_at", "pk")


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

    Tier = SafeguardingTier

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
    tier = models.CharField(max_length=8, choices=Tier.choices, default=Tier.URGENT)
    # The lead working the case; due_at is set from the tier when it opens (working_days.py).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safeguarding_cases_owned",
    )
    due_at = models.DateTimeField(null=True, blank=True)

    # The lead's own record of the comment, written when the case opens. The words flagged are
    # never overwritten: an edit (by whoever holds the device or the resume link) is added to
    # later_words, so changing "he hits me" to "I like clubs" cannot wipe a disclosure.
    text = models.TextField(blank=True, help_text="The words as they were flagged")
    later_words = models.JSONField(
        default=list, blank=True, help_text='Each later version: {"at": ISO date, "text": ...}'
    )
    reasons = models.JSONField(default=list, blank=True)
    prompt = models.CharField(max_length=300, blank=True, help_text="The question it answered")
    channel = models.CharField(max_length=16, choices=Voice.Channel.choices, blank=True)
    audience = models.CharField(max_length=16, choices=Voice.Audience.choices, blank=True)
    said_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the words came from")
    # Set when the comment's source was erased: the address they left to hear back, if any,
    # is kept here, the one way left to reach them.
    source_erased_at = models.DateTimeField(null=True, blank=True)
    contact_email = models.EmailField(blank=True)
    # When the leads were emailed about the case: at once if urgent (the sweep emails them
    # again if this stays empty, engagement/checking.py, so a failed email is never the end of
    # it); in the next daily email if "please check", which sets it so no case is sent twice.
    notified_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-created_at"]

    def __str__(self):
        return f"Safeguarding case {self.pk} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        voice = self.voice if self.voice_id else None
        if voice and not self.text:  # a new case: the lead's own copy of the comment
            self.text, self.reasons = voice.text, list(voice.safeguarding_reasons)
            self.channel, self.audience, self.said_at = voice.channel, voice.audience, voice.said_at
            self.source, self.prompt = voice.source_description(), voice.prompt
            self.tier = voice.safeguarding_tier or self.tier
        if self.due_at is None:
            self.due_at = self.due_for(self.tier, self.created_at or timezone.now())
        super().save(*args, **kwargs)

    @staticmethod
    def due_for(tier: str, flagged_at):
        return (urgent_due if tier == SafeguardingTier.URGENT else check_due)(flagged_at)

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == self.Status.NEW
            and self.due_at is not None
            and (self.due_at < timezone.now())
        )

    def add_later_words(self, words: str, reasons: list[str]) -> bool:
        """Record the comment's words if they changed since the last version; True if so."""
        latest = self.later_words[-1]["text"] if self.later_words else self.text
        self.reasons = [*self.reasons, *(r for r in reasons if r not in self.reasons)]
        if words == latest:
            return False
        self.later_words = [*self.later_words, {"at": timezone.now().isoformat(), "text": words}]
        return True


class CaseEvent(models.Model):
    """One line of a case's history: who did what, when. Appended, never changed or deleted
    (safeguarding records must show what was done), so save() refuses an update and delete()
    refuses; and a case with history cannot be deleted (PROTECT)."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Flagged"
        WORDS_CHANGED = "words_changed", "Words changed after flagging"
        TIER_RAISED = "tier_raised", "Raised to urgent"
        TAKEN = "taken", "Taken"
        REASSIGNED = "reassigned", "Reassigned"
        DECIDED = "decided", "Decision"
        EXPORTED = "exported", "Exported"
        PRINTED = "printed", "Printed"

    case = models.ForeignKey(SafeguardingCase, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Their name as it was: the history still says who after an account is removed.
    by_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    detail = models.TextField(blank=True, help_text="Reasons, the new owner, or the note given")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on case {self.case_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A case's history is never changed: add a new event instead.")
        if self.by is not None and not self.by_name:
            self.by_name = str(self.by)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A case's history is never deleted.")
