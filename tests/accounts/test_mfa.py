"""The second step of signing in, against the real views: set-up, codes, replays, resets."""

import re

import pytest
import time_machine
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.urls import reverse

from tests.accounts.conftest import app_code
from website.models import AuditEvent

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def actions(user=None) -> list[str]:
    events = AuditEvent.objects.order_by("pk")
    return list((events.filter(user=user) if user else events).values_list("action", flat=True))


def test_a_password_alone_reaches_no_admin_page(client, mfa_required, staff):
    # given a member of staff signed in with their password only
    client.force_login(staff)
    # when they ask for admin pages
    for path in [HOME, "/admin/pages/", "/admin/feedback-review/", "/admin/account/"]:
        response = client.get(path)
        # then each leads to setting up the second step, and back afterwards
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:enrol") + "?next=")
        assert path.replace("/", "%2F") in response.url


def test_enrolment_shows_a_qr_code_then_recovery_codes_once(client, mfa_required, staff):
    # given
    client.force_login(staff)
    # when they open the set-up page
    page = client.get(reverse("accounts:enrol"), {"next": "/admin/pages/"})
    # then it shows a QR code and the key to type instead, with a proper title
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "QR code for your authenticator app" in html
    assert "<title>Set up two-factor authentication - " in html
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    # the same device while it is being set up (reloading does not change the QR code)
    client.get(reverse("accounts:enrol"))
    assert TOTPDevice.objects.filter(user=staff).count() == 1

    # when they confirm a code from the app
    done = client.post(
        reverse("accounts:enrol"), {"code": app_code(device), "next": "/admin/pages/"}
    )
    # then the recovery codes are shown, once, and the admin opens
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(codes)
    assert 'href="/admin/pages/"' in done.content.decode()
    assert client.get(HOME).status_code == 200
    assert "mfa.enrolled" in actions(staff)
    # and going back to the set-up page shows no codes again
    again = client.get(reverse("accounts:enrol"))
    assert again.status_code == 302 and "<code>" not in again.content.decode()


def test_enrolment_refuses_a_wrong_code(client, mfa_required, staff):
    client.force_login(staff)
    client.get(reverse("accounts:enrol"))
    response = client.post(reverse("accounts:enrol"), {"code": "000000"})
    assert response.status_code == 200
    assert "That code was not accepted" in response.content.decode()
    assert "<title>Error: Set up two-factor authentication" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert client.get(HOME).status_code == 302


def test_sign_in_with_a_code_from_the_app(client, mfa_required, enrolled):
    # given an enrolled member of staff who has just given their password
    staff = enrolled.user
    client.force_login(staff)
    response = client.get("/admin/pages/")
    assert response.url == reverse("accounts:verify") + "?next=%2Fadmin%2Fpages%2F"
    verify = client.get(response.url)
    assert "<title>Enter your security code - " in verify.content.decode()
    # when they enter the code their app shows
    response = client.post(
        reverse("accounts:verify"), {"code": app_code(enrolled), "next": "/admin/pages/"}
    )
    # then they reach the page they asked for
    assert response.status_code == 302 and response.url == "/admin/pages/"
    assert client.get(HOME).status_code == 200
    assert "mfa.verified" in actions(staff)


def test_a_wrong_code_is_refused_and_audited(client, mfa_required, enrolled):
    client.force_login(enrolled.user)
    response = client.post(reverse("accounts:verify"), {"code": "123456"})
    assert response.status_code == 200
    assert "That code was not accepted" in response.content.decode()
    assert client.get(HOME).status_code == 302
    assert AuditEvent.objects.filter(action="mfa.failed", outcome="refused").count() == 1


def test_a_code_already_used_is_refused(client, mfa_required, enrolled):
    # given a code that signed in once
    code = app_code(enrolled)
    client.force_login(enrolled.user)
    assert client.post(reverse("accounts:verify"), {"code": code}).status_code == 302
    # when the same code is offered again, in a new session (someone who saw it typed)
    client.logout()
    client.force_login(enrolled.user)
    response = client.post(reverse("accounts:verify"), {"code": code})
    # then it is refused
    assert response.status_code == 200
    assert client.get(HOME).status_code == 302


