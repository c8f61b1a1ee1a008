"""SITE_BASE_URL follows the port `make run` serves, so emailed links and QR codes reach it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "from django.conf import settings; "
    "print(settings.SITE_BASE_URL, settings.WAGTAILADMIN_BASE_URL)"
)


def base_urls(**env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_BASE_URL"}}
    clean.update(DJANGO_SETTINGS_MODULE="website.settings.dev", **env)
    done = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=clean, capture_output=True,
                          text=True, check=True, timeout=60)  # fmt: skip
    return done.stdout.split()


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "http://127.0.0.1:8000"),
    ({"PORT": "8123"}, "http://127.0.0.1:8123"),
    ({"PORT": "8123", "SITE_BASE_URL": "https://involve.example.nhs.uk"},
     "https://involve.example.nhs.uk"),
    ({"PORT": "8123", "SITE_BASE_URL": ""}, "http://127.0.0.1:8123"),
])  # fmt: skip
def test_site_base_url_is_built_from_port_unless_set(env, expected):
    assert base_urls(**env) == [expected, expected]
