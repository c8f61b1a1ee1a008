"""Production settings fail loudly without their secrets, and static files collect cleanly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "FIELD_ENCRYPTION_KEYS",
            "EMAIL_HOST", "SITE_BASE_URL"]  # fmt: skip


@pytest.fixture
def production_env(tmp_path) -> dict:
    """A complete set of production variables with throwaway values."""
    env = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="p" * 60,
        ALLOWED_HOSTS="involve.example.nhs.uk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        EMAIL_HOST="smtp.example.nhs.uk",
        SITE_BASE_URL="https://involve.example.nhs.uk",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    return env


def django_setup(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_start_with_every_variable_set(production_env):
    result = django_setup(production_env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", REQUIRED)
@pytest.mark.parametrize("how", ["unset", "empty"])
def test_production_settings_refuse_to_start_without(production_env, name, how):
    # given
    if how == "unset":
        del production_env[name]
    else:
        production_env[name] = ""
    # when
    result = django_setup(production_env)
    # then
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr


def test_production_is_never_in_debug_and_sends_secure_cookies(production_env):
    production_env["DEBUG"] = "1"
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEMO_USERS_ENABLED)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=production_env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["False", "True", "True", "False"], result.stderr


def test_collectstatic_with_manifest_storage(production_env, tmp_path):
    # when
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # then
    assert result.returncode == 0, result.stderr
    static = tmp_path / "static"
    assert (static / "staticfiles.json").exists()
    hashed_css = list((static / "wagtailnhsukfrontend" / "css").glob("nhsuk-frontend-*.*.min.css"))
    assert hashed_css, "NHS.UK frontend CSS is collected under a hashed name"
    # The collected copy is the one without remote web fonts (website/static_finders.py).
    assert all("assets.nhs.uk" not in css.read_text() for css in hashed_css)
    assert list((static / "involve").glob("involve.*.js")), "the site's own JS is hashed too"
    assert list((static / "involve").glob("involve.*.css.gz")), "compressed copies for whitenoise"
