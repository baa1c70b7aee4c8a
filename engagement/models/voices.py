from django.conf import settings
from django.db import models
from django.utils.text import Truncator


class Sentiment(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"
    MIXED = "mixed", "Mixed"
    NEUTRAL = "neutral", "Neutral"


class VoiceQuerySet(models.QuerySet):
    def for_everyone_but_safeguarding(self):
        """Comments anyone but the safeguarding lead may see: never a possible disclosure that a
        lead has not cleared ("no concern"), and never one not yet analysed."""
        return self.filter(analysed_at__isnull=False).exclude(
            models.Q(safeguarding_flag=True) & ~models.Q(safeguarding_case__status="no_concern")
        )

    def needing_analysis(self):
        """Never analysed, or edited since (the queryset form of Voice.needs_analysis)."""
        return self.filter(
            models.Q(analysed_at__isnull=True) | ~models.Q(analysed_text=models.F("text"))
        )

    def with_safeguarding_lead(self):
        """Possible disclosures a lead has not cleared: shown nowhere but the lead's queue."""
        return self.filter(safeguarding_flag=True).exclude(safeguarding_case__status="no_concern")

    def quotable(self):
        return self.for_everyone_but_safeguarding().filter(consent_to_quote=True)


class Voice(models.Model):
    """One free-text comment, whatever channel it came through: the pool the analysis reads.

    Each source keeps its own row in step (a survey comment here; focus-group contributions
    and imports join later), so the pool never holds a comment its source no longer has.
    """

    # Wagtail would otherwise index every comment's link to its outcome page, one background
    # task per saved comment, for a "usage" list nobody reads (tens of thousands of rows).
    wagtail_reference_index_ignore = True

    class Channel(models.TextChoices):
        SURVEY = "survey", "Survey"
        FOCUS_GROUP = "focus_group", "Focus group"
        IMPORT = "import", "Imported"

    class Audience(models.TextChoices):
        YOUNG_PERSON = "young_person", "Young person"
        PARENT_CARER = "parent_carer", "Parent carer"
        PROFESSIONAL = "professional", "Professional"

    text = models.TextField()
    channel = models.CharField(max_length=16, choices=Channel.choices)
    audience = models.CharField(max_length=16, choices=Audience.choices)
    outcome = models.ForeignKey(
        "outcomes_cms.OutcomePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="voices",
    )
    survey_answer = models.OneToOneField(
        "surveys.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="voice"
    )
    contribution = models.OneToOneField(
        "surveys.Contribution",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="voice",
    )
    comment_import = models.ForeignKey(
        "engagement.CommentImport",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="voices",
    )
    prompt = models.CharField(
        max_length=300, blank=True, help_text="The question or prompt the comment answered"
    )
    consent_to_quote = models.BooleanField(default=False)
    said_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What the analysis found (engagement/analysis, run by engagement/tasks.py). The machine's
    # theme assignments and people's decisions live in their own tables (themes.py).
    sentiment = models.CharField(max_length=10, choices=Sentiment.choices, blank=True)
    polarity = models.FloatField(null=True, blank=True)
    safeguarding_flag = models.BooleanField(default=False)
    safeguarding_reasons = models.JSONField(default=list, blank=True)
    personal_data = models.BooleanField(default=False)
    personal_data_kinds = models.JSONField(default=list, blank=True)
    redacted_text = models.TextField(blank=True)
    analysed_text = models.TextField(
        blank=True, editable=False, help_text="The text as it was when last analysed"
    )
    analysed_at = models.DateTimeField(null=True, blank=True)
    # Set when an officer has looked at the comment's themes (accepted, corrected, or agreed
    # that none applies): what leaves the "to review" and "unthemed" queues.
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = VoiceQuerySet.as_manager()

    class Meta:
        verbose_name = "comment"
        ordering = ["-said_at"]
        indexes = [
            models.Index(fields=["channel", "said_at"]),
            # Newest first, stopping at the first few that match (quotable examples, lists).
            models.Index(fields=["-said_at"], name="voice_newest_first"),
            models.Index(fields=["safeguarding_flag"]),
            models.Index(fields=["analysed_at"]),
        ]

    def __str__(self):
        # What every listing and title shows: never the raw words, which may name someone.
        if self.safeguarding_flag:
            return f"Comment {self.pk} (a possible safeguarding concern)"
        if not self.analysed_at:
            return f"Comment {self.pk} (not analysed yet)"
        return Truncator(self.redacted_text).chars(80)

    @property
    def needs_analysis(self) -> bool:
        return self.analysed_at is None or self.analysed_text != self.text
