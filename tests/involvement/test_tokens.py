"""FHIR API tokens expire, can be revoked, and show their last use."""

from datetime import timedelta

import pytest
import time_machine

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from involvement.models import ServiceApiToken
from involvement.tokens import issue_token, token_for
from website.models import ServicePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def maternity(demo_site):
    return ServicePage.objects.get(slug="maternity")


def fhir(client, service, token):
    return client.get(f"/fhir/r4/Questionnaire/{service.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_new_token_expires_after_a_year_by_default(maternity):
    row, _token = issue_token(name="EPR", services=[maternity])
    assert timedelta(days=364) < row.expires_at - timezone.now() <= timedelta(days=365)


@override_settings(API_TOKEN_MAX_AGE_DAYS=30)
def test_the_lifetime_is_configurable(maternity):
    row, _token = issue_token(name="EPR", services=[maternity])
    assert row.expires_at - timezone.now() <= timedelta(days=30)


def test_an_expired_token_is_refused(client, maternity):
    _row, token = issue_token(name="EPR", services=[maternity])
    assert fhir(client, maternity, token).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        assert token_for(authorization=f"Bearer {token}") is None
        assert fhir(client, maternity, token).status_code == 401


def test_a_revoked_token_is_refused_at_once(client, maternity):
    row, token = issue_token(name="EPR", services=[maternity])
    ServiceApiToken.objects.filter(pk=row.pk).update(revoked_at=timezone.now())
    assert fhir(client, maternity, token).status_code == 401


def test_administrators_see_last_use_and_expiry_and_revoke(client, maternity):
    # given a token used today
    row, token = issue_token(name="Trust EPR", services=[maternity])
    fhir(client, maternity, token)
    row.refresh_from_db()
    assert row.last_used_on == timezone.localdate()
    # when an administrator opens the token list
    client.force_login(get_user_model().objects.get(username="admin"))
    listing = client.get("/admin/involvement_tokens/").content.decode()
    # then it shows when it was last used and when it expires
    assert "Last used on" in listing
    assert "Expires at" in listing
    # and they revoke it on its edit screen
    response = client.post(f"/admin/involvement_tokens/edit/{row.pk}/", {
        "name": row.name, "services": [maternity.pk],
        "expires_at": row.expires_at.strftime("%Y-%m-%d %H:%M"),
        "revoked_at": timezone.localtime().strftime("%Y-%m-%d %H:%M")})  # fmt: skip
    assert response.status_code == 302
    assert fhir(client, maternity, token).status_code == 401
