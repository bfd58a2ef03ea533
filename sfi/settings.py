"""Settings for the Support für Initiative platform, read from the environment.

Development: `DEBUG=1` (bin/run sets it). Production refuses to start without
SECRET_KEY, ALLOWED_HOSTS and a DATABASE_URL.
"""

import contextlib
import json
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sfi.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SFI_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules
PRODUCTION = not DEBUG and not TESTING

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")

if PRODUCTION and not env_str("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")

# The public address, used in e-mails, feeds and sitemaps outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # The admin requires a completed two-factor login (accounts.admin_site).
    "accounts.apps.TwoFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "core",
    "accounts",
    "regions",
    "events",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "audit",
    "backoffice",
    "privacy",
    "directory",
    "django_tasks",
    "django_tasks_db",
    "mail",
    "registrations",
    "relay",
    "network",
    "board",
    "participants",
    "documents",
    "feedback",
    "knowledge",
    "newsletter",
    "multipliers",
    "training_requests",
    "ninja",  # django-ninja: its Swagger UI files for /api/v1/docs/ come from our static files, no CDN
    "reports",
    "api",
    "webhooks",
    "conferences",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that writes the body; it reads the CSRF cookie and user set further in.
    "core.middleware.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Cache-Control: no-store for logged-in accounts and personal links (needs request.user).
    "core.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lock-out into our "too many attempts" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sfi.urls"
WSGI_APPLICATION = "sfi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# A typed value a date, number or URL input cannot hold is shown in a text box (core/forms.py).
FORM_RENDERER = "core.forms.FormRenderer"

# --- Database ---------------------------------------------------------------
if not env_str("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite creates the file but not its folder: on a fresh clone `sqlite:///var/…` would fail.
    _sqlite_name = str(DATABASES["default"]["NAME"] or "")
    if _sqlite_name and _sqlite_name != ":memory:" and not _sqlite_name.startswith("file:"):
        with contextlib.suppress(OSError):  # SQLite then says what is wrong with the path
            Path(_sqlite_name).parent.mkdir(parents=True, exist_ok=True)
    # IMMEDIATE transactions take the write lock up front, so two requests that
    # both read-then-write (e.g. seat counting) are serialised instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the platform's queries are short, and the few large ones (the funders'
    # report counting a year of registrations) cross jit_above_cost and then spend 100 ms or more
    # compiling what runs in a fraction of that.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# /healthz reads the newest rows of these tables (core.views.healthz): a database that is
# unreachable, empty or whose core tables cannot be read answers 503, not only a dead server.
HEALTHZ_MODELS = ["regions.District", "regions.Municipality", "events.Event"]

# "default" holds per-process read caches. Rate-limit counters must be shared by every worker
# and app server: with REDIS_URL they live in Redis; without it (one process, development)
# they fall back to memory.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sfi"},
    "ratelimit": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sfi-ratelimit"}
    ),
}
RATELIMIT_USE_CACHE = "ratelimit"
# Without REDIS_URL, `check --deploy` warns (core.checks) unless the deployment states that it runs
# as one process; WEB_CONCURRENCY is gunicorn's worker count, read to catch a contradiction.
SINGLE_PROCESS = env_bool("SINGLE_PROCESS", False)
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 1)
# Behind a reverse proxy, the client address is in a header the proxy sets (e.g. HTTP_X_REAL_IP).
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY") or None

AUTH_USER_MODEL = "accounts.User"

# --- Passwords --------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time -----------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if PRODUCTION else 0
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# --- Security -----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preload is on so check --deploy passes; a deployment on a shared parent domain can turn it off.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- E-mail -------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds one SMTP step (connect, a command, its answer) may take; the worker's send path uses it.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Support für Initiative <support@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- The project's public identity (shown on pages and in JSON-LD) -------------
ORGANISER_NAME = "Kulturbüro Sachsen e.V."
ORGANISER_URL = env_str("ORGANISER_URL", "https://www.kulturbuero-sachsen.de")
PROJECT_NAME = "Support für Initiative"
FUNDING_LINE = env_str(
    "FUNDING_LINE",
    "Gefördert im Rahmen des Landesprogramms „Integrative Maßnahmen“ des Freistaates Sachsen.",
)

