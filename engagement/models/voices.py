from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.text import Truncator


class Sentiment(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"
    MIXED = "mixed", "Mixed"
    NEUTRAL = "neutral", "Neutral"


class SafeguardingTier(models.TextChoices):
    """How soon a flagged comment needs a lead: "urgent" is emailed at once and due the same
    working day; "please check" waits for the daily email (engagement/working_days.py)."""

    URGENT = "urgent", "Urgent"
    CHECK = "check", "Please check"


# Analysed as they stand now: the safeguarding check has read these very words.
CHECKED = models.Q(analysed_at__isnull=False, analysed_text=models.F("text"))


class VoiceQuerySet(models.QuerySet):
    def checked(self):
        return self.filter(CHECKED)

    def needing_analysis(self):
        """Never analysed, or edited since (the queryset form of Voice.needs_analysis)."""
        return self.exclude(CHECKED)

    def not_with_safeguarding_lead(self):
        """Never a possible disclosure a lead has not cleared ("no concern")."""
        # A flagged comment is held until its case says "no concern" (with no case yet, held).
        return self.exclude(
            models.Q(safeguarding_flag=True) & ~models.Q(safeguarding_case__status="no_concern")
        )

    def sent(self):
        """Not the words of a survey its respondent has not sent yet: until "Send my answers"
        they may still change or delete them (the safeguarding check reads them at once)."""
        return self.exclude(survey_answer__isnull=False, survey_answer__sent=False)

    def quotable(self):
        return self.filter(consent_to_quote=True)

    def fit_to_publish(self):
        """Quotes a public page may show unasked (the dashboard's headlines, the shortlist for
        a 'You said, we did' page): young people's and parent carers' words, quotable, and never
        a plea with contact details (a comment with personal data, or one still showing a
        redaction like "[phone]")."""
        return (
            self.quotable()
            .filter(
                audience__in=[self.model.Audience.YOUNG_PERSON, self.model.Audience.PARENT_CARER]
            )
            .filter(personal_data=False)
            .exclude(redacted_text__contains="[")
        )


VoiceManager = models.Manager.from_queryset(VoiceQuerySet)


class VisibleVoiceManager(VoiceManager):
    """The pool as everyone but the safeguarding lead may read it: comments already checked,
    sent (never a survey's words before its respondent sends them), and never a possible
    disclosure a lead has not cleared ("no concern").

    It is Voice's default manager, so every query that does not ask otherwise (Voice.objects,
    the reverse relations outcome.voices, answer.voices and import.voices, Wagtail's views and
    choosers, get_object_or_404(Voice, ...)) leaves withheld comments out: a new view, export
    or command cannot forget to. Forward links (quote.voice, case.voice) read through the plain
    base manager, as Django requires: tests/test_withheld_manager_use.py bans following one to
    the words outside the allowed places.
    """

    def get_queryset(self) -> VoiceQuerySet:
        every = VoiceQuerySet(self.model, using=self._db)
        return every.checked().sent().not_with_safeguarding_lead()


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
        REVIEW = "review", "Ambassadors' check"

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

    class AnswerPart(models.TextChoices):
        COMMENT = "comment", "'Your voice' comment"
        ANSWER = "answer", "Free-text answer"

    # A survey answer gives up to two comments: its free-text answer and its "Your voice".
    survey_answer = models.ForeignKey(
        "surveys.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="voices"
    )
    answer_part = models.CharField(max_length=8, choices=AnswerPart.choices, blank=True)
    # No reverse accessor: contribution.voice would read the row whatever its state (Django
    # reaches one-to-one objects through the plain base manager). Query Voice.objects instead.
    contribution = models.OneToOneField(
        "surveys.Contribution",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    comment_import = models.ForeignKey(
        "engagement.CommentImport",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="voices",
    )
    # An ambassador's words on a draft they checked ("it needs changing: ..."), at /review/.
    review = models.OneToOneField(
        "wagtailcore.TaskState",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
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
    safeguarding_tier = models.CharField(
        max_length=8, choices=SafeguardingTier.choices, blank=True, help_text="Blank: not flagged"
    )
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

    objects = VisibleVoiceManager()
    # Every comment, withheld ones too (not yet checked, or with the safeguarding lead). Only
    # the lead's queue, the analysis, storing a source's words, retention and erasure may use
    # it: tests/test_withheld_manager_use.py fails the build anywhere else.
    including_withheld = VoiceQuerySet.as_manager()

    class Meta:
        verbose_name = "comment"
        default_manager_name = "objects"
        # Saving and related-object access need every row (Django's advice: a base manager
        # must not filter), so the base manager is left plain.
        ordering = ["-said_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey_answer", "answer_part"],
                condition=models.Q(survey_answer__isnull=False),
                name="one_voice_per_answer_part",
            )
        ]
        indexes = [
            models.Index(fields=["channel", "said_at"]),
            # Newest first, stopping at the first few that match (quotable examples, lists).
            models.Index(fields=["-said_at"], name="voice_newest_first"),
            models.Index(fields=["safeguarding_flag"]),
            models.Index(fields=["analysed_at"]),
        ]

    def __str__(self):
        # What every listing and title shows: never the raw words, which may name someone, and
        # never whether a comment is with the safeguarding lead (that is the lead's to know).
        if self.needs_analysis or (self.safeguarding_flag and not self.cleared_by_lead):
            return f"Comment {self.pk} (not shown)"
        return Truncator(self.redacted_text).chars(80)

    def source_description(self) -> str:
        """Where the words came from, in a safeguarding lead's words (kept on their case)."""
        if answer := self.survey_answer:
            response = answer.response
            part = self.get_answer_part_display()
            where = f"Survey '{response.survey.title}', response {response.pk}"
            return f"{where}, {part} to '{self.prompt}'"[:300]
        if contribution := self.contribution:
            session = contribution.session
            return f"Focus group '{session.title}' on {session.held_on:%-d %B %Y}"[:300]
        if self.review_id:
            return f"Ambassadors' check of '{self.prompt}'"[:300]
        if comment_import := self.comment_import:
            return f"Imported comments, '{comment_import.original_filename}'"[:300]
        return self.get_channel_display()

    @property
    def cleared_by_lead(self) -> bool:
        try:
            return self.safeguarding_case.status == "no_concern"
        except ObjectDoesNotExist:
            return False

    @property
    def needs_analysis(self) -> bool:
        return self.analysed_at is None or self.analysed_text != self.text


def lock_comments(ids) -> None:
    """Hold these comments' rows until the transaction ends, so that writes about the same
    comment (the analysis storing its themes, an officer's decision) go one at a time and each
    reads what the other committed. Always in id order, as every writer locks them, so two
    writers never wait on each other. (SQLite locks the whole database for a write anyway.)"""
    list(
        Voice.including_withheld.select_for_update()
        .filter(pk__in=list(ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
