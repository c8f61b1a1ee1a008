"""Second factor for staff with django-otp: an authenticator app (TOTP) and recovery codes.

Replayed codes are refused by TOTPDevice itself (it remembers the last time step used), and
repeated wrong codes slow down through django-otp's throttling.
"""

import base64

import segno
from django_otp import devices_for_user, login, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from website import audit

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_enrolled(*, user) -> bool:
    """Whether the user has a confirmed authenticator app."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_verified(*, user) -> bool:
    """Whether this request's user passed the second step (OTPMiddleware's check, or the device
    django_otp.login just attached when the user signed in during this request)."""
    check = getattr(user, "is_verified", None)
    return check() if check is not None else getattr(user, "otp_device", None) is not None


def pending_device(*, user) -> TOTPDevice:
    """The unconfirmed device being set up; the same one until it is confirmed."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def setup_key(*, device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for people who type it instead of scanning."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(*, device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code."""
    qr = segno.make(device.config_url, error="m")
    # Dark on white with the standard quiet zone, so it scans in the admin's dark theme too.
    return qr.svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title="QR code for your authenticator app"
    )


@transaction.atomic
def confirm_enrolment(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with its first code; returns new recovery codes, or None if refused."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user=device.user)
    login(request, device)
    audit.record(user=device.user, action="mfa.enrolled", obj=device.user)
    return codes


def verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code from the app or a recovery code; on success the session is verified."""
    user = request.user
    device = match_token(user, token.strip().replace(" ", "").lower()) if token else None
    if device is None:
        audit.record(user=user, action="mfa.failed", obj=user, outcome="refused")
        return False
    login(request, device)
    detail = "recovery code" if isinstance(device, StaticDevice) else ""
    audit.record(user=user, action="mfa.verified", obj=user, detail=detail)
    return True


def recovery_codes_left(*, user) -> int:
    """Unused recovery codes."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def reset(*, user, by) -> None:
    """Remove every device of `user`: they set up a new app the next time they sign in."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    audit.record(user=by, action="mfa.reset", obj=user)


def _new_recovery_codes(*, user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def required() -> bool:
    """Whether every signed-in account must pass the second step (always in production)."""
    return settings.MFA_REQUIRED
