"""Settings shared by every environment; each environment variable is read once, here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from website.crypto import check_keys

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# --- Environment variables: name, type and default, declared once -------------------------
RUN_DIR = Path(os.environ.get("RUN_DIR", BASE_DIR / "var"))
# Where collectstatic writes (production: a directory the web server or a CDN serves).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", RUN_DIR / "static"))
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = os.environ.get("DEBUG", "") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{RUN_DIR / 'involve.sqlite3'}"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6390/0")
CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL", "")
# The port `make run` serves on; unless SITE_BASE_URL is set, emailed links and QR codes use it.
PORT = int(os.environ.get("PORT", "8000"))
SITE_BASE_URL = os.environ.get("SITE_BASE_URL") or f"http://127.0.0.1:{PORT}"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "involve@example.nhs.uk")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "Involve NHS Trust")
DEMO_USERS_ENABLED = False
# Fernet keys for contact details at rest, comma-separated, newest first.
FIELD_ENCRYPTION_KEYS = [
    k.strip() for k in os.environ.get("FIELD_ENCRYPTION_KEYS", "").split(",") if k.strip()
]
check_keys(FIELD_ENCRYPTION_KEYS)  # a malformed key stops the start, not the first submission
FEEDBACK_RETENTION_DAYS = int(os.environ.get("FEEDBACK_RETENTION_DAYS", str(3 * 365)))
CONTACT_RETENTION_DAYS = int(os.environ.get("CONTACT_RETENTION_DAYS", "90"))
# Panels: one invitation per member per this many days, across every recruitment.
PANEL_CONTACT_CAP_DAYS = int(os.environ.get("PANEL_CONTACT_CAP_DAYS", "14"))
# A member who has not renewed consent for this long is deleted (warned 30 and 7 days before).
PANEL_CONSENT_RENEW_DAYS = int(os.environ.get("PANEL_CONSENT_RENEW_DAYS", str(2 * 365)))
# Anonymous consent records are kept this long after withdrawal (proof of consent).
PANEL_CONSENT_RECORD_DAYS = int(os.environ.get("PANEL_CONSENT_RECORD_DAYS", str(6 * 365)))
# Salt for the rotating hash of client addresses in rate limits; never stored with feedback.
RATE_LIMIT_SALT = os.environ.get("RATE_LIMIT_SALT", "")
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "10"))  # posts per window
FEEDBACK_RATE_WINDOW_SECONDS = int(os.environ.get("FEEDBACK_RATE_WINDOW_SECONDS", "600"))
# Proxies in front of the web servers that append to X-Forwarded-For (a load balancer: 1). With 0
# the client address is REMOTE_ADDR and the header is ignored, so no client can choose its own.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# How long the sweeper leaves a response before queueing it again, and how often it runs;
# bench/faults.py shortens both so that a lost message is recovered within its run.
FEEDBACK_SWEEP_GRACE_SECONDS = int(os.environ.get("FEEDBACK_SWEEP_GRACE_SECONDS", "120"))
FEEDBACK_SWEEP_INTERVAL_SECONDS = int(os.environ.get("FEEDBACK_SWEEP_INTERVAL_SECONDS", "60"))
# After a failed send to the broker, skip sending for this long (the sweeper queues the rows).
BROKER_CIRCUIT_SECONDS = float(os.environ.get("BROKER_CIRCUIT_SECONDS", "5"))
# /readyz says "degraded" when a heartbeat or the oldest unprocessed response is older (seconds).
READYZ_WORKER_MAX_AGE = int(os.environ.get("READYZ_WORKER_MAX_AGE", "90"))
READYZ_BEAT_MAX_AGE = int(os.environ.get("READYZ_BEAT_MAX_AGE", "150"))
READYZ_BACKLOG_MAX_AGE = int(os.environ.get("READYZ_BACKLOG_MAX_AGE", "300"))
# Wait before retrying a safeguarding alert that could not be sent, doubled per attempt.
SAFEGUARDING_ALERT_RETRY_SECONDS = int(os.environ.get("SAFEGUARDING_ALERT_RETRY_SECONDS", "30"))
# Days a new FHIR API token works before it expires (revoking stops one at once).
API_TOKEN_MAX_AGE_DAYS = int(os.environ.get("API_TOKEN_MAX_AGE_DAYS", "365"))
# Staff sign-in (issue 10): a second factor for every account (production always requires it;
# the development settings do not, for the demo logins), lockout after failed passwords, and
# session limits: signed out after this long idle, and this long after signing in at most.
MFA_REQUIRED = os.environ.get("MFA_REQUIRED", "1") == "1"
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_COOLOFF_MINUTES = int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15"))
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_MAX_AGE_SECONDS = int(os.environ.get("SESSION_MAX_AGE_SECONDS", str(12 * 60 * 60)))
# Seconds between two "what changed" emails from one worker, for a mail relay's rate limit.
OUTCOME_EMAIL_PAUSE_SECONDS = float(os.environ.get("OUTCOME_EMAIL_PAUSE_SECONDS", "0"))
# ------------------------------------------------------------------------------------------

INSTALLED_APPS = [
    "website",
    "accounts",
    "feedback",
    "involvement",
    "panels",
    "wagtailnhsukfrontend",
    "wagtailnhsukfrontend.forms",
    "wagtailnhsukfrontend.settings",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
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
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "website.middleware.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL: /cy/... is Welsh, every other address English.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.session_ended.SessionEndedMiddleware",
    "accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the cool-off page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server and the Celery worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# The package's migrations were made with AutoField; BigAutoField would make new ones for it.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# The cache (and the rate limits in it) may be lost at any time: when Redis is down, reads miss
# and writes are dropped, and the site carries on.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": CACHE_REDIS_URL or REDIS_URL.rsplit("/", 1)[0] + "/1",
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Its failures go to a logger of their own, which logs one line per outage (see LOGGING).
DJANGO_REDIS_LOGGER = "django_redis"

# Where django-axes counts failed sign-ins: a database table, so that a cache outage neither
# stops nor unlocks signing in (the Redis cache would fail open), under hashed keys only.
CACHES["axes"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "accounts_signin_attempts",
}

# --- Staff sign-in ------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Locked by username and, separately, by client address, for LOGIN_COOLOFF_MINUTES after
# LOGIN_FAILURE_LIMIT failures within that time; the cool-off page does not say whether the
# username exists. Nothing about the client is stored: see accounts/lockout.py.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "axes"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_ENABLE_ADMIN = False
OTP_TOTP_ISSUER = ORGANISATION_NAME
# Idle limit: every request of a signed-in session moves its expiry on; the 12-hour limit is
# accounts.middleware.SessionLimitsMiddleware. Sign-out deletes the session row.
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
# Wagtail's reset form, whose email a Celery worker sends (a dotted path, not a password).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.password_reset.QueuedPasswordResetForm"  # noqa: S105
# No avatars from gravatar.com and no version check against releases.wagtail.org: the admin
# makes no request to any other host either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

LANGUAGE_CODE = "en-gb"
# English and Welsh (issue 16 item 3): public pages in Welsh live under /cy/; English keep theirs.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_FINDERS = [
    "website.static_finders.LocalFontsNhsukFinder",  # first, so its copy wins
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = RUN_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "website.storage.ManifestStaticStorage"},
}

WAGTAIL_SITE_NAME = ORGANISATION_NAME
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Wagtail's own background work runs in process; Celery carries the product's work.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}

# Public forms are small; anything bigger is refused before a view sees it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

CSRF_FAILURE_VIEW = "website.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing on the site needs these browser features; refuse them to every page and frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
        "usb", "xr-spatial-tracking",
    )
}  # fmt: skip

# No request leaves for any other host, so the policy can be strict; the admin needs inline
# styles and scripts of its own, which csp.middleware allows through a separate path policy.
# It needs no 'unsafe-eval': Wagtail 8's bundles only reach for Function() in polyfills that
# modern browsers never run (tests/browser/test_staff_sign_in.py watches for violations).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
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
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# --- Celery -----------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fixup closes the database connection around every task unless told to reuse
# it; reconnecting costs more than a feedback task (on SQLite, closing the last connection
# checkpoints the WAL), so a worker reconnects every 100 tasks, and after any database error.
CELERY_DB_REUSE_MAX = 100
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than the hard time limit, so a slow task is not redelivered while it still runs.
    "visibility_timeout": 600,
    # A web request gives up on an unreachable broker within half a second: one connect, no
    # retry (kombu otherwise sleeps interval_start, 2 s, before a second try). The worker's own
    # reconnect loop passes its own retries (broker_connection_max_retries) and is unaffected.
    "socket_connect_timeout": 0.5,
    "socket_timeout": 2,
    "max_retries": 0,
}
# Publishing from a web request must give up quickly when Redis is down.
CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_DEFAULT_QUEUE = "maintenance"
CELERY_TASK_ROUTES = {
    # Exact names win over the patterns below: the alert is mail, the sweeps are housekeeping.
    "feedback.tasks.send_safeguarding_alert": {"queue": "email"},
    "accounts.tasks.send_password_reset": {"queue": "email"},
    "feedback.tasks.sweep_stuck_feedback": {"queue": "maintenance"},
    "feedback.tasks.enforce_retention": {"queue": "maintenance"},
    "feedback.*": {"queue": "feedback"},
    "*.send_*": {"queue": "email"},
    "website.*": {"queue": "maintenance"},
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {"task": "website.tasks.publish_scheduled_pages", "schedule": 60.0},
    "sweep-outcome-emails": {
        "task": "involvement.outcome_tasks.sweep_outcome_emails",
        "schedule": 60.0,
    },
    "delete-old-outcome-subscriptions": {
        "task": "involvement.outcome_tasks.delete_old_subscriptions",
        "schedule": 24 * 60 * 60.0,
    },
    "heartbeat": {"task": "website.tasks.heartbeat", "schedule": 60.0},
    "delete-unconfirmed-panel-sign-ups": {
        "task": "panels.tasks.delete_unconfirmed",
        "schedule": 60 * 60.0,
    },
    "panel-consent-retention": {
        "task": "panels.tasks.enforce_retention",
        "schedule": 24 * 60 * 60.0,
    },
    "sweep-stuck-feedback": {
        "task": "feedback.tasks.sweep_stuck_feedback",
        "schedule": float(FEEDBACK_SWEEP_INTERVAL_SECONDS),
    },
    "enforce-retention": {"task": "feedback.tasks.enforce_retention", "schedule": 24 * 60 * 60.0},
    "delete-expired-interest": {
        "task": "involvement.tasks.delete_expired_interest",
        "schedule": 24 * 60 * 60.0,
    },
    "enforce-audit-retention": {
        "task": "website.tasks.enforce_audit_retention",
        "schedule": 24 * 60 * 60.0,
    },
}
CELERY_TIMEZONE = TIME_ZONE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"cache_outage": {"()": "website.cache_logging.CacheOutageFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # Request logs would carry client addresses; the web server's own access log is off too.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Its warnings name the username and client; the audit trail records lockouts instead.
        "axes": {"level": "ERROR"},
        # One warning when a cache outage starts, one line when it ends; not one per call.
        "django_redis": {"filters": ["cache_outage"]},
    },
}
