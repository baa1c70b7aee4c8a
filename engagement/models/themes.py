"""The codebook officers edit, what the machine assigned, and what people decided.

The machine's assignments are replaced on every rerun; people's decisions are never touched by
one, and a decision always wins over the machine.
"""

from django.conf import settings
from django.db import models


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Theme(models.Model):
    key = models.SlugField(
        max_length=40, unique=True, help_text="A short name for exports, e.g. 'waiting'"
    )
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, help_text="What comments in this theme are about")
    keywords = models.TextField(
        blank=True,
        help_text="Words that point to this theme, one per line. Any form of a word counts "
        "(wait finds waiting and waited). Acronyms in capitals, e.g. EHCP, SENCo, OT.",
    )
    supporting = models.TextField(
        "supporting words",
        blank=True,
        help_text="Words that point to this theme but are not enough alone, one per line "
        "(e.g. 'school'): two of them, or one with a keyword, are.",
    )
    phrases = models.TextField(
        blank=True, help_text="Phrases, one per line, e.g. 'have a say' or 'waiting list'"
    )
    examples = models.TextField(
        blank=True,
        help_text="Example comments, one per line: a comment sharing most of an example's "
        "words is given this theme",
    )
    outcomes = models.ManyToManyField(
        "outcomes_cms.OutcomePage",
        blank=True,
        related_name="themes",
        help_text="The outcome statements this theme speaks to",
    )
    active = models.BooleanField(
        "in use", default=True, help_text="Themes not in use are no longer given to comments"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def as_analysis_dict(self) -> dict:
        """This theme in the shape the analysis package's Codebook reads."""
        return {
            "key": self.key,
            "name": self.name,
            "description": self.description,
            "keywords": _lines(self.keywords),
            "supporting": _lines(self.supporting),
            "phrases": _lines(self.phrases),
            "examples": _lines(self.examples),
            "outcomes": [outcome.title for outcome in self.outcomes.all()],
        }


class ThemeAssignment(models.Model):
    """The machine's view: replaced whenever the comment is analysed again."""

    class Source(models.TextChoices):
        CODEBOOK = "codebook", "Codebook"
        MODEL = "model", "Learned from officers"
        BOTH = "both", "Codebook and learned"

    voice = models.ForeignKey(
        "engagement.Voice", on_delete=models.CASCADE, related_name="assignments"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="assignments")
    confidence = models.FloatField()
    source = models.CharField(max_length=10, choices=Source.choices)
    reasons = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["voice", "theme"], name="one_assignment_per_theme")
        ]

    def __str__(self):
        return f"{self.theme} on comment {self.voice_id} ({self.get_source_display()})"


class ThemeDecision(models.Model):
    """A person's decision about a theme on a comment. It always wins, and no rerun changes it."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    voice = models.ForeignKey(
        "engagement.Voice", on_delete=models.CASCADE, related_name="decisions"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["voice", "theme"], name="one_decision_per_theme")
        ]

    def __str__(self):
        return f"{self.theme} {self.get_decision_display().lower()} on comment {self.voice_id}"


class LearnedThemeModel(models.Model):
    """A theme model trained on officers' decisions, kept as JSON (never pickle).

    The newest one is used alongside the codebook; older ones stay for the record.
    """

    trained_at = models.DateTimeField(auto_now_add=True)
    comments = models.PositiveIntegerField(help_text="Comments with decisions it learned from")
    theme_keys = models.JSONField(default=list, help_text="The themes it can give")
    model = models.JSONField()

    class Meta:
        ordering = ["-trained_at"]
        get_latest_by = "trained_at"

    def __str__(self):
        return f"Model of {self.trained_at:%d %b %Y %H:%M} ({self.comments} comments)"


class CommentThemeQuerySet(models.QuerySet):
    def carried(self):
        return self.filter(state=CommentTheme.State.CARRIED)


class CommentTheme(models.Model):
    """Where a comment stands on a theme now: one row per theme the machine gave it or a
    person decided on, saying who settled it and whether the comment carries it.

    The one answer to "which themes does this comment carry": review, the admin, the dashboard,
    exports, "You said, we did" and the training data all read it. It is derived, written only
    by engagement.themes (in the same transaction as the machine's assignment or the person's
    decision it follows from): the rule is that a person's decision wins, and the machine's
    theme stands where no person decided.
    """

    class GivenBy(models.TextChoices):
        MACHINE = "machine", "Machine"
        PERSON = "person", "Person"

    class State(models.TextChoices):
        CARRIED = "carried", "Carried"
        REJECTED = "rejected", "Rejected by a person"

    voice = models.ForeignKey(
        "engagement.Voice", on_delete=models.CASCADE, related_name="current_themes"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="current_on")
    given_by = models.CharField(max_length=8, choices=GivenBy.choices)
    state = models.CharField(max_length=8, choices=State.choices)

    objects = CommentThemeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["voice", "theme"], name="one_current_theme_row"),
            # The machine never rejects: a rejection is always a person's.
            models.CheckConstraint(
                condition=~models.Q(given_by="machine", state="rejected"),
                name="only_people_reject",
            ),
        ]
        indexes = [models.Index(fields=["theme", "state"])]

    def __str__(self):
        return f"{self.theme} on comment {self.voice_id}: {self.state} ({self.given_by})"
