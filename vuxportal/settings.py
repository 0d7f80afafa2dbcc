"""Vuxportal settings.

Everything comes from environment variables with safe development defaults. With
``DEBUG`` off (production) the portal refuses to start without ``SECRET_KEY`` and
``ALLOWED_HOSTS``, and the security settings below make ``check --deploy`` clean.
"""

import os
import secrets
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# Off unless set: a server started without configuration is a production server. `make run`
# and the tests (tests/environment.py) set DEBUG=1.
DEBUG = env.bool("DEBUG", default=False)
# pytest (8.2+) sets PYTEST_VERSION; tests get fast hashing and plain static storage.
TESTING = env.bool("VUXPORTAL_TESTING", default="PYTEST_VERSION" in os.environ)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
elif Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] == ["makemigrations"]:
    # Comparing the models with the migrations serves nothing and signs nothing, so a
    # fresh checkout can run it as it is; the key is a throwaway nobody knows.
    SECRET_KEY = secrets.token_urlsafe(50)
    ALLOWED_HOSTS = []
else:
    # Production never falls back to a default secret or host list (NetBox does the same).
    if not env("SECRET_KEY", default=""):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if not env.list("ALLOWED_HOSTS", default=[]):
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must be set when DEBUG is off, e.g. ALLOWED_HOSTS=vux.example.se"
        )
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -----------------------------------------------------------------------

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles so that runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text search and trigram lookups for the portal's search (a no-op on SQLite).
    "django.contrib.postgres",
    "django.forms",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "django_tables2",
    "simple_history",
    "import_export",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
]
LOCAL_APPS = [
    "vuxportal",
    "organisation",
    "goals",
    "competence",
    "infrastructure",
    "reports",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vuxportal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "vuxportal.middleware.AbsoluteSessionLifetimeMiddleware",
    "organisation.middleware.RequireAdministratorMFAMiddleware",
]

ROOT_URLCONF = "vuxportal.urls"
WSGI_APPLICATION = "vuxportal.wsgi.application"
AUTH_USER_MODEL = "organisation.User"
SITE_NAME = "Vuxportal"
ORGANISATION_NAME = env("ORGANISATION_NAME", default="Vuxenutbildning Stockholm")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vuxportal.context_processors.portal",
            ],
        },
    }
]
# Our own form templates give every form Bootstrap markup with linked error messages.
FORM_RENDERER = "vuxportal.forms.PortalFormRenderer"
DJANGO_TABLES2_TEMPLATE = "generic/table.html"

# --- Data ---------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Reuse connections between requests in production; health checks drop dead ones so a
# restarted PostgreSQL is picked up again without restarting the portal.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # RedisCache that treats an unreachable Redis as a cache miss (pages keep
            # working while Redis is down; see vuxportal/cache.py).
            "BACKEND": "vuxportal.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "vuxportal",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long a page fragment kept under the data's version may be served at most
# (vuxportal/dataversion.py): a change to the data shows at once; what only the clock
# changes (a session that has just ended) shows within this many seconds.
FRAGMENT_SECONDS = env.int("FRAGMENT_SECONDS", default=300)

MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# No URL serves MEDIA_ROOT: files go out through views that check access. Behind nginx,
# an internal location (e.g. /protected-media/) lets nginx send the bytes after the check.
MEDIA_URL = "/media/"
FILES_X_ACCEL_REDIRECT = env("FILES_X_ACCEL_REDIRECT", default="")
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Authentication (django-allauth) ------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # A rule that says no is final; Django's model permissions are the Django admin's only.
    "vuxportal.auth_backends.RulesDecideBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing dominates the test suite's run time; the production hasher is unchanged.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "organisation.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "organisation.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
