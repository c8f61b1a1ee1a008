"""Issue 14's "Done when", with a real Redis and a real Celery worker: sign up, confirm from the
email, be counted by a researcher, be shortlisted and invited, accept from the invitation email,
leave, and be gone from every table but the anonymous consent record."""

import re
import time

import pytest
import redis

from django.conf import settings
from django.contrib.auth.models import Group

from panels.choices import InvitationStatus
from panels.models import ConsentRecord, Invitation, PanelMember, Recruitment
from tests.database_scan import database_values
from tests.panels.conftest import sign_up_data
from tests.realservices import wait_until
from website.choices import GROUP_NAMES, ServiceRoleName
from website.factories import ServiceRoleFactory, UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def worker(celery_worker):
    """The worker, with empty queues and no mail."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("feedback", "email", "maintenance", "unacked", "unacked_index")
    for message in celery_worker.mail_dir.iterdir():
        message.unlink()
    return celery_worker


def mails(worker) -> list[str]:
    return [
        p.read_text() for p in sorted(worker.mail_dir.iterdir(), key=lambda p: p.stat().st_mtime)
    ]


def local(url: str) -> str:
    return url.removeprefix(settings.SITE_BASE_URL.rstrip("/"))


def test_join_get_invited_accept_and_leave(client, worker, panel, service_pages):
    # given a researcher for maternity
    maternity = service_pages[0]
    researcher = UserFactory(username="researcher")
    researcher.groups.add(Group.objects.get(name=GROUP_NAMES[ServiceRoleName.RESEARCHER]))
    ServiceRoleFactory(user=researcher, service=maternity, role=ServiceRoleName.RESEARCHER)
    staff = client.__class__()
    staff.force_login(researcher)

    # when someone signs up and confirms from the email
    client.post(panel.url + panel.reverse_subpage("join"), sign_up_data())
    (confirm_mail,) = wait_until(lambda: [m for m in mails(worker) if "/panels/confirm/" in m])
    confirm_url = re.findall(r"http://\S+", confirm_mail)[0]
    client.post(local(confirm_url))

    # and the researcher creates a recruitment, sees the count, shortlists and invites
    response = staff.post(f"/admin/panels/services/{maternity.pk}/recruitment/add/", {
        "service": maternity.pk, "title": "Antenatal app test", "stage": "design",
        "activity": "usability_test", "starts_on": "2099-01-10", "setting": "online",
        "target_number": 5, "payment": "£25 voucher", "status": "open",
        "age_bands": ["35_44"], "ways": ["video"], "access_needs_met": ["large_print", "step_free"],
    })  # fmt: skip
    study = Recruitment.objects.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    page = staff.get(f"/admin/panels/recruitment/{study.pk}/").content.decode()
    assert "1 member matches the criteria and can be invited now." in page
    staff.post(f"/admin/panels/recruitment/{study.pk}/", {"action": "shortlist", "size": 5})
    staff.post(f"/admin/panels/recruitment/{study.pk}/", {"action": "invite"})

    # then the invitation arrives once, and its link records a yes
    invitation_mail = wait_until(lambda: [m for m in mails(worker) if "/panels/invitation/" in m])[
        0
    ]
    answer_url = re.search(r"http://\S+/panels/invitation/\S+/", invitation_mail).group(0)
    client.post(local(answer_url), {"answer": "yes"})
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    assert Invitation.objects.get().emailed_at is not None
    page = staff.get(f"/admin/panels/recruitment/{study.pk}/").content.decode()
    assert "Invited 1: accepted 1, declined 0, no answer yet 0." in page

    # when they leave from the link in the email
    manage_url = re.search(r"http://\S+/panels/you/[^/\s]+/", invitation_mail).group(0)
    client.post(local(manage_url) + "leave/")

    # then nothing about them is left but the anonymous consent record
    assert not PanelMember.objects.exists() and not Invitation.objects.exists()
    record = ConsentRecord.objects.get()
    assert record.member_id is None and record.withdrawn_at is not None
    for table, value in database_values():
        assert "Sam.Taylor" not in str(value) and "Sam Taylor" not in str(value), table
    assert len([m for m in mails(worker) if "An invitation to take part" in m]) == 1


def test_a_renewal_warning_is_emailed_once_and_its_link_renews(client, worker, panel):
    # given a member whose consent runs out in 29 days
    from datetime import timedelta

    from django.utils import timezone

    from panels import retention
    from tests.panels.conftest import join

    member = join(panel, 1)
    PanelMember.objects.filter(pk=member.pk).update(
        consent_renewed_at=timezone.now() - timedelta(days=701)
    )
    # when the daily task runs twice
    retention.enforce()
    retention.enforce()
    (warning,) = wait_until(lambda: [m for m in mails(worker) if "/renew/" in m])
    time.sleep(2)  # the second run's task, if it queued one, has had time to (not) send
    # then one warning came, and its link renews consent
    assert "renew your consent" in warning
    renew_url = re.search(r"http://\S+/renew/", warning).group(0)
    assert "renewed for 2 years" in client.post(local(renew_url)).content.decode()
    member.refresh_from_db()
    assert member.renewal_warnings == 0 and member.consents.count() == 2
    assert len([m for m in mails(worker) if "/renew/" in m]) == 1
