"""Staff sessions: 30 minutes idle, 12 hours at most, ended on the server at sign-out."""

from datetime import timedelta

import pytest
import time_machine

from django.contrib.sessions.models import Session

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def signed_in(client, staff):
    response = client.post("/admin/login/", {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_session_ends_after_30_minutes_idle(client, staff, travel):
    # given a member of staff signed in and working
    signed_in(client, staff)
    with time_machine.travel(travel + timedelta(minutes=29), tick=False):
        assert client.get(HOME).status_code == 200
    # each request moves the idle limit on
    with time_machine.travel(travel + timedelta(minutes=58), tick=False):
        assert client.get(HOME).status_code == 200
    # when they leave it for more than 30 minutes
    with time_machine.travel(travel + timedelta(minutes=89), tick=False):
        response = client.get(HOME)
    # then they sign in again
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_a_session_ends_12_hours_after_signing_in_however_active(client, staff, travel):
    signed_in(client, staff)
    # a request every 20 minutes keeps the session for 12 hours, and no longer
    for minutes in range(20, 12 * 60 + 1, 20):
        with time_machine.travel(travel + timedelta(minutes=minutes), tick=False):
            assert client.get(HOME).status_code == 200, minutes
    with time_machine.travel(travel + timedelta(hours=12, minutes=10), tick=False):
        response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_sign_out_ends_the_session_on_the_server(client, staff):
    # given a signed-in session
    signed_in(client, staff)
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    # when they sign out
    client.post("/admin/logout/")
    # then the session is gone, and its old cookie opens nothing
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key
    assert client.get(HOME).status_code == 302


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_every_response_refuses_browser_features(client, path):
    policy = client.get(path).headers["Permissions-Policy"]
    for feature in ["camera=()", "geolocation=()", "microphone=()", "payment=()", "usb=()"]:
        assert feature in policy