# --- Reports for funders (reports app) ----------------------------------------
# The key of the pseudonyms that count people after anonymisation (reports.pseudonyms); kept outside
# the database. Empty: derived from SECRET_KEY (changing either starts new pseudonyms).
REPORTS_PSEUDONYM_KEY = env_str("REPORTS_PSEUDONYM_KEY")
# The funding period offered as a quick choice on the report page, "2025-01-01/2026-12-31" (empty: none).
REPORTS_FUNDING_PERIOD = env_str("REPORTS_FUNDING_PERIOD")
# How long a computed report is reused for the same period and filters (the page, its exports and
# the comparison); the page says when it was computed and offers to compute it again. 0: never reused.
REPORTS_CACHE_SECONDS = env_int("REPORTS_CACHE_SECONDS", 600)

# --- Logging: no personal data ever goes to the log (see docs/security.md) ---
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact_tokens": {"()": "core.logging.RedactTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_tokens"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django logs the path of every 4xx/5xx response; personal-link tokens in it are
        # replaced by core.logging.RedactTokens before the console handler writes them.
        "django.db.backends": {"level": "INFO"},
        # At DEBUG, a missing template variable logs the whole template context (names,
        # addresses, messages): never below INFO, even with LOG_LEVEL=DEBUG.
        "django.template": {"level": "INFO"},
    },
}

SECURITY_CONTACT = env_str("SECURITY_CONTACT", "sicherheit@example.org")

# --- Privacy: retention rules and contact (privacy app, docs/security.md) -------
PRIVACY_CONTACT = env_str("PRIVACY_CONTACT", "datenschutz@example.org")
PRIVACY_RETENTION = {
    # Participant data is anonymised this many months after the event ended.
    "participant_months_after_event": env_int("RETENTION_PARTICIPANT_MONTHS", 12),
    # Unconfirmed, lapsed or cancelled registrations are deleted after this many days.
    "unconfirmed_days": env_int("RETENTION_UNCONFIRMED_DAYS", 30),
    # Explicit rule: the attendance list funders require (name and municipality of those who
    # attended) is kept this many years after the event, then anonymised like the rest.
    "attendance_list_years": env_int("RETENTION_ATTENDANCE_YEARS", 10),
    # The audit log of staff access is kept this many months.
    "audit_log_months": env_int("RETENTION_AUDIT_MONTHS", 24),
    # Sent and failed mails (addresses, personal links) are deleted after this many days.
    "mail_outbox_days": env_int("RETENTION_MAIL_DAYS", 30),
    # Board posts (Suche/Biete): anonymised this many days after they expired or were closed;
    # posts and alerts whose address was never confirmed are deleted after this many days.
    "board_closed_days": env_int("RETENTION_BOARD_CLOSED_DAYS", 90),
    "board_unconfirmed_days": env_int("RETENTION_BOARD_UNCONFIRMED_DAYS", 7),
    # Newsletter sign-ups never confirmed are deleted after this many days (unsubscribed
    # addresses go at once, see newsletter.services.unsubscribe).
    "newsletter_unconfirmed_days": env_int("RETENTION_NEWSLETTER_UNCONFIRMED_DAYS", 7),
    # The requester's contact data of a training request is anonymised this many months after
    # the request was closed (held, declined, withdrawn); the counts stay.
    "training_request_months_after_closed": env_int("RETENTION_TRAINING_REQUEST_MONTHS", 12),
    # Multipliers: when someone wrote to a multiplier (relay metadata) is deleted after this many
    # months; a deactivated multiplier's profile this many months after their last login.
    "multiplier_contact_months": env_int("RETENTION_MULTIPLIER_CONTACT_MONTHS", 12),
    "multiplier_inactive_months": env_int("RETENTION_MULTIPLIER_INACTIVE_MONTHS", 6),
}

