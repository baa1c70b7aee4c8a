"""What respondents give: a response per person and survey, an answer per question."""

import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models.functions import TruncQuarter

from .scales import CountsAs, ScaleOption
from .survey import Audience, Channel, SurveyLink, SurveyPage, SurveyQuestion


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Response(models.Model):
    class AnsweredBy(models.TextChoices):
        ME = "me", "Me, on my own"
        ME_WITH_HELP = "me_with_help", "Me, with help from someone"
        SOMEONE_FOR_ME = "someone_for_me", "Someone answering for me"

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="responses")
    # Unguessable: the only key to a response. One browser's session holds it; a "come back
    # later" link shows it, and using the link swaps it for a new one (swap_token).
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    audience = models.CharField(
        max_length=16, choices=[c for c in Audience.choices if c[0] != Audience.BOTH]
    )
    answered_by = models.CharField(max_length=16, choices=AnsweredBy.choices, blank=True)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    link = models.ForeignKey(SurveyLink, null=True, blank=True, on_delete=models.SET_NULL)
    started_at = models.DateTimeField(auto_now_add=True)
    # When the response itself last changed (who is answering). Saving an answer leaves it be:
    # the latest Answer.answered_at says when someone last answered.
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "completed_at"])]

    def __str__(self):
        return f"Response {self.pk} to {self.survey}"

    @property
    def is_parent_carer(self) -> bool:
        return self.audience == Audience.PARENT_CARERS

    @property
    def answered_for_them(self) -> bool:
        """Someone (a parent, a teacher, a support worker) answers for the young person: the
        questions are asked about them ("Does Sam feel safe?")."""
        return self.answered_by == self.AnsweredBy.SOMEONE_FOR_ME

    def swap_token(self, used: str) -> bool:
        """Give the response a new token if `used` is still its token, in one statement so
        that of two browsers using the same link at once only one wins. The old link, and
        any other session holding the old token, stop working."""
        fresh = new_token()
        if Response.objects.filter(pk=self.pk, token=used).update(token=fresh) != 1:
            return False
        self.token = fresh
        return True


class AnswerQuerySet(models.QuerySet):
    def sent(self):
        """Answers whose respondent pressed "Send my answers": the only ones any figure,
        result or export counts (docs/decisions/0005)."""
        return self.filter(sent=True)


class Answer(models.Model):
    """One answer, saved the moment it is given; posting the same step again replaces it."""

    class Special(models.TextChoices):
        NONE = "", "An answer"
        DONT_UNDERSTAND = "dont_understand", "I don't understand"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"
        SKIPPED = "skipped", "Skipped (optional question)"

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    special = models.CharField(max_length=20, choices=Special.choices, blank=True)
    options = models.ManyToManyField(ScaleOption, blank=True, related_name="answers")
    # The chosen labels and how they counted when given, so later edits to a scale
    # cannot change what someone said.
    labels = models.JSONField(default=list, blank=True)
    counts_as = models.CharField(
        max_length=12, choices=CountsAs.choices, default=CountsAs.NOT_COUNTED
    )
    text = models.TextField(blank=True, help_text="A free-text answer")
    comment = models.TextField(blank=True, help_text="The 'Your voice' comment")
    may_quote = models.BooleanField(default=False, help_text="Consent to quote the comment")
    answered_at = models.DateTimeField(auto_now=True)
    # The dashboard counts hundreds of thousands of answers by question, audience and quarter.
    # With these two on the answer itself (the audience copied from the response and kept in
    # step by surveys.answers.change_audience, the quarter's first day worked out by the
    # database), one index holds all it groups by: no join, no sort.
    audience = models.CharField(
        max_length=16, choices=Response._meta.get_field("audience").choices, editable=False
    )
    # Sent with its response ("Send my answers"): until then the answer is the respondent's
    # alone to change or delete, and no figure counts it. Copied from the response like the
    # audience (kept in step by surveys.answers.complete) so counting needs no join.
    sent = models.BooleanField(default=False, editable=False)
    quarter = models.GeneratedField(
        expression=TruncQuarter(
            "answered_at", output_field=models.DateField(), tzinfo=ZoneInfo(settings.TIME_ZONE)
        ),
        output_field=models.DateField(),
        db_persist=True,
    )

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]
        indexes = [
            models.Index(
                fields=["question", "sent", "audience", "quarter", "counts_as", "special"],
                name="answer_tally",
            )
        ]

    def __str__(self):
        # Never the free text: staff read it through the pool of comments, checked and redacted.
        return f"Answer {self.pk} to question {self.question_id}"

    def save(self, *args, **kwargs):
        if not self.audience:
            self.audience = self.response.audience
        self.sent = self.response.completed_at is not None
        super().save(*args, **kwargs)

    def display(self) -> str:
        """The answer as the respondent gave it: for their own pages only."""
        if self.special:
            return self.get_special_display()
        parts = [*self.labels]
        if self.text:
            parts.append(self.text)
        return ", ".join(parts)


class HearBackRequest(models.Model):
    """An email address left to hear what changed: at the end of a survey, or given to a
    facilitator at a focus group. Kept apart so no export can carry it, used only to tell the
    person what changed, and deleted after settings.HEAR_BACK_RETENTION_DAYS."""

    response = models.OneToOneField(
        Response, null=True, blank=True, on_delete=models.CASCADE, related_name="hear_back"
    )
    session = models.ForeignKey(
        "surveys.FocusGroupSession",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="hear_back",
    )
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(response__isnull=False) | models.Q(session__isnull=False),
                name="hear_back_from_a_survey_or_a_session",
            )
        ]

    def __str__(self):
        source = (
            f"response {self.response_id}" if self.response_id else f"session {self.session_id}"
        )
        return f"Hear back for {source}"
