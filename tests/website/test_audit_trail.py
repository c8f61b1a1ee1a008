"""The audit trail: what writes it, who reads it, how long it lasts, and that it cannot change."""

import csv
import io
from datetime import datetime, timedelta

import pytest
import time_machine

from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from feedback.models import Theme
from feedback.rollups import rebuild_rollups
from involvement.tokens import issue_token
from tests.involvement.conftest import processed
from website.audit import delete_expired_events, record, retention_cutoff
from website.models import AuditEvent, ServicePage

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def new_events(demo_site):
    """The events written after the demo site was seeded (seeding grants the demo roles)."""
    seeded = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # Signing in is audited too (accounts); these tests look at everything else.
    return lambda: (
        AuditEvent.objects.filter(pk__gt=seeded).exclude(action__startswith="login.").order_by("pk")
    )


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_staff_exports_and_open_data_downloads_are_audited(client, new_events, travel):
    # given a service lead
    client.force_login(user("service-lead"))
    maternity = ServicePage.objects.get(slug="maternity")
    # when they export and download
    body(client.get(f"/admin/involvement/services/{maternity.pk}/export.csv"))
    body(client.get(f"/admin/involvement/services/{maternity.pk}/fft-return.csv"))
    client.get("/open-data/services/maternity/monthly.csv")
    client.get("/open-data/monthly.json")
    # then each is an event naming them, the service and the file, never the contents
    events = new_events()
    assert [(e.action, e.service_id) for e in events] == [
        ("export.feedback_csv", maternity.pk),
        ("export.fft_return_csv", maternity.pk),
        ("opendata.downloaded", maternity.pk),
        ("opendata.downloaded", None),
    ]
    assert events[2].detail == "maternity-monthly.csv"


def test_public_open_data_downloads_are_not_audited(client, new_events):
    client.get("/open-data/monthly.csv")
    assert not new_events().exists()


def test_every_fhir_request_is_audited(client, new_events):
    maternity = ServicePage.objects.get(slug="maternity")
    pharmacy = ServicePage.objects.get(slug="pharmacy")
    row, token = issue_token(name="EPR", services=[maternity])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    client.get(f"/fhir/r4/Questionnaire/{maternity.pk}", **auth)
    client.get(f"/fhir/r4/QuestionnaireResponse?service={pharmacy.pk}", **auth)
    client.get(f"/fhir/r4/QuestionnaireResponse?service={maternity.pk}&from=nonsense", **auth)
    client.get(f"/fhir/r4/Questionnaire/{maternity.pk}")
    events = list(new_events())
    assert [(e.action, e.outcome, e.service_id) for e in events] == [
        ("fhir.questionnaire", "ok", maternity.pk),
        ("fhir.responses", "not found", None),
        ("fhir.responses", "invalid", None),
        ("fhir.questionnaire", "refused", None),
    ]
    assert events[0].object_id == str(row.pk)
    assert token not in "".join(e.detail for e in events)
    assert row.prefix in events[0].detail


def test_reading_comments_on_a_board_is_audited(client, demo_site, travel):
    maternity = ServicePage.objects.get(slug="maternity")
    theme = Theme.objects.order_by("pk").first() or Theme.objects.create(name="Care", slug="care")
    for _ in range(10):  # boards show example comments only for themes with enough responses
        processed(maternity, themes=[theme], text="Kind staff")
    rebuild_rollups(service_ids=[maternity.pk])
    client.force_login(user("service-lead"))
    board = client.get(f"/admin/involvement/services/{maternity.pk}/board/")
    assert "Kind staff" in board.content.decode()
    event = AuditEvent.objects.get(action="board.comments_viewed")
    assert (event.user, event.service) == (user("service-lead"), maternity)


@pytest.mark.parametrize("username", ["editor", "researcher", "service-lead", "safeguarding"])
def test_only_administrators_read_the_audit_trail(client, demo_site, username):
    client.force_login(user(username))
    assert client.get("/admin/audit_trail/").status_code in (302, 403)
    assert client.get("/admin/audit_trail/?export=csv").status_code in (302, 403)
    assert b"Audit trail" not in client.get("/admin/").content


def test_administrators_filter_the_audit_trail_and_export_it_safely(client, demo_site):
    # given events by two people on two services, one with a formula in its detail
    maternity = ServicePage.objects.get(slug="maternity")
    pharmacy = ServicePage.objects.get(slug="pharmacy")
    record(user=user("service-lead"), action="export.feedback_csv", service=maternity,
           detail="=HYPERLINK(\"http://x\")")  # fmt: skip
    record(user=user("editor"), action="opendata.downloaded", service=pharmacy, detail="ZZOTHERZZ")
    client.force_login(user("admin"))
    # when an administrator lists them, filtered by user, action, service and date
    listing = client.get("/admin/audit_trail/")
    assert listing.status_code == 200
    assert "<title>" in listing.content.decode()
    today = timezone.localdate().isoformat()
    queries = [f"user={user('service-lead').pk}", "action=export.feedback_csv",
               f"service={maternity.pk}", f"at_from={today}&service={maternity.pk}"]  # fmt: skip
    for query in queries:
        page = client.get(f"/admin/audit_trail/?{query}").content.decode()
        assert "HYPERLINK" in page, query
        assert "ZZOTHERZZ" not in page, query
    # and downloads them as CSV
    response = client.get(f"/admin/audit_trail/?service={maternity.pk}&export=csv")
    rows = list(csv.reader(io.StringIO(body(response))))
    # then the formula is neutralised, and the export is itself audited
    assert rows[1][2] == "export.feedback_csv"
    assert rows[1][-1] == '\'=HYPERLINK("http://x")'
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.user == user("admin")
    assert f"service={maternity.pk}" in exported.detail


def test_nobody_changes_or_deletes_an_event_in_the_admin(client, demo_site):
    event = record(user=user("editor"), action="opendata.downloaded")
    client.force_login(user("admin"))
    assert client.get(f"/admin/audit_trail/edit/{event.pk}/").status_code in (302, 403, 404)
    client.post(f"/admin/audit_trail/delete/{event.pk}/")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_retention_deletes_events_older_than_six_years_only():
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=6 * 365 + 10), tick=False):
        old = record(user=None, action="login.failed")
    with time_machine.travel(now - timedelta(days=6 * 365 - 10), tick=False):
        kept = record(user=None, action="login.failed")
    assert delete_expired_events(now=now) == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AuditEvent.objects.filter(pk=old.pk).exists()


@pytest.mark.parametrize("moment", ["2026-03-01T00:30:00+00:00", "2028-03-01T12:00:00+00:00"])
def test_retention_cutoff_is_a_day_inside_six_years(moment):
    now = datetime.fromisoformat(moment)
    cutoff = retention_cutoff(now=now)
    assert now.year - cutoff.year == 6
    assert timedelta(days=6 * 365) < now - cutoff < timedelta(days=6 * 366 + 2)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_to_change_or_delete_a_recent_event():
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=7 * 365), tick=False):
        old = record(user=None, action="login.failed")
    event = record(user=None, action="login.failed")
    # Plain SQL on purpose: the trigger must refuse a change however it is sent, not only the ORM's.
    for sql in ("UPDATE website_auditevent SET action = 'x' WHERE id = %s",
                "DELETE FROM website_auditevent WHERE id = %s"):  # fmt: skip
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    # the retention task still deletes what is past six years
    assert delete_expired_events() == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.get(pk=event.pk).action == "login.failed"
