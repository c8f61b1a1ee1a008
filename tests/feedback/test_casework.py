"""Safeguarding casework: a flagged response is a case a safeguarding lead of its service owns,
moves through its statuses with a history and an audit trail, asks before closing, reopens, and is
invisible to every other role."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from feedback.casework import CaseError, update_case
from feedback.choices import CaseAction, SafeguardingStatus
from feedback.factories import ContactRequestFactory, FeedbackFactory, FeedbackServiceFactory
from feedback.models import CaseEvent, Feedback
from feedback.processing import process_feedback
from tests.dates import LONDON
from tests.feedback.test_admin_views import staff
from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.factories import UserFactory
from website.models import AuditEvent

pytestmark = pytest.mark.django_db

DISCLOSURE = "Since the birth I feel hopeless and I want to end my life"
NOTE = "Rang her on the number she gave; she is with her sister tonight."


@pytest.fixture
def sam(service):
    return staff(service, ServiceRoleName.SAFEGUARDING_LEAD, "sam-safeguarding")


@pytest.fixture
def case(service):
    feedback = FeedbackFactory(service=service, text=DISCLOSURE)
    process_feedback(feedback_id=feedback.pk)
    feedback.refresh_from_db()
    return feedback


def case_url(case, name="case"):
    return reverse(f"feedback_review:{name}", args=[case.pk])


def listed(client, show="open") -> list[str]:
    page = client.get(reverse("feedback_review:safeguarding"), {"show": show})
    rows = (
        BeautifulSoup(page.content, "html.parser").select_one("table.listing tbody").find_all("tr")
    )
    return [row.find("td").get_text(strip=True) for row in rows if row.find("a")]


def test_a_safeguarding_lead_works_a_case_from_new_to_closed_and_reopens_it(client, sam, case):
    client.force_login(sam)
    # given: the new case is on the open list
    assert case.safeguarding_status == SafeguardingStatus.NEW
    page = client.get(reverse("feedback_review:safeguarding")).content.decode()
    assert case.receipt in page and "Suicide or self-harm" in page and "Not assigned" in page
    # when: Sam opens it
    opened = client.get(case_url(case))
    # then: the text, a proper title, and the view is audited
    assert opened.status_code == 200
    soup = BeautifulSoup(opened.content, "html.parser")
    assert soup.title.get_text().startswith(f"Safeguarding case {case.receipt}")
    assert DISCLOSURE in soup.get_text()
    assert opened["Cache-Control"].startswith("max-age=0") or "no-cache" in opened["Cache-Control"]
    # when: Sam takes it and acknowledges it with a note
    client.post(case_url(case), {"status": "acknowledged", "owner": sam.pk, "note": NOTE})
    case.refresh_from_db()
    assert case.safeguarding_status == SafeguardingStatus.ACKNOWLEDGED
    assert case.case_owner == sam and case.case_acknowledged_at is not None
    # when: referred, with the referral's reference
    client.post(case_url(case), {"status": "referred", "owner": sam.pk, "reference": "MASH-114"})
    case.refresh_from_db()
    assert (case.safeguarding_status, case.case_reference) == ("referred", "MASH-114")
    # when: Sam asks to close it, the screen asks first and nothing changes yet
    closing = {"status": "closed", "owner": sam.pk, "reference": "MASH-114",
               "note": "Referral accepted"}  # fmt: skip
    asked = client.post(case_url(case), closing)
    assert asked.status_code == 200
    confirm = BeautifulSoup(asked.content, "html.parser")
    assert confirm.title.get_text().startswith(f"Close case {case.receipt}?")
    assert confirm.find("input", {"name": "confirm", "value": "yes"})
    assert Feedback.objects.get(pk=case.pk).safeguarding_status == SafeguardingStatus.REFERRED
    # when: confirmed
    client.post(case_url(case), {**closing, "confirm": "yes"})
    # then: closed, off the open list, on the closed one
    assert Feedback.objects.get(pk=case.pk).safeguarding_status == SafeguardingStatus.CLOSED
    assert case.receipt not in listed(client, "open")
    assert case.receipt in listed(client, "closed")
    # when: reopened
    client.post(case_url(case, "case_reopen"), {"note": "She called again"})
    assert Feedback.objects.get(pk=case.pk).safeguarding_status == SafeguardingStatus.ACKNOWLEDGED
    # then: the history says who did what, in order, with the notes
    history = list(CaseEvent.objects.filter(feedback=case).values_list("action", "status", "user"))
    assert history == [
        (CaseAction.ASSIGNED, "new", sam.pk),
        (CaseAction.STATUS, "acknowledged", sam.pk),
        (CaseAction.REFERENCE, "acknowledged", sam.pk),
        (CaseAction.STATUS, "referred", sam.pk),
        (CaseAction.STATUS, "closed", sam.pk),
        (CaseAction.REOPENED, "acknowledged", sam.pk),
    ]
    assert CaseEvent.objects.filter(feedback=case, note=NOTE).count() == 1
    page = client.get(case_url(case)).content.decode()
    assert "MASH-114" in page and "Rang her on the number" in page
    # and the audit trail has every step, never the note
    events = AuditEvent.objects.filter(object_type="feedback.feedback", object_id=str(case.pk))
    events = events.order_by("at", "pk")
    assert list(events.values_list("action", flat=True)) == [
        "case.viewed", "case.assigned", "case.status", "case.reference", "case.status",
        "case.status", "case.reopened", "case.viewed",
    ]  # fmt: skip
    assert all(e.user == sam and e.service_id == case.service_id for e in events)
    assert not any("Rang her" in e.detail or "sister" in e.detail for e in events)


def test_a_closed_case_cannot_be_changed_until_reopened(sam, case):
    update_case(feedback=case, user=sam, status="not_concern", confirmed=True)

    with pytest.raises(CaseError, match="reopen"):
        update_case(feedback=case, user=sam, status="acknowledged")


def test_closing_without_confirmation_is_refused_by_the_service_too(sam, case):
    with pytest.raises(CaseError, match="Confirm"):
        update_case(feedback=case, user=sam, status="closed")
    assert Feedback.objects.get(pk=case.pk).safeguarding_status == SafeguardingStatus.NEW


def test_the_owner_must_be_a_safeguarding_lead_of_the_service(client, sam, case, service):
    # given: a service lead of the same service and a safeguarding lead of another
    lead = staff(service, ServiceRoleName.SERVICE_LEAD, "lee-lead")
    elsewhere = staff(FeedbackServiceFactory(), ServiceRoleName.SAFEGUARDING_LEAD, "sid-else")
    client.force_login(sam)
    for user in (lead, elsewhere):
        # when
        response = client.post(case_url(case), {"status": "new", "owner": user.pk})
        # then: the form says so and nothing changes
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        with pytest.raises(CaseError, match="safeguarding lead"):
            update_case(feedback=case, user=sam, owner=user)
    assert Feedback.objects.get(pk=case.pk).case_owner is None


@pytest.mark.parametrize(
    "role", [ServiceRoleName.EDITOR, ServiceRoleName.RESEARCHER, ServiceRoleName.SERVICE_LEAD]
)
def test_no_other_role_can_see_or_touch_a_case(client, case, service, role):
    user = staff(service, role, "other-staff")
    client.force_login(user)

    assert client.get(case_url(case)).status_code == 404
    assert client.post(case_url(case), {"status": "acknowledged"}).status_code == 404
    assert client.post(case_url(case, "case_reopen")).status_code == 404
    # With no safeguarding role anywhere, the case and contact lists do not exist for them
    assert client.get(reverse("feedback_review:safeguarding"), {"show": "all"}).status_code == 404
    assert client.get(reverse("feedback_review:contacts")).status_code == 404
    assert Feedback.objects.get(pk=case.pk).safeguarding_status == SafeguardingStatus.NEW


def test_a_safeguarding_lead_of_another_service_gets_404(client, case):
    other = staff(FeedbackServiceFactory(), ServiceRoleName.SAFEGUARDING_LEAD, "sid-else")
    client.force_login(other)

    assert client.get(case_url(case)).status_code == 404
    assert listed(client, "all") == []


def test_an_administrator_sees_every_case(client, case, site_tree):
    admin = UserFactory(username="ada-admin")
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    client.force_login(admin)

    assert client.get(case_url(case)).status_code == 200
    assert listed(client) == [case.receipt]


def test_the_list_shows_the_contact_flag_and_overdue_cases(client, sam, service, travel):
    # given (Wednesday 17 June 2026, 10:00): one case from Monday 09:00, one from this morning
    old = FeedbackFactory(service=service, safeguarding_status=SafeguardingStatus.NEW,
                          received_at=timezone.now() - timedelta(days=2, hours=1))  # fmt: skip
    fresh = FeedbackFactory(service=service, safeguarding_status=SafeguardingStatus.NEW,
                            received_at=timezone.now() - timedelta(hours=1))  # fmt: skip
    ContactRequestFactory(feedback=fresh)
    client.force_login(sam)
    # when
    soup = BeautifulSoup(client.get(reverse("feedback_review:safeguarding")).content, "html.parser")
    # then
    rows = {
        r.find("td").get_text(strip=True): r
        for r in soup.select_one("table.listing tbody").find_all("tr")
    }
    assert "Overdue" in rows[old.receipt].get_text()
    assert "Overdue" not in rows[fresh.receipt].get_text()
    assert rows[fresh.receipt].find_all("td")[-1].get_text(strip=True) == "Yes"
    assert rows[old.receipt].find_all("td")[-1].get_text(strip=True) == "No"
    assert list(Feedback.objects.overdue_cases()) == [old]


@pytest.mark.parametrize(
    ("received", "now", "overdue"),
    [
        ("2026-06-19T16:00", "2026-06-22T15:59", False),  # Friday afternoon, Monday afternoon
        ("2026-06-19T16:00", "2026-06-22T16:01", True),
        ("2026-06-20T11:00", "2026-06-22T23:00", False),  # Saturday: Monday is its working day
        ("2026-06-20T11:00", "2026-06-23T00:01", True),
    ],
)
def test_a_case_is_overdue_after_one_working_day_unacknowledged(service, received, now, overdue):
    received_at = datetime.fromisoformat(received).replace(tzinfo=LONDON)
    case = FeedbackFactory(service=service, safeguarding_status=SafeguardingStatus.NEW,
                           received_at=received_at)  # fmt: skip
    moment = datetime.fromisoformat(now).replace(tzinfo=LONDON)

    assert Feedback.objects.overdue_cases(now=moment).filter(pk=case.pk).exists() is overdue
    Feedback.objects.filter(pk=case.pk).update(safeguarding_status="acknowledged")
    assert not Feedback.objects.overdue_cases(now=moment).exists()


def test_the_attention_page_is_for_administrators(client, sam, case, site_tree):
    # given: a failed alert and an overdue case
    Feedback.objects.filter(pk=case.pk).update(
        alert_failed_at=timezone.now(), alert_attempts=5, alert_error="NoRecipients",
        received_at=timezone.now() - timedelta(days=5),
    )  # fmt: skip
    # when / then: a safeguarding lead is refused (Wagtail redirects PermissionDenied home)
    client.force_login(sam)
    refused = client.get(reverse("feedback_review:attention"))
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    # when / then: an administrator sees both, and can send the alert again
    admin = UserFactory(username="ada-admin")
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    client.force_login(admin)
    page = BeautifulSoup(client.get(reverse("feedback_review:attention")).content, "html.parser")
    assert page.title.get_text().startswith("Safeguarding: needs attention")
    tables = page.select("table.listing")
    assert case.receipt in tables[0].get_text() and "NoRecipients" in tables[0].get_text()
    assert case.receipt in tables[1].get_text()
    client.post(reverse("feedback_review:alert_again", args=[case.pk]))
    assert not Feedback.objects.alert_failed().exists()
    assert AuditEvent.objects.filter(action="alert.requeued", user=admin).count() == 1