# --- Accounts, two-factor login, lock-out (accounts, audit, backoffice apps) ----
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Older hashes still verify and are upgraded to Argon2 at the next login.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is slow on purpose; tests hash hundreds of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",  # django-axes: refuses locked-out accounts/addresses first
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "backoffice:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
# Back-office sessions end when the browser closes, and after SESSION_COOKIE_AGE at the latest.
STAFF_SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("STAFF_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2
# How long an invitation or first-admin set-up link works (it works once).
ACCOUNT_INVITATION_HOURS = 72
# REST API (api app): requests per token (django-ratelimit syntax) and how long public lists may be cached.
API_RATE_PER_TOKEN = env_str("API_RATE_PER_TOKEN", "600/m")
API_PUBLIC_MAX_AGE = env_int("API_PUBLIC_MAX_AGE", 60)
# Webhooks (webhooks app): seconds per attempt, retries with back-off (base × 2ⁿ up to the max),
# attempts per delivery, failed attempts in a row before a subscription is paused (with a mail),
# and whether receivers on private or loopback addresses are allowed (development and tests only).
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30)
WEBHOOK_RETRY_MAX_SECONDS = env_int("WEBHOOK_RETRY_MAX_SECONDS", 6 * 3600)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)
WEBHOOK_DISABLE_AFTER = env_int("WEBHOOK_DISABLE_AFTER", 20)
WEBHOOK_SENDING_TIMEOUT = env_int("WEBHOOK_SENDING_TIMEOUT", 60)
WEBHOOK_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", DEBUG)

# django-ratelimit rates for "Passwort vergessen?" (per client address, per typed address).
PASSWORD_RESET_RATE_PER_IP = env_str("PASSWORD_RESET_RATE_PER_IP", "10/h")
PASSWORD_RESET_RATE_PER_EMAIL = env_str("PASSWORD_RESET_RATE_PER_EMAIL", "3/h")
OTP_TOTP_ISSUER = PROJECT_NAME
OTP_TOTP_THROTTLE_FACTOR = 1  # doubling wait after each wrong code (django-otp)
# django-axes: lock an account after 5 failures and an address after 5 failures (each
# counted on its own), for 15 minutes; wrong 2FA codes count as failures too.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
# The login form's field is `username` (axes would look for the model's `email`); the callables
# normalise the address and read the client address like the rate limits (accounts/lockout.py).
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.username"
AXES_LOCKOUT_PARAMETERS = "accounts.lockout.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
# A successful login forgets only that account's failures (accounts.services.complete_login), never
# its address's: an attacker's own valid account must not reset the count of the address.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # our audit log records logins, without IP addresses
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]
AXES_VERBOSE = False