def test_wrong_codes_slow_down_further_tries(client, mfa_required, enrolled):
    # given three wrong codes in a row
    client.force_login(enrolled.user)
    with time_machine.travel("2026-06-17 10:00:00+00:00", tick=False) as traveller:
        for _ in range(3):
            client.post(reverse("accounts:verify"), {"code": "000000"})
        # when the right code comes at once, it is refused (django-otp's throttling: 4 s)
        assert (
            client.post(reverse("accounts:verify"), {"code": app_code(enrolled)}).status_code == 200
        )
        # then it works once the wait has passed
        traveller.shift(10)
        response = client.post(reverse("accounts:verify"), {"code": app_code(enrolled)})
    assert response.status_code == 302


def test_a_recovery_code_works_once(client, mfa_required, staff):
    # given an enrolled member of staff with their recovery codes
    client.force_login(staff)
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get(user=staff)
    page = client.post(reverse("accounts:enrol"), {"code": app_code(device)})
    code = re.findall(r"<code>([a-z2-7]{8})</code>", page.content.decode())[0]
    client.logout()
    # when they sign in with a recovery code (typed in capitals, with a space)
    client.force_login(staff)
    response = client.post(reverse("accounts:verify"), {"code": f"{code[:4].upper()} {code[4:]}"})
    # then it works, and only once
    assert response.status_code == 302
    assert StaticToken.objects.filter(token=code).count() == 0
    client.logout()
    client.force_login(staff)
    assert client.post(reverse("accounts:verify"), {"code": code}).status_code == 200


@pytest.mark.parametrize(
    "forged", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"]
)
def test_a_forged_next_leads_to_the_dashboard(client, mfa_required, enrolled, forged):
    client.force_login(enrolled.user)
    response = client.post(reverse("accounts:verify"), {"code": app_code(enrolled), "next": forged})
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_without_the_requirement_a_password_is_enough(client, staff):
    # the development settings' rule, for the demo logins
    client.force_login(staff)
    assert client.get(HOME).status_code == 200


def test_an_administrator_resets_a_lost_device(client, mfa_required, enrolled, administrator):
    # given an administrator past the second step
    admin_device = TOTPDevice.objects.create(user=administrator, name="app", confirmed=True)
    client.force_login(administrator)
    client.post(reverse("accounts:verify"), {"code": app_code(admin_device)})
    staff = enrolled.user
    page = client.get(reverse("accounts:user_security", args=[staff.pk]))
    assert page.status_code == 200
    assert f"<title>Sign-in security: {staff.username} - " in page.content.decode()
    assert "Set up: an authenticator app" in page.content.decode()
    # when they reset the member of staff's second factor
    response = client.post(reverse("accounts:reset_mfa", args=[staff.pk]))
    # then the devices are gone, the reset is audited, and the next sign-in sets up a new app
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    event = AuditEvent.objects.get(action="mfa.reset")
    assert (event.user, event.object_id) == (administrator, str(staff.pk))
    client.logout()
    client.force_login(staff)
    assert client.get(HOME).url.startswith(reverse("accounts:enrol"))


def test_only_administrators_reset_or_unlock(client, staff, administrator):
    # given an administrator's device, and a member of staff who is not one
    TOTPDevice.objects.create(user=administrator, name="app", confirmed=True)
    client.force_login(staff)
    # when they try the administrators' actions, each is refused (Wagtail sends them home)
    for name in ["accounts:user_security", "accounts:reset_mfa", "accounts:unlock"]:
        url = reverse(name, args=[administrator.pk])
        response = client.post(url) if name != "accounts:user_security" else client.get(url)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    # and nothing changed
    assert TOTPDevice.objects.filter(user=administrator).exists()
    assert not AuditEvent.objects.filter(action__in=["mfa.reset", "login.unlocked"]).exists()


def test_the_users_list_links_to_sign_in_security(client, administrator, staff):
    client.force_login(administrator)
    html = client.get("/admin/users/").content.decode()
    assert reverse("accounts:user_security", args=[staff.pk]) in html
