"""Joining with a real Redis and a real Celery worker: the email is sent and its links work."""

import re

import pytest
import redis

from django.conf import settings

from panels.choices import MemberStatus
from panels.models import PanelMember
from tests.panels.conftest import sign_up_data
from tests.realservices import wait_until

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
