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
            ("review_comments", "Can review and correct the themes of comments"),
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
