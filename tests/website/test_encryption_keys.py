"""FIELD_ENCRYPTION_KEYS is checked when settings load: a malformed key stops the start with a
message naming the variable and the key's position, never the key itself."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
BAD_KEY = "not-a-fernet-key-but-a-secret-lookalike"


def django_setup(keys: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.test",
           "FIELD_ENCRYPTION_KEYS": keys}  # fmt: skip
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)  # fmt: skip


@pytest.mark.parametrize(
    ("keys", "position"),
    [(BAD_KEY, "key 1 of 1"), (f"{Fernet.generate_key().decode()},{BAD_KEY}", "key 2 of 2")],
)
def test_a_malformed_key_stops_the_start_with_a_clear_message(keys, position):
    result = django_setup(keys)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"FIELD_ENCRYPTION_KEYS: {position} is not a Fernet key" in result.stderr
    assert BAD_KEY not in result.stderr


def test_good_keys_start_with_spaces_after_the_commas():
    keys = f"{Fernet.generate_key().decode()}, {Fernet.generate_key().decode()}"

    assert django_setup(keys).returncode == 0