# --- Mail outbox, background jobs and the periodic scheduler (mail app) --------
# Jobs are rows in our own database (django-tasks-db); `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Periodic tasks are declared by their apps (PERIODIC_TASKS in <app>/contributions.py, every one
# idempotent); `manage.py run_scheduler` enqueues each at its interval. PERIODIC_TASK_INTERVALS
# holds this deployment's intervals that differ from the declared ones: {task path: seconds}.
# A row still `sending` after MAIL_SENDING_TIMEOUT belongs to a worker that died (killed while the
# SMTP server hung, say): the sweep puts it back in the queue and marks the dead worker's job
# failed. A live worker ends every SMTP conversation after two thirds of that time
# (mail.delivery), so it never loses a row it is still sending. With the sweep every
# EMAIL_TIMEOUT, such a row is sent again within about four times EMAIL_TIMEOUT.
MAIL_SENDING_TIMEOUT = env_int("MAIL_SENDING_TIMEOUT", 3 * EMAIL_TIMEOUT)
PERIODIC_TASK_INTERVALS = {"mail.tasks.sweep_outbox": env_int("MAIL_SWEEP_INTERVAL", EMAIL_TIMEOUT)}
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 10)
MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 30)  # 30 s, 1 min, 2 min, 4 min …
MAIL_RETRY_MAX_SECONDS = env_int("MAIL_RETRY_MAX_SECONDS", 60 * 60)
# Any other job still `RUNNING` after this long lost its worker; the sweep marks it failed. Keep it
# well above the longest job (a certificate mailing renders one PDF per attendee).
JOB_RUNNING_TIMEOUT = env_int("JOB_RUNNING_TIMEOUT", 60 * 60)
# Development: mail goes through SMTP to `manage.py mail_catcher` (bin/run starts it) and is
# readable at /_dev/mails/.
MAIL_CATCHER_PORT = env_int("MAIL_CATCHER_PORT", 1025)
MAIL_CATCHER_DIR = VAR_DIR / "mails"
if DEBUG and not env_str("EMAIL_HOST"):
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = MAIL_CATCHER_PORT

# --- Registrations (registrations app) -------------------------------------------
# Hours until an unconfirmed registration lapses and frees its place.
REGISTRATION_CONFIRM_HOURS = env_int("REGISTRATION_CONFIRM_HOURS", 48)
# Reminder mails before an event, in days (each sent once per confirmed place).
REGISTRATION_REMINDER_DAYS = [int(d) for d in env_list("REGISTRATION_REMINDER_DAYS", ["7", "1"])]
# django-ratelimit rates for the registration and lost-link forms. bench/rush.py sends
# everything from 127.0.0.1 and raises the per-address limit with REGISTRATION_RATE_PER_IP.
REGISTRATION_RATE_PER_IP = env_str("REGISTRATION_RATE_PER_IP", "30/h")
REGISTRATION_RATE_PER_EMAIL = env_str("REGISTRATION_RATE_PER_EMAIL", "5/h")

# --- Travel-cost reimbursement (conferences app) ----------------------------------
# Receipts are kept outside MEDIA_ROOT (never served as files; only the team downloads them).
REIMBURSEMENT_RECEIPTS_ROOT = Path(env_str("REIMBURSEMENT_RECEIPTS_ROOT", str(VAR_DIR / "private" / "receipts")))
REIMBURSEMENT_MAX_RECEIPT_MB = env_int("REIMBURSEMENT_MAX_RECEIPT_MB", 10)
# Bank details and receipts are erased this many months after the accounting deadline of the
# conference's year (month-day in the following year, default 31 March); totals stay for reports.
REIMBURSEMENT_ACCOUNTING_DEADLINE = env_str("REIMBURSEMENT_ACCOUNTING_DEADLINE", "03-31")
REIMBURSEMENT_KEEP_MONTHS = env_int("REIMBURSEMENT_KEEP_MONTHS", 6)
# The account the SEPA credit transfers (pain.001) are paid from.
REIMBURSEMENT_DEBTOR_NAME = env_str("REIMBURSEMENT_DEBTOR_NAME", "Kulturbuero Sachsen e.V.")
REIMBURSEMENT_DEBTOR_IBAN = env_str("REIMBURSEMENT_DEBTOR_IBAN", "")
REIMBURSEMENT_DEBTOR_BIC = env_str("REIMBURSEMENT_DEBTOR_BIC", "")

# --- Contact relay and initiative proposals (relay, network apps) ----------------
# django-ratelimit rates: contact messages per client address and per sender address (relay,
# used by initiatives and the Wegweiser), and initiative proposals per client address.
RELAY_RATE_PER_IP = env_str("RELAY_RATE_PER_IP", "10/h")
RELAY_RATE_PER_SENDER = env_str("RELAY_RATE_PER_SENDER", "5/h")
NETWORK_PROPOSAL_RATE = env_str("NETWORK_PROPOSAL_RATE", "5/h")

