"""Settings for `make run` on one machine: SQLite and a local Redis unless told otherwise."""

import os

from website.settings.base import *  # noqa: F403
from website.settings.base import DATABASES, RUN_DIR, STORAGES

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = RUN_DIR / "mail"
DEMO_USERS_ENABLED = True
# The demo logins sign in with a password alone unless MFA_REQUIRED=1 is set.
MFA_REQUIRED = os.environ.get("MFA_REQUIRED", "0") == "1"
# runserver starts a thread per request, and each would keep its own connection open (Django's
# advice: no persistent connections in development); production keeps them, under gunicorn.
DATABASES["default"]["CONN_MAX_AGE"] = 0
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None
# Static files come straight from the apps through WhiteNoise's finders: no collectstatic, so no
# manifest of hashed names either.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
