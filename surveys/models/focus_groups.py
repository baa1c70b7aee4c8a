"""Focus groups: a session (who came, as counts), the prompts asked, and what was said."""

from django.conf import settings
from django.db import models

from engagement.models import Voice


class SettingType(models.TextChoices):
    MAINSTREAM_SCHOOL = "mainstream_school", "Mainstream school"
    SPECIAL_SCHOOL = "special_school", "Special school"
    COLLEGE = "college", "College"
    SHORT_BREAK = "short_break", "Short-break setting"
    YOUTH_GROUP = "youth_group", "Youth group"
    PARENT_FORUM = "parent_forum", "Parent forum"
    ONLINE = "online", "Online"
    OTHER = "other", "Other"


# Who said something is the audience their comment joins the pool as.
SpeakerType = Voice.Audience


ADJUSTMENTS = [
    ("symbols", "Symbols"),
    ("easy_read", "Easy read"),
    ("bsl", "BSL interpreter"),
    ("makaton", "Makaton"),
    ("quiet_space", "Quiet space"),
    ("breaks", "Extra breaks"),
    ("interpreter", "Spoken-language interpreter"),
]


class FocusGroupSession(models.Model):
    class AgeBand(models.TextChoices):
        NOT_RECORDED = "", "Not recorded"
        UNDER_11 = "under_11", "Under 11"
        AGE_11_15 = "11_15", "11 to 15"
        AGE_16_18 = "16_18", "16 to 18"
        AGE_19_25 = "19_25", "19 to 25"
        MIXED = "mixed", "Mixed ages"

    class Consent(models.TextChoices):
        VERBAL = "verbal", "Said yes out loud, recorded by the facilitator"
        WRITTEN = "written", "Signed consent forms"
        PARENT = "parent", "Parent or carer consent, and the young person agreed"
        SETTING = "setting", "Through the setting's own consent process"

    title = models.CharField(max_length=200)
    held_on = models.DateField()
    setting_type = models.CharField(max_length=20, choices=SettingType.choices)
    place = models.CharField(max_length=200, blank=True, help_text="E.g. the school's name")
    group_name = models.CharField(
        max_length=200, blank=True, help_text="E.g. SEND ambassadors, Year 9 group"
    )
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="focus_groups")
    # Counts only: never names.
    young_people_count = models.PositiveSmallIntegerField(default=0)
    parent_carer_count = models.PositiveSmallIntegerField(default=0)
    professional_count = models.PositiveSmallIntegerField(default=0)
    age_band = models.CharField(
        max_length=10, choices=AgeBand.choices, blank=True, default=AgeBand.NOT_RECORDED
    )
    consent = models.CharField(max_length=10, choices=Consent.choices)
    adjustments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d %b %Y})"

    @property
    def attendees(self) -> int:
        return self.young_people_count + self.parent_carer_count + self.professional_count

    def adjustment_labels(self) -> list[str]:
        labels = dict(ADJUSTMENTS)
        return [labels.get(key, key) for key in self.adjustments]


class SessionPrompt(models.Model):
    """A question put to the group; optionally an outcome's or a survey question's."""

    session = models.ForeignKey(FocusGroupSession, on_delete=models.CASCADE, related_name="prompts")
    text = models.CharField(max_length=300)
    outcome = models.ForeignKey(
        "outcomes_cms.OutcomePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    survey_question = models.ForeignKey(
        "surveys.SurveyQuestion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text


class Contribution(models.Model):
    class Kind(models.TextChoices):
        QUOTE = "quote", "Quote (their words)"
        NOTE = "note", "Note (the facilitator's words)"
        TALLY = "tally", "Tally (e.g. 7 of 9 said yes)"

    session = models.ForeignKey(
        FocusGroupSession, on_delete=models.CASCADE, related_name="contributions"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.QUOTE)
    text = models.TextField(blank=True)
    speaker_type = models.CharField(max_length=16, choices=SpeakerType.choices)
    prompt = models.ForeignKey(
        SessionPrompt,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    outcome = models.ForeignKey(
        "outcomes_cms.OutcomePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tally_count = models.PositiveSmallIntegerField(null=True, blank=True)
    tally_of = models.PositiveSmallIntegerField(null=True, blank=True)
    may_publish = models.BooleanField(default=False, help_text="Consent to publish this quote")
    # Sent with every save from the facilitator's screen: a retried save finds the first one.
    client_key = models.UUIDField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "client_key"], name="one_contribution_per_client_key"
            )
        ]

    def __str__(self):
        # Never the words: they are read through the pool of comments, checked and redacted.
        return f"{self.short_kind} {self.pk} in {self.session}"

    @property
    def short_kind(self) -> str:
        return self.kind.capitalize()

    @property
    def effective_outcome_id(self):
        if self.outcome_id:
            return self.outcome_id
        return self.prompt.outcome_id if self.prompt_id else None
