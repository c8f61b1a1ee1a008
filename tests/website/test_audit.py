"""The audit helper: one append-only row per action, naming the object but no personal data."""

import pytest

from django.contrib.auth.models import AnonymousUser

from website.audit import record
from website.factories import ServicePageFactory, UserFactory
from website.models import AuditEvent


@pytest.mark.django_db
def test_record_names_who_what_and_which_object(site_tree):
    service = ServicePageFactory(parent=site_tree)
    user = UserFactory()
    event = record(user=user, action="feedback.viewed", obj=service, service=service)
    event.refresh_from_db()
    assert (event.user, event.action, event.outcome) == (user, "feedback.viewed", "ok")
    assert (event.object_type, event.object_id) == ("website.servicepage", str(service.pk))
    assert event.service == service


@pytest.mark.django_db
def test_an_anonymous_actor_is_stored_as_nobody():
    event = record(user=AnonymousUser(), action="login.failed", outcome="refused")
    assert event.user is None
    assert event.outcome == "refused"


@pytest.mark.django_db
def test_events_cannot_be_changed():
    event = record(user=None, action="export.csv", detail="x" * 500)
    assert len(event.detail) == 200
    event.action = "something else"
    with pytest.raises(ValueError):
        event.save()
    assert AuditEvent.objects.get().action == "export.csv"
