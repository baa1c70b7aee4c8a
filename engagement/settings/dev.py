"""Local development: no environment needed, SQLite file, emails printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-8c3f2b"  # noqa: S105 - never used outside dev
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "SEND voices <no-reply@localhost>"
DEMO_USERS_ALLOWED = True
