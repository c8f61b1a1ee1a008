"""Wagtail's password reset stays, with its email sent by a Celery worker on the email queue."""

import re

import pytest

from django.conf import settings
from django.core import mail

from accounts import password_reset
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_form_queues_only_the_account_id(
    client, staff, monkeypatch, django_capture_on_commit_callbacks
):
    # given
    queued = []
    monkeypatch.setattr(password_reset, "enqueue_password_reset", queued.append)
    # when someone asks for a reset for a known and an unknown address
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/admin/password_reset/", {"email": staff.email})
        unknown = client.post("/admin/password_reset/", {"email": "nobody@example.nhs.uk"})
    # then both see the same next page, one email is queued, and nothing is sent in the request
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert queued == [staff.pk]
    assert mail.outbox == []


def test_the_reset_email_goes_to_the_email_queue():
    assert settings.CELERY_TASK_ROUTES[password_reset.RESET_TASK] == {"queue": "email"}


def test_the_worker_sends_a_link_that_lets_the_password_be_changed(client, staff):
    # when the task runs
    from accounts.tasks import send_password_reset

    send_password_reset(staff.pk)
    # then one email with a working link is sent
    (email,) = mail.outbox
    assert email.to == [staff.email]
    link = re.search(r"https?://\S+/admin/password_reset/confirm/\S+/", email.body).group(0)
    path = "/admin/" + link.split("/admin/", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    new_password = "a-brand-new-passphrase-77"
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(new_password) and not staff.check_password(PASSWORD)
