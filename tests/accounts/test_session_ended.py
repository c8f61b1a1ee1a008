"""A staff form sent after the session ended is kept and sent on once its author signs in again."""

import re
import time
import uuid
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group
from django.urls import reverse

from feedback.factories import FeedbackServiceFactory
from feedback.models import Feedback
from tests.accounts.conftest import PASSWORD, app_code
from website.choices import GROUP_NAMES, ServiceRoleName
from website.factories import ServiceRoleFactory

pytestmark = pytest.mark.django_db

HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}
TYPED = "Waited 3 hours in the corridor; the midwife was kind."


@pytest.fixture
def lead(site_tree, staff):
    service = FeedbackServiceFactory(title="Maternity", slug="maternity")
    ServiceRoleFactory(user=staff, service=service, role=ServiceRoleName.SERVICE_LEAD)
    staff.groups.add(Group.objects.get(name=GROUP_NAMES[ServiceRoleName.SERVICE_LEAD]))
    return staff, reverse("feedback_staff:entry", kwargs={"service_id": service.pk})


def paper_form() -> dict:
    return {"channel": "paper", "given_on": "2026-06-10", "fft_answer": "poor", "text": TYPED,
            "submission_key": str(uuid.uuid4())}  # fmt: skip


def hidden_fields(html: str) -> dict:
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    return {name: unescape(value) for name, value in fields if name != "csrfmiddlewaretoken"}


def test_the_form_comes_back_after_signing_in_again(client, lead, travel):
    # given a service lead signed in who leaves the paper form open for 40 minutes
    staff, path = lead
    client.post("/admin/login/", {"username": staff.username, "password": PASSWORD})
    with time_machine.travel(travel + timedelta(minutes=40), tick=False):
        # when they send it
        response = client.post(path, paper_form(), **HTML)
        # then a clear page asks them to sign in again, with what they typed kept in it
        html = response.content.decode()
        assert response.status_code == 200
        assert "<title>Sign in again to send your form - " in html
        carried = hidden_fields(html)
        assert carried["text"] == TYPED and carried["_reauth"] == "1"
        assert not Feedback.objects.exists()
        # a wrong password keeps it too
        wrong = client.post(path, {**carried, "_reauth_username": staff.username,
                                   "_reauth_password": "nope"}, **HTML)  # fmt: skip
        assert "was not right" in wrong.content.decode()
        assert hidden_fields(wrong.content.decode())["text"] == TYPED
        # and signing in on that page sends the form on
        sent = client.post(path, {**carried, "_reauth_username": staff.username,
                                  "_reauth_password": PASSWORD}, **HTML)  # fmt: skip
    assert sent.status_code == 302 and sent.url == path
    feedback = Feedback.objects.get()
    assert feedback.entered_by == staff and feedback.fft_answer == "poor"


def test_with_the_second_step_the_code_is_asked_for_too(client, lead, mfa_required):
    staff, path = lead
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    page = client.post(path, paper_form(), **HTML)
    assert 'name="_reauth_code"' in page.content.decode()
    carried = hidden_fields(page.content.decode())
    credentials = {"_reauth_username": staff.username, "_reauth_password": PASSWORD}
    # a right password with a wrong code signs nobody in
    refused = client.post(path, {**carried, **credentials, "_reauth_code": "000000"}, **HTML)
    assert "was not right" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # the right code sends the form
    with time_machine.travel(time.time() + 5, tick=True):
        sent = client.post(
            path, {**carried, **credentials, "_reauth_code": app_code(device)}, **HTML
        )
    assert sent.status_code == 302
    assert Feedback.objects.count() == 1


def test_scripts_and_signed_out_gets_keep_wagtails_answer(client, lead):
    _staff, path = lead
    assert client.get(path).status_code == 302
    assert client.post(path, paper_form()).status_code == 302  # no Accept: text/html
    script = client.post(path, paper_form(), HTTP_X_REQUESTED_WITH="XMLHttpRequest", **HTML)
    assert script.status_code == 403  # Wagtail's answer to a script
    assert "Sign in again" not in script.content.decode()
