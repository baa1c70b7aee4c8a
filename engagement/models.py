from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class EmailUserManager(UserManager):
    """Users are found and created by email: staff have no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A staff member or ambassador. Young people and parent carers answering surveys have none."""

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        ordering = ["email"]
        # Permissions for what each role may see outside the Wagtail admin. They live here
        # because they are about people, not about one table; roles.py grants them to groups.
        permissions = [
            ("view_dashboard", "Can read the commissioners' dashboard and reports"),
            ("run_focus_groups", "Can run and record focus groups"),
            ("review_safeguarding", "Can see and act on the safeguarding queue"),
            ("review_as_ambassador", "Can review drafts as a SEND ambassador"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        # One address, one account, however an administrator typed it.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def role_names(self) -> list[str]:
        return sorted(group.name for group in self.groups.all())


class Voice(models.Model):
    """One free-text comment, whatever channel it came through: the pool the analysis reads.

    Each source keeps its own row in step (a survey comment here; focus-group contributions
    and imports join later), so the pool never holds a comment its source no longer has.
    """

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
    consent_to_quote = models.BooleanField(default=False)
    said_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-said_at"]
        indexes = [models.Index(fields=["channel", "said_at"])]

    def __str__(self):
        return self.text[:60]
