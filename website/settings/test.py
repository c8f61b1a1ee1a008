"""Settings for pytest: the same stack as dev, with a file database a real worker can share."""

import os

from website.settings.base import *  # noqa: F403
from website.settings.base import CACHES, DATABASES, RUN_DIR

# The Redis the test session starts (tests/conftest.py), on a port of its own.
REDIS_URL = f"redis://127.0.0.1:{os.environ.get('TEST_REDIS_PORT', '6392')}/0"
CELERY_BROKER_URL = REDIS_URL
CACHES["default"]["LOCATION"] = REDIS_URL.rsplit("/", 1)[0] + "/1"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None

SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("TEST_EMAIL_DIR"):
    # The Celery worker the tests start writes mail where the tests can read it.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TEST_EMAIL_DIR"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Alert retries 1, 2, 4, 8 s apart, so the real worker gives up on an alert within a test.
SAFEGUARDING_ALERT_RETRY_SECONDS = 1
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_USERS_ENABLED = True
# Tests that sign in through the second step turn it on (tests/accounts/); the rest use
# force_login with a password-only session.
MFA_REQUIRED = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not os.environ.get("TEST_WORKER"):
    # A file, not memory, so the Celery worker started by the tests sees the same rows.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("TEST_SQLITE_PATH", str(RUN_DIR / "test.sqlite3"))
    }
