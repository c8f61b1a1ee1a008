"""Settings for pytest: the same stack as dev, with a file database a real worker can share."""

import os

from website.settings.base import *  # noqa: F403
from website.settings.base import DATABASES, RUN_DIR

SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_USERS_ENABLED = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so the Celery worker started by the tests sees the same rows.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("TEST_SQLITE_PATH", str(RUN_DIR / "test.sqlite3"))
    }
