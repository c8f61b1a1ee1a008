"""insert_new: the same row `save()` would write, with its primary key, in one statement."""

import pytest

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from website.inserts import insert_new
from website.models import AuditEvent, Heartbeat

pytestmark = pytest.mark.django_db


def test_inserts_one_row_with_its_key_and_pre_save_values(django_user_model):
    user = django_user_model.objects.create_user("auditor")
    event = AuditEvent(user=user, action="viewed", object_type="contact", object_id="7")
    # when
    with CaptureQueriesContext(connection) as queries:
        insert_new(event)
    # then one INSERT, and the row reads back as save() would have written it
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["INSERT"]
    assert event.pk is not None and not event._state.adding
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.user, stored.action, stored.object_type, stored.object_id) == (
        user,
        "viewed",
        "contact",
        "7",
    )
    assert stored.at == event.at and abs(timezone.now() - stored.at).total_seconds() < 60


def test_gives_the_same_columns_as_save(django_user_model):
    user = django_user_model.objects.create_user("auditor")
    fields = {"user": user, "action": "viewed", "object_type": "contact", "object_id": "7"}
    fast = insert_new(AuditEvent(**fields))
    slow = AuditEvent.objects.create(**fields)
    columns = [f.attname for f in AuditEvent._meta.concrete_fields if f.attname not in ("id", "at")]
    rows = AuditEvent.objects.filter(pk__in=[fast.pk, slow.pk]).values(*columns)
    assert rows[0] == rows[1]


def test_a_unique_clash_is_an_integrity_error_that_leaves_the_transaction_usable():
    Heartbeat.objects.create(name="beat", beat_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_new(Heartbeat(name="beat", beat_at=timezone.now()))
    assert Heartbeat.objects.filter(name="beat").count() == 1


def test_refuses_expressions():
    with pytest.raises(TypeError):
        insert_new(Heartbeat(name=F("name"), beat_at=timezone.now()))