# --- Board of needs and offers, Suche/Biete (board app) -------------------------
# Hours a confirmation link (post or alert) stays valid; weeks a post is valid by default and at
# most; days before expiry the renewal mail goes out; posts listed in one alert mail at most.
BOARD_CONFIRM_HOURS = env_int("BOARD_CONFIRM_HOURS", 48)
BOARD_VALID_WEEKS = env_int("BOARD_VALID_WEEKS", 8)
BOARD_MAX_WEEKS = env_int("BOARD_MAX_WEEKS", 26)
BOARD_RENEWAL_DAYS = env_int("BOARD_RENEWAL_DAYS", 7)
BOARD_ALERT_MAX_POSTS = env_int("BOARD_ALERT_MAX_POSTS", 30)
# django-ratelimit rates (per client address and per e-mail address): new posts, reports of a
# post, alert subscriptions, "send me my links again". Replies use the relay's rates.
BOARD_POST_RATE = env_str("BOARD_POST_RATE", "5/h")
BOARD_REPORT_RATE = env_str("BOARD_REPORT_RATE", "10/h")
BOARD_ALERT_RATE = env_str("BOARD_ALERT_RATE", "5/h")
BOARD_LINK_RATE = env_str("BOARD_LINK_RATE", "5/h")
# --- Newsletter (newsletter app) -------------------------------------------------------
# How long the confirmation link of a sign-up holds; how many copies of an issue a sending puts
# into the outbox per minute (the worker sends them as they come); sign-up rates per client
# address and per address signed up.
NEWSLETTER_CONFIRM_HOURS = env_int("NEWSLETTER_CONFIRM_HOURS", 72)
NEWSLETTER_RATE_PER_MINUTE = env_int("NEWSLETTER_RATE_PER_MINUTE", 300)
NEWSLETTER_SIGNUP_RATE = env_str("NEWSLETTER_SIGNUP_RATE", "20/h")
NEWSLETTER_SIGNUP_RATE_PER_EMAIL = env_str("NEWSLETTER_SIGNUP_RATE_PER_EMAIL", "3/h")
# --- Training requests (training_requests app) -----------------------------------
# Hours the address confirmation link of a training request stays valid; django-ratelimit
# rates for the public request form per client address and per requester address.
TRAINING_REQUEST_CONFIRM_HOURS = env_int("TRAINING_REQUEST_CONFIRM_HOURS", 72)
TRAINING_REQUEST_RATE_PER_IP = env_str("TRAINING_REQUEST_RATE_PER_IP", "10/h")
TRAINING_REQUEST_RATE_PER_EMAIL = env_str("TRAINING_REQUEST_RATE_PER_EMAIL", "5/h")

# The retention rules run hourly (privacy app); RETENTION_INTERVAL (seconds) changes that.
if env_str("RETENTION_INTERVAL"):
    PERIODIC_TASK_INTERVALS["privacy.tasks.apply_retention"] = env_int("RETENTION_INTERVAL", 60 * 60)
# Any periodic task's interval, as JSON {task path: seconds}, over everything above: e.g.
# PERIODIC_TASK_INTERVALS_JSON='{"registrations.tasks.send_reminders": 900}' (bench/cluster.py
# shortens them all). A path no app declares is refused when the scheduler starts.
if env_str("PERIODIC_TASK_INTERVALS_JSON"):
    try:
        _intervals = json.loads(env_str("PERIODIC_TASK_INTERVALS_JSON"))
        PERIODIC_TASK_INTERVALS.update({str(path): int(seconds) for path, seconds in _intervals.items()})
    except (ValueError, TypeError, AttributeError) as exc:
        raise ImproperlyConfigured(
            "PERIODIC_TASK_INTERVALS_JSON must be a JSON object of task paths and seconds, "
            f'e.g. {{"mail.tasks.sweep_outbox": 20}}: {exc}'
        ) from exc
