"""Encryption at rest for personal contact details (Fernet: AES with an HMAC)."""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def check_keys(keys: list[str]) -> None:
    """Refuse to start with a malformed FIELD_ENCRYPTION_KEYS, naming which key, not its value."""
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS: key {number} of {len(keys)} is not a Fernet key (32 "
                'url-safe base64-encoded bytes). Make one with: python -c "from '
                'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
            ) from exc


def _fernet() -> MultiFernet:
    """Keys from FIELD_ENCRYPTION_KEYS (newest first, so keys can be rotated)."""
    keys = [k for k in settings.FIELD_ENCRYPTION_KEYS if k]
    if not keys:
        # Dev and test only: production settings refuse to start without a key.
        digest = hashlib.sha256(settings.SECRET_KEY.encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt_json(value: dict) -> bytes:
    """Encrypt a small JSON-able dict."""
    return _fernet().encrypt(json.dumps(value, separators=(",", ":")).encode())


def decrypt_json(token: bytes) -> dict:
    """Decrypt what `encrypt_json` made; raises ValueError if the key is wrong."""
    try:
        return json.loads(_fernet().decrypt(bytes(token)))
    except InvalidToken as exc:
        raise ValueError("Cannot decrypt: wrong key or damaged data") from exc
