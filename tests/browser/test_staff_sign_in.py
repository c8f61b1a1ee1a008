"""Staff sign-in in Chromium: password, setting up an authenticator app, the second step, with
axe-core on every screen; and an admin that asks no other host for anything."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import caches

from tests.accounts.conftest import app_code
from website.models import ServicePage

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-staff-passphrase-42"


def check_axe(page):
    page.wait_for_load_state()
    # Wagtail's messages fade in: judge colours once every animation has finished.
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def staff(site_tree):
    user = get_user_model().objects.create_user(
        "sam-staff", "sam@example.nhs.uk", PASSWORD, first_name="Sam"
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    caches["axes"].clear()
    yield user
    caches["axes"].clear()


def sign_in_with_password(page, base: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "sam-staff")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_setting_up_an_app_and_signing_in_with_its_codes(page, live_server, settings, staff):
    settings.MFA_REQUIRED = True
    base = live_server.url
    # given the sign-in page, accessible
    page.goto(base + "/admin/login/")
    check_axe(page)
    # when a new member of staff signs in with their password
    sign_in_with_password(page, base)
    # then they are asked to set up an authenticator app
    page.wait_for_url(re.compile(r".*/admin/sign-in/set-up/.*"))
    expect(page).to_have_title(re.compile(r"^Set up two-factor authentication - "))
    expect(page.locator("main svg")).to_have_count(1)
    check_axe(page)

    # a wrong code is refused, with the error announced in the title and beside the field
    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Set up two-factor authentication"))
    expect(page.get_by_role("alert")).to_contain_text("That code was not accepted")
    check_axe(page)

    # the code the app shows turns it on, and the recovery codes are shown once
    page.wait_for_timeout(1100)  # django-otp's pause after a wrong code
    device = TOTPDevice.objects.get(user=staff)
    enrolment_code = app_code(device)
    page.get_by_label("Security code").fill(enrolment_code)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Save your recovery codes"))
    expect(page.locator("ul.involve-recovery-codes li")).to_have_count(10)
    check_axe(page)
    page.get_by_role("link", name="I have saved my codes: continue").click()
    page.wait_for_url(base + "/admin/")

    # when they sign in again another day
    page.context.clear_cookies()
    sign_in_with_password(page, base)
    page.wait_for_url(re.compile(r".*/admin/sign-in/verify/.*"))
    expect(page).to_have_title(re.compile(r"^Enter your security code - "))
    check_axe(page)
    # the code already used is refused
    page.get_by_label("Security code").fill(enrolment_code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("That code was not accepted")
    check_axe(page)
    # and the next code from the app lets them in
    page.wait_for_timeout(1100)
    page.get_by_label("Security code").fill(app_code(device, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(base + "/admin/")
    expect(page.locator("main")).to_be_visible()


def admin_pages(service_id: int, user_id: int) -> list[str]:
    """The admin's own screens and each custom one (feedback, boards, roles, sign-in security)."""
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{service_id}/edit/",
        "/admin/users/",
        "/admin/account/",
        f"/admin/sign-in/users/{user_id}/",
        "/admin/feedback-review/",
        f"/admin/feedback-review/services/{service_id}/",
        "/admin/feedback-review/safeguarding/",
        "/admin/feedback-review/failed/",
        "/admin/feedback-entry/",
        f"/admin/feedback-entry/{service_id}/",
        "/admin/involvement/",
        "/admin/involvement/overview/",
        f"/admin/involvement/services/{service_id}/board/",
        "/admin/service_roles/",
    ]


def test_the_admin_asks_no_other_host_and_every_page_has_a_title(
    page, live_server, client, demo_site
):
    # given the administrator signed in
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])  # fmt: skip
    requested, console_errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    maternity = ServicePage.objects.get(slug="maternity")
    ours = urlsplit(live_server.url).netloc
    for path in admin_pages(maternity.pk, admin.pk):
        # when they open each page and its scripts settle
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        # then it loads, has a title of its own, and nothing came from anywhere else
        assert response.status == 200, path
        assert re.match(r"^\w.* - ", page.title()), (path, page.title())
        foreign = [url for url in requested if urlsplit(url).netloc not in (ours, "")]
        assert foreign == [], path
        # no script needed more than the admin's content security policy allows
        assert [e for e in console_errors if "Content Security Policy" in e] == [], path


def test_the_pause_after_five_wrong_passwords_is_accessible(page, live_server, staff):
    for _ in range(5):
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "sam-staff")
        page.fill("#id_password", "not-the-password")
        page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile(r"^Signing in is paused - "))
    expect(page.get_by_role("alert")).to_contain_text("signing in is paused for 15 minutes")
    check_axe(page)


def test_a_paper_form_sent_after_the_session_ended_is_sent_once_signed_in_again(
    page, live_server, demo_site
):
    from feedback.models import Feedback

    # given a service lead with the paper-form entry page open and filled in
    base = live_server.url
    caches["axes"].clear()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "service-lead")
    page.fill("#id_password", "involve-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/admin/")
    maternity = ServicePage.objects.get(slug="maternity")
    page.goto(f"{base}/admin/feedback-entry/{maternity.pk}/")
    page.get_by_label("Paper").check()
    page.get_by_label("Date the feedback was given").fill("2026-06-10")
    page.get_by_label("Poor", exact=True).check()
    page.locator("textarea").first.fill("The ward was too noisy to sleep at night.")
    before = Feedback.objects.count()
    # when the session ends (as after 30 minutes) and they send it
    page.context.clear_cookies(name="sessionid")
    page.locator("main form button[type=submit]").last.click()
    # then they are asked to sign in again, on an accessible page, and nothing is lost
    expect(page).to_have_title(re.compile(r"^Sign in again to send your form - "))
    check_axe(page)
    page.get_by_label("Username").fill("service-lead")
    page.get_by_label("Password").fill("involve-demo")
    page.get_by_role("button", name="Sign in and send").click()
    expect(page.get_by_text("Feedback saved")).to_be_visible()
    assert Feedback.objects.count() == before + 1
