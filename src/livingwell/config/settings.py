"""Settings for Living Well, read from the environment (see .env.example for every variable).

With nothing set, the site runs in demo mode on an SQLite file in ./data; set DATABASE_URL for PostgreSQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

from livingwell.config.env import envbool, envdate, envint, envlist, envstr

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The checkout: where node_modules (the NHS.UK frontend styles) and the demo's data folder live.
PROJECT_DIR = Path(envstr("LIVINGWELL_HOME", str(PACKAGE_DIR.parents[1])))
DATA_DIR = Path(envstr("LIVINGWELL_DATA_DIR", str(PROJECT_DIR / "data")))

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and envbool("LIVINGWELL_REQUIRE_SECRET_KEY", False):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY: it signs sessions and must be kept secret.")
    # Only good for a demo on one machine: a real site sets SECRET_KEY.
    SECRET_KEY = "livingwell-demo-only-not-secret"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "livingwell.core",
    "livingwell.team",
    "livingwell.people",
    "livingwell.access",
    "livingwell.frontdoor",
    "livingwell.network",
    "livingwell.warm_introductions",
    "livingwell.measures",
    "livingwell.outbox",
    "livingwell.plans",
    "livingwell.record",
    "livingwell.learning",
    "livingwell.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "livingwell.core.middleware.PrivateAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "livingwell.core.middleware.ApplicationErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "livingwell.config.urls"
WSGI_APPLICATION = "livingwell.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        # A site's own templates, looked in first: a page of the same name replaces ours (README.md).
        "DIRS": envlist("LIVINGWELL_TEMPLATE_DIRS", []),
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "livingwell.config.jinja2_env.environment",
            "context_processors": ["livingwell.access.context_processors.staff"],
        },
    },
    {
        # Django's own templates, only for what ships with Django (none of our pages).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": []},
    },
]

if not envstr("DATABASE_URL", ""):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'livingwell.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,  # a kept connection is checked after a database restart
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "livingwell.team.backends.StaffBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if envbool("LIVINGWELL_FAST_PASSWORD_HASHING", False):
    # Tests and benchmark loading only: thousands of accounts are made, and Argon2 is slow on purpose.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "staff-sign-in"
LOGIN_REDIRECT_URL = "board"

# Throttle repeated failed sign-ins: after 5 failures for one username from one address, wait 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "livingwell.team.views.signin_locked_out"
AXES_RESET_ON_SUCCESS = True

OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "Living Well")

# Email: the link for a forgotten password. Unset, it is written to the console (a demo, a developer's
# machine); a real site sets EMAIL_BACKEND to django.core.mail.backends.smtp.EmailBackend and its server.
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Living Well <no-reply@livingwell.example>")

# Background work (the outbox's messages) runs as tasks in the database, by `livingwell
# outbox_worker`: nothing beyond the database is needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
# How messages leave: through GOV.UK Notify when NOTIFY_API_KEY is set (with a template for email,
# ((subject)) and ((body)), and one for text, ((body))), by EMAIL_BACKEND otherwise; "page" keeps
# them on the outbox page and sends nothing (the demo).
# The demo (no DATABASE_URL) keeps its messages on the page.
LIVINGWELL_MESSAGES = envstr(
    "LIVINGWELL_MESSAGES", "send" if envstr("DATABASE_URL", "") else "page"
)
NOTIFY_API_KEY = envstr("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = envstr("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = envstr("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_TEXT_TEMPLATE_ID = envstr("NOTIFY_TEXT_TEMPLATE_ID", "")
# Questionnaire wording: a site's licensed wording files (<instrument>.toml, see
# livingwell.instruments.wording), and whether to offer placeholder wording where there is none (the
# demo and the tests: it says on every page that it is a placeholder). PHQ-9 and GAD-7 ship.
LIVINGWELL_WORDING_DIR = envstr("LIVINGWELL_WORDING_DIR", "")
LIVINGWELL_PLACEHOLDER_WORDING = envbool(
    "LIVINGWELL_PLACEHOLDER_WORDING", not envstr("DATABASE_URL", "")
)
# The key the learning extract's pseudonyms are made with (HMAC-SHA256): a long random secret the
# site keeps, and keeps the same, so that one person has the same key in every extract it makes.
LIVINGWELL_EXTRACT_KEY = envstr("LIVINGWELL_EXTRACT_KEY", "")
# A message still "sending" this long after it started was left by a worker that stopped.
LIVINGWELL_OUTBOX_STUCK_AFTER_SECONDS = envint("LIVINGWELL_OUTBOX_STUCK_AFTER_SECONDS", 300)
# How long a link to choose a new password works; it also stops working once it has been used.
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", 24 * 60 * 60)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)
SECURE_COOKIES = envbool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "livingwell.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
# A year of HTTPS only, unless DEBUG (a developer's own machine, on plain http).
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", False) else None
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"  # `livingwell collectstatic` fills it for production
with contextlib.suppress(OSError):  # WhiteNoise warns at start-up if it is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = Path(envstr("LIVINGWELL_NODE_MODULES", str(PROJECT_DIR / "node_modules")))
STATICFILES_DIRS = [
    ("nhsuk", NODE_MODULES / "nhsuk-frontend" / "dist" / "nhsuk"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Where someone in distress is pointed, on every page.
LIVINGWELL_SITE_NAME = envstr("LIVINGWELL_SITE_NAME", "Living Well")
# This site's address: it names the plans this site exports (FHIR Bundle identifiers).
LIVINGWELL_SITE_URL = envstr("LIVINGWELL_SITE_URL", "https://livingwell.example")
LIVINGWELL_PHONE = envstr("LIVINGWELL_PHONE", "020 7946 0000")
# Text a site can change: the facts the privacy notice, cookies page, accessibility statement and contact
# page give (README.md, "Text a site can change"). The defaults are the demo's, and made up: while any
# of them is not set, those pages say at the top that their details are the demo's.
LIVINGWELL_SITE_TEXT = (
    "LIVINGWELL_ORGANISATION",
    "LIVINGWELL_PHONE",
    "LIVINGWELL_EMAIL",
    "LIVINGWELL_DPO_NAME",
    "LIVINGWELL_DPO_EMAIL",
    "LIVINGWELL_RETENTION",
    "LIVINGWELL_ACCESSIBILITY_STATEMENT_DATE",
)
# Who runs the service and is responsible for people's data (the data controller).
LIVINGWELL_ORGANISATION = envstr("LIVINGWELL_ORGANISATION", "Living Well Demo Partnership")
LIVINGWELL_EMAIL = envstr("LIVINGWELL_EMAIL", "hello@livingwell.example")
LIVINGWELL_DPO_NAME = envstr("LIVINGWELL_DPO_NAME", "Alex Example")
LIVINGWELL_DPO_EMAIL = envstr("LIVINGWELL_DPO_EMAIL", "dpo@livingwell.example")
# How long a record is kept, finishing the sentence "We keep your record for ...".
LIVINGWELL_RETENTION = envstr("LIVINGWELL_RETENTION", "8 years after your support ends")
# When the site last checked its accessibility statement (YYYY-MM-DD).
LIVINGWELL_ACCESSIBILITY_STATEMENT_DATE = envdate(
    "LIVINGWELL_ACCESSIBILITY_STATEMENT_DATE", dt.date(2026, 12, 3)
)
LIVINGWELL_SITE_TEXT_IS_DEMO = not all(envstr(name, "").strip() for name in LIVINGWELL_SITE_TEXT)
LIVINGWELL_BOARD_PAGE_SIZE = envint("LIVINGWELL_BOARD_PAGE_SIZE", 50)
# What the front door promises: a reply within this many working days (Monday to Friday; a site's bank
# holidays are not counted out). The board marks introductions that have waited longer.
LIVINGWELL_FIRST_REPLY_WORKING_DAYS = envint("LIVINGWELL_FIRST_REPLY_WORKING_DAYS", 1)

# The public front door forms: how many sendings one connection, and one browser session, may make in
# the window before being asked to phone instead (ADR 0006). What they typed is shown back to them.
LIVINGWELL_FRONT_DOOR_PER_ADDRESS = envint("LIVINGWELL_FRONT_DOOR_PER_ADDRESS", 5)
LIVINGWELL_FRONT_DOOR_PER_SESSION = envint("LIVINGWELL_FRONT_DOOR_PER_SESSION", 3)
LIVINGWELL_FRONT_DOOR_WINDOW_MINUTES = envint("LIVINGWELL_FRONT_DOOR_WINDOW_MINUTES", 10)
# The very same details sent again from the front door within this many minutes (Back, then Send) are
# the same introduction, and the sender sees the same reference (ADR 0009). 0: every sending is new.
LIVINGWELL_FRONT_DOOR_SAME_INTRODUCTION_MINUTES = envint(
    "LIVINGWELL_FRONT_DOOR_SAME_INTRODUCTION_MINUTES", 10
)
# Behind a proxy that sets it, the request header (as Django names it, like HTTP_X_FORWARDED_FOR)
# that holds the client's address; its last entry is used. Empty: REMOTE_ADDR. Set it only if the
# proxy is trusted, since anyone can send such a header.
LIVINGWELL_CLIENT_ADDRESS_HEADER = envstr("LIVINGWELL_CLIENT_ADDRESS_HEADER", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}

# The directory of support: how many days an entry stays trusted before it is on the "to check" list,
# and the town and county its community places are in (an Open Referral UK address needs both).
DIRECTORY_CHECK_AFTER_DAYS = envint("DIRECTORY_CHECK_AFTER_DAYS", 183)
DIRECTORY_CITY = envstr("DIRECTORY_CITY", "London")
DIRECTORY_COUNTY = envstr("DIRECTORY_COUNTY", "Greater London")
