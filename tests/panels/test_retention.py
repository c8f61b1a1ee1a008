"""Retention: warnings 30 and 7 days before consent lapses (each once), deletion after 2 years,
consent records deleted 6 years after withdrawal, and renewing from the email's link."""

import re
from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from panels import emails, retention, services
from panels.models import ConsentRecord, PanelMember
from tests.panels.conftest import join

pytestmark = pytest.mark.django_db


def renewed_days_ago(member, days: int, now):
    PanelMember.objects.filter(pk=member.pk).update(consent_renewed_at=now - timedelta(days=days))


def test_warnings_are_due_30_and_7_days_before(panel, travel):
    now = timezone.now()
    fresh, month, week, both = (join(panel, n) for n in range(4))
    renewed_days_ago(fresh, 600, now)
    renewed_days_ago(month, 700, now)  # 30 days left
    renewed_days_ago(week, 725, now)  # 5 days left, month warning already sent
    PanelMember.objects.filter(pk=week.pk).update(renewal_warnings=1)
    renewed_days_ago(both, 724, now)  # 6 days left, never warned: only the 7-day warning
    assert retention.due_warnings(now=now) == [(month.pk, 1), (week.pk, 2), (both.pk, 2)]


def test_each_warning_is_sent_once(panel, travel):
    member = join(panel, 1)
    renewed_days_ago(member, 701, timezone.now())
    assert emails.send_renewal_warning(member_id=member.pk, level=1) is True
    assert emails.send_renewal_warning(member_id=member.pk, level=1) is False
    assert retention.due_warnings(now=timezone.now()) == []
    (message,) = mail.outbox[-1:]
    assert message.subject == "Stay on Patient panel: renew your consent"
    assert "/renew/" in message.body


def test_renewing_from_the_link_restarts_the_clock(client, panel, travel):
    member = join(panel, 1)
    renewed_days_ago(member, 701, timezone.now())
    emails.send_renewal_warning(member_id=member.pk, level=1)
    path = re.search(r"http://\S+(/panels/you/\S+/renew/)", mail.outbox[-1].body).group(1)
    assert "Stay on the panel" in client.get(path).content.decode()
    assert "renewed for 2 years" in client.post(path).content.decode()
    member.refresh_from_db()
    assert member.renewal_warnings == 0
    assert timezone.now() - member.consent_renewed_at < timedelta(minutes=1)
    assert member.consents.count() == 2
    assert member.consents.order_by("-pk").first().purposes == ["contact", "representation"]


def test_lapsed_members_are_deleted_and_old_consent_records_go(panel, travel):
    # given a member past 2 years, one inside, and a consent record withdrawn 6 years ago
    now = timezone.now()
    lapsed, current, left = join(panel, 1), join(panel, 2), join(panel, 3)
    renewed_days_ago(lapsed, 731, now)
    renewed_days_ago(current, 700, now)
    (old_record,) = services.withdraw(member=left)
    ConsentRecord.objects.filter(pk=old_record.pk).update(withdrawn_at=now - timedelta(days=2191))
    # when the daily run happens (the broker is not needed for deletion)
    outcome = retention.enforce(now=now)
    # then
    assert outcome["members_deleted"] == 1 and outcome["consent_records_deleted"] == 1
    assert list(PanelMember.objects.values_list("pk", flat=True)) == [current.pk]
    kept = ConsentRecord.objects.get(member__isnull=True)
    assert kept.withdrawn_at is not None and kept.purposes == ["contact", "representation"]
    assert not ConsentRecord.objects.filter(pk=old_record.pk).exists()


def test_pending_sign_ups_are_not_warned(panel, travel):
    join(panel, 1, confirmed=False)
    assert retention.due_warnings(now=timezone.now() + timedelta(days=800)) == []


def test_a_warning_queued_before_renewal_sends_nothing_after_it(panel, travel):
    member = join(panel, 1)
    renewed_days_ago(member, 701, timezone.now())
    due = retention.due_warnings(now=timezone.now())
    retention.renew_consent(member=PanelMember.objects.get(pk=member.pk))
    for member_id, level in due:  # the queued task runs after the renewal
        assert emails.send_renewal_warning(member_id=member_id, level=level) is False
    assert not [m for m in mail.outbox if "renew your consent" in m.subject]
