"""Load benchmark (make bench-surveys): production settings, served over plain HTTP on loopback.

Adds the bare "ok" view (benchmarks/urls.py) and a middleware that reports each request's query
count and database time in response headers. Never used to serve the site.
Environment: as production (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL), plus BENCH_DIR, a scratch
directory for collected static files and media, so the benchmark writes nothing in the tree.
"""

import os
from pathlib import Path

os.environ.setdefault("EMAIL_HOST", "localhost")  # never used: emails stay in memory here

from .production import *  # noqa: F403
from .production import MIDDLEWARE

# gunicorn is reached over http://127.0.0.1 with no TLS proxy in front.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

# Every simulated respondent comes from 127.0.0.1: the per-IP start throttle would refuse them.
SURVEY_STARTS_PER_IP = 1_000_000

ROOT_URLCONF = "benchmarks.urls"
MIDDLEWARE = ["benchmarks.middleware.QueryStats", *MIDDLEWARE]

_scratch = Path(os.environ.get("BENCH_DIR", "/tmp/send-bench"))
STATIC_ROOT = _scratch / "static"
MEDIA_ROOT = _scratch / "media"

# With BENCH_DEFER_TASKS=1, background work (the analysis of new comments) is enqueued and not
# run inside the request, as it would be with a worker backend; otherwise as production says.
if os.environ.get("BENCH_DEFER_TASKS") == "1":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

# No email leaves a benchmark (there is no mail server): kept in memory instead.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
