"""Fixtures for sign-in tests: staff accounts, codes computed as an authenticator app would."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Permission
from django.core.cache import caches

from website.factories import UserFactory

PASSWORD = "a-long-staff-passphrase-42"


def app_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for `device`, `steps_ahead` 30-second steps on."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def mfa_required(settings):
    """The production rule: every signed-in account passes the second step."""
    settings.MFA_REQUIRED = True
    return settings


@pytest.fixture
def staff(db):
    """A member of staff with admin access and no device yet."""
    user = UserFactory(username="sam-staff", password=PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    # Failed sign-ins live in a database cache table that no rollback or flush empties.
    caches["axes"].clear()
    yield user
    caches["axes"].clear()


@pytest.fixture
def administrator(db):
    return UserFactory(username="ada-admin", is_superuser=True, password=PASSWORD)


@pytest.fixture
def enrolled(staff):
    """`staff` with a confirmed authenticator app; returns the device."""
    return TOTPDevice.objects.create(user=staff, name="Authenticator app", confirmed=True)
