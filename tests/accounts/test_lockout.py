"""Failed passwords against the real login view: lockout by username and by address, unlock."""

import re

import pytest

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.accounts.conftest import PASSWORD, app_code
from website.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PAUSED = "Signing in is paused"


def main_of(response) -> str:
    """The page's main content (the rest carries a fresh CSRF mask on every response)."""
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


def sign_in(client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )  # fmt: skip


def test_five_wrong_passwords_pause_signing_in_for_that_username(client, staff):
    # given four wrong passwords: each is an ordinary error
    for _ in range(4):
        response = sign_in(client, staff.username, "wrong-password")
        assert response.status_code == 200
        assert PAUSED not in response.content.decode()
    # when the fifth is wrong too
    response = sign_in(client, staff.username, "wrong-password")
    # then signing in is paused, even with the right password, from another address too
    assert response.status_code == 429
    assert PAUSED in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert sign_in(client, staff.username, PASSWORD).status_code == 429
    assert sign_in(client, staff.username, PASSWORD, address="198.51.100.7").status_code == 429
    assert "_auth_user_id" not in client.session
    # and the trail shows each failure and the lockout, without the address
    assert AuditEvent.objects.filter(action="login.failed").count() == 7
    # (each try while locked out counts, and is logged, again)
    locked = AuditEvent.objects.filter(action="login.locked").first()
    assert locked.object_id == str(staff.pk)
    assert "192.0.2.10" not in str(list(AuditEvent.objects.values()))


def test_the_pause_reads_the_same_whether_or_not_the_username_exists(client, staff):
    for _ in range(5):
        known = sign_in(client, staff.username, "wrong-password", address="192.0.2.1")
        unknown = sign_in(client, "nobody-here", "wrong-password", address="192.0.2.2")
    assert known.status_code == unknown.status_code == 429
    assert main_of(known) == main_of(unknown)
    assert PAUSED in main_of(known)


def test_five_failures_from_one_address_pause_it_for_every_username(client, staff):
    # given five wrong passwords for five different usernames from one address
    for n in range(5):
        sign_in(client, f"guess-{n}", "wrong-password", address="203.0.113.5")
    # then that address cannot sign in, even to a real account with its password
    assert sign_in(client, staff.username, PASSWORD, address="203.0.113.5").status_code == 429
    # while the account signs in from elsewhere
    response = sign_in(client, staff.username, PASSWORD, address="198.51.100.9")
    assert response.status_code == 302


def test_an_administrator_unlocks_an_account(client, staff, administrator):
    # given a locked account
    for n in range(5):
        sign_in(client, staff.username, "wrong-password", address=f"192.0.2.{n + 20}")
    admin_client = client.__class__()
    admin_client.force_login(administrator)
    page = admin_client.get(f"/admin/sign-in/users/{staff.pk}/")
    assert "Locked: 5 unsuccessful attempts" in page.content.decode()
    assert sign_in(client, staff.username, PASSWORD, address="198.51.100.1").status_code == 429
    # when an administrator unlocks it
    admin_client.post(f"/admin/sign-in/users/{staff.pk}/unlock/")
    # then it signs in again at once, and the unlock is audited
    assert sign_in(client, staff.username, PASSWORD, address="198.51.100.1").status_code == 302
    event = AuditEvent.objects.get(action="login.unlocked")
    assert (event.user, event.object_id) == (administrator, str(staff.pk))


def test_a_successful_sign_in_and_sign_out_are_audited(client, staff):
    assert sign_in(client, staff.username, PASSWORD).status_code == 302
    client.post("/admin/logout/")
    events = AuditEvent.objects.filter(user=staff).order_by("pk")
    assert list(events.values_list("action", flat=True)) == ["login.succeeded", "logout"]


def test_the_whole_sign_in_with_password_and_code(client, mfa_required, enrolled):
    # the real login view, then the second step
    response = sign_in(client, enrolled.user.username, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").url.startswith("/admin/sign-in/verify/")
    assert client.post("/admin/sign-in/verify/", {"code": app_code(enrolled)}).status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("Short-pass1", "at least 12 characters"),
        ("password1234", "too common"),
        ("sam-staff-2026", "too similar"),
    ],
)
def test_weak_passwords_are_refused(staff, password, why):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=staff)
    assert why in " ".join(refused.value.messages)


def test_a_long_uncommon_password_is_accepted(staff):
    validate_password("correct horse battery staple", user=staff)


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(client, staff, settings):
    # given the load balancer's address on every request, and the client's in X-Forwarded-For
    settings.TRUSTED_PROXY_COUNT = 1

    def via_proxy(username, password, address):
        return client.post(
            LOGIN, {"username": username, "password": password},
            REMOTE_ADDR="127.0.0.9", HTTP_X_FORWARDED_FOR=address,
        )  # fmt: skip

    # when one client fails five times
    for n in range(5):
        via_proxy(f"guess-{n}", "wrong-password", "192.0.2.50")
    # then that client is paused, and another behind the same proxy is not
    assert via_proxy(staff.username, PASSWORD, "192.0.2.50").status_code == 429
    assert via_proxy(staff.username, PASSWORD, "198.51.100.60").status_code == 302
