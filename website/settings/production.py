"""Production settings: no defaults for secrets or hosts; refuses to start without them."""

import os

from django.core.exceptions import ImproperlyConfigured

from website.settings.base import *  # noqa: F403
from website.settings.base import CONN_MAX_AGE, DATABASES

# EMAIL_HOST and SITE_BASE_URL: safeguarding alerts must reach a mail server and link back here.
_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "FIELD_ENCRYPTION_KEYS",
             "EMAIL_HOST", "SITE_BASE_URL")  # fmt: skip
_missing = [name for name in _REQUIRED if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(f"Production settings need these environment variables: {_missing}")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are sent only over HTTPS, only to this host and path /, so neither a subdomain
# nor plain HTTP can set or read them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
DEMO_USERS_ENABLED = False
# Every staff account passes the second step, whatever MFA_REQUIRED says.
MFA_REQUIRED = True
# base.py opens a new SQLite connection per request (safe for runserver's threads); under
# gunicorn's worker processes a kept connection is safe and saves re-reading the schema each
# time, which halved feedback submission throughput (bench/submit.py).
DATABASES["default"]["CONN_MAX_AGE"] = CONN_MAX_AGE
