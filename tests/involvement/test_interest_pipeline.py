"""Interest with a real Redis and a real Celery worker: the confirmation and the invitation
arrive by email, each once."""

import pytest
import redis

from django.conf import settings
from django.contrib.auth.models import Group

from involvement.factories import OpportunityPageFactory
from involvement.models import Interest
from tests.realservices import wait_until
from website.choices import GROUP_NAMES, ServiceRoleName
from website.factories import (
    ServicePageFactory,
    ServiceRoleFactory,
    ServicesIndexPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def worker(celery_worker):
    """The worker, with empty queues and no mail."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("feedback", "email", "maintenance", "unacked", "unacked_index")
    for message in celery_worker.mail_dir.iterdir():
        message.unlink()
    return celery_worker


def mails(worker, n):
    """The n emails in the mail dir, once each is written whole (the file backend ends every
    message with a line of 79 dashes; a file can be seen before that is written)."""

    def written():
        texts = sorted(p.read_text() for p in worker.mail_dir.iterdir())
        return len(texts) == n and all(t.endswith("-" * 79 + "\n") for t in texts) and texts

    return wait_until(written)


def test_register_then_get_invited_by_email(client, worker, site_tree):
    # given an open opportunity of a service, and its researcher
    index = ServicesIndexPageFactory(parent=site_tree, slug="services")
    service = ServicePageFactory(parent=index, title="Maternity services", slug="maternity")
    opportunity = OpportunityPageFactory(parent=service, title="Maternity survey", slug="s")
    researcher = UserFactory(username="researcher")
    researcher.groups.add(Group.objects.get(name=GROUP_NAMES[ServiceRoleName.RESEARCHER]))
    ServiceRoleFactory(user=researcher, service=service, role=ServiceRoleName.RESEARCHER)
    # when someone registers interest
    response = client.post(opportunity.url + "register/",
                           {"name": "Sam Taylor", "email": "sam@example.org"})  # fmt: skip
    assert response.status_code == 302
    # then the worker emails them
    (confirmation,) = mails(worker, 1)
    assert "You registered interest: Maternity survey" in confirmation
    assert "To: sam@example.org" in confirmation
    # when the researcher invites them
    client.force_login(researcher)
    row = Interest.objects.get()
    invite = {"action": "invite", "interest": [row.pk], "message": "Tuesday 7pm, Room 4"}
    client.post(f"/admin/involvement/interest/{opportunity.pk}/", invite)
    # then the invitation arrives, once
    invitation = next(m for m in mails(worker, 2) if "invitation" in m.lower())
    assert "Tuesday 7pm, Room 4" in invitation
    assert wait_until(lambda: Interest.objects.get().invitation_sent_at is not None)
