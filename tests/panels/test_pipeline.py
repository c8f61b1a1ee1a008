"""Joining with a real Redis and a real Celery worker: the email is sent and its links work."""

import re

import pytest
import redis
from bs4 import BeautifulSoup

from django.conf import settings

from panels.choices import MemberStatus
from panels.models import PanelMember
from tests.panels.conftest import sign_up_data
from tests.realservices import wait_until
from tests.welsh import in_welsh

pytestmark = pytest.mark.integration


@pytest.fixture
def worker(celery_worker):
    """The worker, with empty queues and no mail."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("feedback", "email", "maintenance", "unacked", "unacked_index")
    for message in celery_worker.mail_dir.iterdir():
        message.unlink()
    return celery_worker


def test_sign_up_confirm_and_leave_from_the_emails(client, worker, panel):
    # given: a sign-up
    join = panel.url + panel.reverse_subpage("join")
    assert client.post(join, sign_up_data())["Location"].endswith("/check-your-email/")
    # when: the worker sends the email, and the links in it are followed
    (mail,) = wait_until(lambda: list(worker.mail_dir.iterdir()))
    body = mail.read_text()
    assert "Confirm you want to join: Patient panel" in body
    confirm_url, manage_url = re.findall(r"http://\S+", body)[:2]
    path = confirm_url.removeprefix(settings.SITE_BASE_URL.rstrip("/"))
    response = client.post(path)
    # then
    assert "You have joined" in response.content.decode()
    assert PanelMember.objects.get().status == MemberStatus.ACTIVE
    manage = manage_url.removeprefix(settings.SITE_BASE_URL.rstrip("/"))
    assert "Sam.Taylor@example.org" in client.get(manage).content.decode()
    client.post(manage + "leave/")
    assert not PanelMember.objects.exists()


def test_signing_up_again_emails_the_member_their_link(client, worker, panel):
    join = panel.url + panel.reverse_subpage("join")
    client.post(join, sign_up_data())
    wait_until(lambda: list(worker.mail_dir.iterdir()))
    PanelMember.objects.update(status=MemberStatus.ACTIVE, last_emailed_at=None)
    client.post(join, sign_up_data(email="SAM.TAYLOR@EXAMPLE.ORG"))
    mails = wait_until(lambda: len(list(worker.mail_dir.iterdir())) == 2 and
                       [p.read_text() for p in worker.mail_dir.iterdir()])  # fmt: skip
    assert any("You are already on: Patient panel" in m for m in mails)
    assert PanelMember.objects.count() == 1


def test_a_welsh_sign_up_gets_a_welsh_email_whose_link_opens_a_welsh_page(client, worker, panel):
    # given: the panel page in Welsh
    welsh_panel = in_welsh(panel, title="Panel cleifion")
    join = welsh_panel.url + welsh_panel.reverse_subpage("join")
    assert join.startswith("/cy/")
    # when: someone signs up on it and the worker sends the email
    assert client.post(join, sign_up_data())["Location"].startswith("/cy/")
    (mail,) = wait_until(lambda: list(worker.mail_dir.iterdir()))
    # then: the email is in Welsh, and so are its links and the page they open
    body = mail.read_text()
    assert "Subject: Cadarnhewch eich bod eisiau ymuno: Panel cleifion" in body
    assert "Diolch am gofrestru ar gyfer Panel cleifion" in body
    assert "Confirm" not in body
    base = settings.SITE_BASE_URL.rstrip("/")
    confirm_url, manage_url = re.findall(r"http://\S+", body)[:2]
    assert confirm_url.startswith(base + "/cy/panels/") and manage_url.startswith(base + "/cy/")
    page = BeautifulSoup(client.get(confirm_url.removeprefix(base)).content, "html.parser")
    assert page.html["lang"] == "cy"
    assert page.h1.get_text(strip=True) == "Cadarnhewch eich bod eisiau ymuno â Panel cleifion"
    # and the member is on the English panel (researchers see one panel), in Welsh
    member = PanelMember.objects.get()
    assert (member.panel_id, member.language) == (panel.pk, "cy")