# A password-reset link is valid for PASSWORD_RESET_HOURS (default 3). An invitation link,
# where a new person chooses their first password, is valid for INVITATION_DAYS (default 7):
# it may wait in the inbox over a weekend. Both are checked by one token generator.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_HOURS", default=3) * 60 * 60
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = "organisation.adapters.PasswordTokenGenerator"
# Failed sign-ins: at most 5 per account in 5 minutes, and 20 per minute from one address.
# Sign-ins of any outcome: LOGIN_RATE_LIMIT from one address (allauth's default, 30 a
# minute); a school whose staff all sign in through one NAT address may need more.
ACCOUNT_RATE_LIMITS = {
    "login": env("LOGIN_RATE_LIMIT", default="30/m/ip"),
    "login_failed": "20/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Vuxportal"
# When true, administrators are sent to set up TOTP before they can use the portal; on in
# production unless configured otherwise, off for the demo (DEBUG).
MFA_REQUIRED_FOR_ADMINISTRATORS = env.bool("MFA_REQUIRED_FOR_ADMINISTRATORS", default=not DEBUG)
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True

# Single sign-on through OpenID Connect (e.g. the city's Entra ID), on when OIDC_CLIENT_ID is set.
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
SOCIALACCOUNT_PROVIDERS = {}
if OIDC_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": env("OIDC_PROVIDER_ID", default="entra"),
                "name": env("OIDC_PROVIDER_NAME", default="Stockholms stad"),
                "client_id": OIDC_CLIENT_ID,
                "secret": env("OIDC_CLIENT_SECRET", default=""),
                "settings": {"server_url": env("OIDC_SERVER_URL")},
            }
        ],
    }

# Sessions end after SESSION_IDLE_MINUTES without a request (default 60), and always when
# the browser closes. Requests renew the idle timer, at most once a minute: writing the
# session on every request was a database write per page view
# (vuxportal.middleware.AbsoluteSessionLifetimeMiddleware renews it).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=60) * 60
SESSION_RENEW_SECONDS = 60
# However active, a session ends SESSION_ABSOLUTE_HOURS after sign-in (default 12), so a
# stolen session cookie or a shared computer left signed in stops working the same day
# (vuxportal.middleware.AbsoluteSessionLifetimeMiddleware).
SESSION_ABSOLUTE_HOURS = env.int("SESSION_ABSOLUTE_HOURS", default=12)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security --------------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Behind a TLS-terminating proxy (nginx, a load balancer) that sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# No inline scripts or styles anywhere: every script and stylesheet is a static file, and
# templates use classes, not style attributes. The charts' SVG carries its own <style>, which
# is allowed: it is shown as an <img>, a document of its own that this policy does not cover.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Email ---------------------------------------------------------------------------------

if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env(
        "EMAIL_BACKEND",
        default="django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend",
    )
    EMAIL_HOST = env("EMAIL_HOST", default="localhost")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Vuxportal <noreply@vux.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ----------------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Without Redis (make run, tests) tasks run at once in the calling process.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
# With late acks, Redis hands an unacknowledged message to another worker after this
# time. It must outlast the longest wait plus run of any task (a retry's countdown of up
# to 15 minutes, then up to the 15-minute time limit), or a waiting or running task would
# run twice. So a killed worker's report is not recovered by redelivery but by the sweep:
# the report's heartbeat goes stale within a minute and reports.tasks.requeue_stuck_reports
# (every 20 s, and when a worker starts) sends it again (README, "Board reports"). The
# late redelivery finds the report done and does nothing.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- REST framework --------------------------------------------------------------------------

