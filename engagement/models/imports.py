from django.conf import settings
from django.db import models

from .voices import Voice


class CommentImport(models.Model):
    """A CSV of comments exported from another survey tool, imported into the pool.

    The uploaded file is kept only between the preview and the import, then deleted: the
    comments live on as Voice rows (which go when the import is deleted).
    """

    class Tool(models.TextChoices):
        MICROSOFT_FORMS = "microsoft_forms", "Microsoft Forms"
        SURVEYMONKEY = "surveymonkey", "SurveyMonkey"
        GOOGLE_FORMS = "google_forms", "Google Forms"
        OTHER = "other", "Another tool or a spreadsheet"

    class Status(models.TextChoices):
        PREVIEW = "preview", "Waiting for a check"
        IMPORTED = "imported", "Imported"

    title = models.CharField(
        max_length=200, help_text="E.g. Parent carer survey 2025 (SurveyMonkey)"
    )
    tool = models.CharField(max_length=20, choices=Tool.choices, default=Tool.OTHER)
    file = models.FileField(upload_to="comment-imports/", blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    encoding = models.CharField(max_length=20, blank=True)
    text_column = models.CharField(max_length=255, blank=True)
    audience = models.CharField(
        max_length=16, choices=Voice.Audience.choices, help_text="Who wrote these comments"
    )
    outcome = models.ForeignKey(
        "outcomes_cms.OutcomePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_to_quote = models.BooleanField(
        default=False,
        help_text="Tick only if everyone who answered agreed that their words may be quoted.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    rows_imported = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
