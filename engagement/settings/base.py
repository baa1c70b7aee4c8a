"""Settings shared by every environment. dev, test and production each start from here."""

from pathlib import Path

from engagement.roles import OFFICER, SAFEGUARDING_LEAD

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "engagement",
    "outcomes_cms",
    "surveys",
    "you_said_we_did",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",  # Settings > Branding (engagement.models.branding)
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",  # production queues background work in the database (TASKS there)
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "engagement.request_guards.AllowedMethodsMiddleware",
    "engagement.request_guards.MalformedAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "engagement.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "engagement.staff_security.StaffIdleTimeoutMiddleware",
    "engagement.respondent_sessions.RespondentIdleTimeoutMiddleware",
    "engagement.staff_security.RequireMFAMiddleware",
    "engagement.known_devices.KnownDeviceMiddleware",
    "engagement.audit.AuditDownloadsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "surveys.route_cache.SurveyRouteMiddleware",  # survey steps skip re-walking the page tree
]

ROOT_URLCONF = "engagement.urls"
WSGI_APPLICATION = "engagement.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "engagement.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff sign in with their email address; there is no username.
AUTH_USER_MODEL = "engagement.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "staff_home"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: email login, no public sign-up (the adapter closes it), TOTP for staff.
ACCOUNT_ADAPTER = "engagement.accounts.StaffOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SEND voices] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SEND voices"
# Every refused code is audited (engagement/accounts.py).
MFA_FORMS = {
    "authenticate": "engagement.accounts.AuthenticateForm",
    "reauthenticate": "engagement.accounts.ReauthenticateForm",
}
# Wrong passwords (allauth's format amount/period/per; counted in the shared cache, by the
# address the TLS proxy saw, ALLAUTH_TRUSTED_PROXY_COUNT in production). OWASP: lock out an
# (address, account) pair, not the account, or a stranger can lock anyone out; keep a much
# higher ceiling per account against guesses from many addresses (NIST SP 800-63B: at most
# 100 failures). So:
# - one address, one account: the 6th wrong password in 5 minutes is refused
#   ("login_failed_from_address", engagement/accounts.py), so one address can send at most
#   60 an hour and can never reach the account's ceiling;
# - one address, any accounts: 10 a minute (allauth's default);
# - one account, all addresses: 100 an hour, for browsers the account has not signed in from
#   before (OWASP's device cookies, engagement/known_devices.py). Only many addresses together
#   can reach it, they never lock the lead out of their own browser, and "Forgotten your
#   password?" lifts it at once for a new one (allauth clears it on a reset).
# Authenticator codes count under "login_failed" per account too (allauth's mfa limit).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,100/h/key",
    "login_failed_from_address": "5/5m/key",
}

# Staff who can read disclosures or publish to the public must use an authenticator app
# (engagement/staff_security.py sends them to set one up before anything else). Superusers too.
MFA_REQUIRED_FOR_ROLES = (OFFICER, SAFEGUARDING_LEAD)
# A signed-in member of staff is signed out after this long without a request.
STAFF_IDLE_TIMEOUT_SECONDS = 30 * 60
# Everyone else's session (a survey in progress) ends after an hour without a request, or when
# the browser is closed: on a school tablet or a library computer the next person must not
# find the last one's answers. An hour covers a lesson or a break; for longer, "Save and come
# back later" gives a link that works for as long as the answers are kept. Each request starts
# the hour again (engagement/respondent_sessions.py).
SESSION_COOKIE_AGE = 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# One way to sign in: allauth's, with its rate limits, the authenticator code and the audit.
# Wagtail's own forms sign in or reset passwords through plain Django, so they are turned off
# or sent to allauth's: the admin's and the private pages' logins (engagement/urls.py too), its
# password reset and its "Change password" panel. Shared page and document passwords (no
# account, no code, no rate limit) are not offered; private pages are for signed-in staff.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_SITE_NAME = "SEND voices"
# The admin must not call out to Wagtail's servers (and the CSP would block it anyway).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Nor fetch staff avatars from Gravatar (which would tell it who signs in).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are served by Wagtail's view, which checks privacy settings, never straight from
# the media folder; only these kinds may be uploaded (no HTML, SVG or scripts).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A survey question's video (MP4 or WebM, e.g. in BSL) and its captions (WebVTT) are documents
# too; surveys/videos.py checks their first bytes and holds each kind to its own size.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv", "xlsx", "mp4", "webm", "vtt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "surveys.document_form.DocumentForm"
DOCUMENT_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
SURVEY_VIDEO_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = max(DOCUMENT_MAX_UPLOAD_SIZE, SURVEY_VIDEO_MAX_UPLOAD_SIZE)
WAGTAIL_I18N_ENABLED = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work (theming imports, notifications) goes through Django's tasks framework.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# A cache every process shares (allauth's rate limits, the survey throttle): the database's,
# which needs no other service (`manage.py createcachetable`, run by `make migrate`).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    }
}

# Content-Security-Policy (django-csp): nothing from another site, no inline script or style
# outside the Wagtail admin, which engagement/csp.py relaxes for Wagtail's own inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "engagement" / "static"]
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# How long an email address left to "hear what happens" is kept and used (the privacy notice
# says two years); `manage.py apply_retention` deletes older ones.
HEAR_BACK_RETENTION_DAYS = 730

# A new survey response may be started this many times per IP address in this many seconds
# (surveys/throttle.py); the address is only ever kept as a keyed hash in the cache.
SURVEY_STARTS_PER_IP = 30
SURVEY_STARTS_WINDOW_SECONDS = 10 * 60

# A comment not checked for safeguarding this long after it was written (the task worker is
# failing or stopped) makes the sweep email the leads (engagement/checking.py) and shows a
# warning on their queue.
SAFEGUARDING_CHECK_LATE_MINUTES = 15

# Survey responses never finished and untouched for this long are deleted by apply_retention.
INCOMPLETE_RESPONSE_RETENTION_DAYS = 90

# The seed command creates one login per role only where this is True (dev settings alone).
DEMO_USERS_ALLOWED = False

# The council running the site until an officer sets its name in Settings > Branding.
COUNCIL_NAME = "Rochdale Borough Council (demo)"