REST_FRAMEWORK = {
    # Tokens first: their WWW-Authenticate header makes unauthenticated requests 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "vuxportal.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["vuxportal.tokens.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env("API_TOKEN_RATE", default="5000/hour")},
    "EXCEPTION_HANDLER": "vuxportal.api_errors.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["vuxportal.api.ScopedPermission"],
    # The strict versions: a filter, ordering or page the schema does not allow is a 400.
    "DEFAULT_FILTER_BACKENDS": [
        "vuxportal.api.PortalFilterBackend",
        "vuxportal.api.PortalOrderingFilter",
    ],
    # JSON only: form encodings cannot say null, an empty list or a number as the schema does.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "vuxportal.api.PortalContentNegotiation",
    "DEFAULT_PAGINATION_CLASS": "vuxportal.api.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "vuxportal.schema.PortalAutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vuxportal API",
    "DESCRIPTION": (
        "Follow-up of Vuxenutbildning Stockholm's digitalisation plan.\n\n"
        "Every error answers with one body (`Error`): `status`, `code`, `detail` and, for "
        "invalid input, `errors` (field → messages). A query parameter the operation does "
        "not list is ignored; one it lists must be as documented (an empty value is the same "
        "as leaving it out), or the answer is 400. A filter on an id that names nothing you "
        "can see lists nothing. A body is JSON, each value of the type the schema gives it "
        "(a decimal is a string, an id a number). Writes may also be refused with 400 for "
        "rules a schema cannot "
        "state: an id that must name a row you may choose, dates in order, an open period, "
        "a value already taken."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies get components of their own, so what a write must hold (non-blank
    # text, no read-only fields) is stated apart from what a read gives.
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "status" (and goals share choice sets); name each set once so
    # the schema's enums read well and check --deploy stays free of warnings.
    "ENUM_NAME_OVERRIDES": {
        "PlanPartEnum": "goals.models.PlanPart",
        "AssessmentStatusEnum": "goals.models.AssessmentStatus",
        "PlanStatusEnum": "goals.models.ActionPlan.Status",
        "ActionStatusEnum": "goals.models.Action.Status",
        "PeriodStatusEnum": "goals.models.ReportingPeriod.Status",
        "DeviceStatusEnum": "infrastructure.models.Device.Status",
        "SupportRequestStatusEnum": "organisation.models.SupportRequest.Status",
        "EnrolmentStatusEnum": "competence.models.Enrolment.Status",
        "IndicatorKindEnum": "goals.models.Indicator.Kind",
        "PeriodKindEnum": "goals.models.ReportingPeriod.Kind",
        "TrainingKindEnum": "competence.models.TrainingRecord.Kind",
        "DeviceKindEnum": "infrastructure.models.DeviceModel.Kind",
        "SystemKindEnum": "infrastructure.models.System.Kind",
        "ReportKindEnum": "reports.models.ReportKind",
    },
}

# --- Domain settings ---------------------------------------------------------------------

# Days after a loan is returned before the student's personal data is pseudonymised.
STUDENT_DATA_RETENTION_DAYS = env.int("STUDENT_DATA_RETENTION_DAYS", default=365)
# Days before a loan's due date that the borrower is reminded to return the device.
LOAN_REMINDER_DAYS_BEFORE = env.int("LOAN_REMINDER_DAYS_BEFORE", default=3)
# Support requests resolved within this many days count as "on time" in the metric.
SUPPORT_RESOLUTION_TARGET_DAYS = env.int("SUPPORT_RESOLUTION_TARGET_DAYS", default=5)
# Privacy: aggregates of self-assessments are only shown over at least this many people.
MIN_AGGREGATE_GROUP_SIZE = 5
# Training hours a teacher should log per year (metric competence.teachers_training_hours).
TRAINING_HOURS_TARGET = env.int("TRAINING_HOURS_TARGET", default=10)

# --- Logging ---------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "vuxportal.audit": {"level": "INFO"},
    },
}

# Absolute links in emails sent outside a request (invitations, reminders, reports).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The customer's plan texts that seed_demo loads. ../shared/seeds beside the checkout is
# the source of truth; data/seeds is the copy kept in the repository for other machines.
_SHARED_SEEDS = BASE_DIR.parent / "shared" / "seeds"
SEEDS_DIR = env.path(
    "SEEDS_DIR", default=_SHARED_SEEDS if _SHARED_SEEDS.is_dir() else BASE_DIR / "data" / "seeds"
)
