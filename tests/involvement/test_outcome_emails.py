"""Telling people what changed: the thank-you page's sign-up, the outbox filled on publishing,
each email sent once, also with a real worker killed part way through."""

import os
import uuid
from datetime import timedelta
from email import message_from_bytes

import pytest
import redis
from bs4 import BeautifulSoup

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from feedback.factories import FeedbackServiceFactory
from feedback.models import Theme
from feedback.rollups import rebuild_rollups
from involvement import outcomes
from involvement.models import OutcomeEmail, OutcomeSubscription, YouSaidWeDidPage
from involvement.update_status import UpdateStatus
from panels.choices import Activity, AgeBand, InvitationStatus, MemberStatus, Setting
from panels.factories import PanelPageFactory
from panels.models import Invitation, PanelMember, Recruitment
from tests.conftest import RUN_DIR
from tests.involvement.conftest import processed
from tests.realservices import CeleryWorker, wait_until
from website.choices import LifecycleStage
from website.crypto import encrypt_json

THEME = {"slug": "waiting-times", "defaults": {"name": "Waiting times"}}


@pytest.fixture
def service(site_tree):
    service = FeedbackServiceFactory(title="Maternity services", slug="maternity")
    theme, _ = Theme.objects.get_or_create(**THEME)
    processed(service, themes=[theme])
    rebuild_rollups(service_ids=[service.pk])
    return service


def publish(service, *, title="Evening clinic", recruitment=None):
    update = YouSaidWeDidPage(title=title, slug=f"u-{uuid.uuid4().hex[:8]}",
                              you_said="Waits were too long.", we_did="We added a clinic.",
                              status=UpdateStatus.DONE, status_date=timezone.localdate(),
                              recruitment=recruitment)  # fmt: skip
    service.add_child(instance=update)
    update.themes.set([Theme.objects.get(slug=THEME["slug"])])
    update.save_revision().publish()
    return YouSaidWeDidPage.objects.get(pk=update.pk)


def recipients_in(mail_dir) -> list[str]:
    """Every To: address of every message the file backend wrote, one entry per message."""
    found = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                found.append(message_from_bytes(chunk.strip()).get("To"))
    return found


@pytest.mark.django_db
class TestSigningUp:
    def thank_you(self, client, service):
        url = reverse("feedback:thank_you", kwargs={"service_slug": service.slug,
                                                    "receipt": "ABCD-2345"})  # fmt: skip
        return BeautifulSoup(client.get(url).content, "html.parser")

    def test_the_thank_you_page_offers_it_and_keeps_the_address_apart(self, client, service):
        # given the thank-you page's form
        soup = self.thank_you(client, service)
        form = soup.find("form", action=reverse("involvement:hear_outcome"))
        assert soup.find("label", attrs={"for": "id_email"}).text == "Email address"
        token = form.find("input", attrs={"name": "token"})["value"]
        # when someone leaves their address
        response = client.post(form["action"], {"token": token, "email": "pat@example.com"})
        # then it is kept encrypted, linked to the service and nothing else
        assert response.status_code == 200
        assert "We will email you what changed" in response.content.decode()
        (row,) = OutcomeSubscription.objects.all()
        assert (row.service_id, row.language) == (service.pk, "en-gb")
        assert b"pat@example.com" not in bytes(row.address)
        assert {f.name for f in OutcomeSubscription._meta.get_fields()} == {
            "id", "service", "address", "language", "created_at"}  # fmt: skip

    def test_a_bad_address_is_explained_and_the_form_kept(self, client, service):
        token = outcomes.subscription_token(service=service)
        response = client.post(reverse("involvement:hear_outcome"),
                               {"token": token, "email": "not an address"})  # fmt: skip
        assert response.status_code == 400
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one(".nhsuk-error-summary a")["href"] == "#id_email"
        assert soup.find("input", attrs={"name": "token"})["value"] == token
        assert soup.find("input", attrs={"name": "email"})["value"] == "not an address"
        assert not OutcomeSubscription.objects.exists()

    @pytest.mark.parametrize("token", ["", "forged", "12:abc:def", "<script>"])
    def test_a_forged_form_stores_nothing(self, client, service, token):
        response = client.post(reverse("involvement:hear_outcome"),
                               {"token": token, "email": "pat@example.com"})  # fmt: skip
        assert response.status_code == 400
        assert "This form has expired" in response.content.decode()
        assert not OutcomeSubscription.objects.exists()

    def test_an_old_form_stores_nothing(self, client, service, time_machine):
        token = outcomes.subscription_token(service=service)
        time_machine.move_to(timezone.now() + outcomes.SUBSCRIPTION_TOKEN_MAX_AGE
                             + timedelta(minutes=1))  # fmt: skip
        response = client.post(reverse("involvement:hear_outcome"),
                               {"token": token, "email": "pat@example.com"})  # fmt: skip
        assert response.status_code == 400
        assert not OutcomeSubscription.objects.exists()

    def test_addresses_unused_for_12_months_are_deleted(self, service):
        old = outcomes.subscribe(service=service, email="old@example.com")
        OutcomeSubscription.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - timedelta(days=366))  # fmt: skip
        recent = outcomes.subscribe(service=service, email="new@example.com")
        assert outcomes.delete_old_subscriptions() == 1
        assert list(OutcomeSubscription.objects.all()) == [recent]


def attended_members(service, n_attended, n_other):
    panel = PanelPageFactory(parent=service.get_parent().get_parent())
    recruitment = Recruitment.objects.create(
        service=service, title="Clinic study", stage=LifecycleStage.DELIVERY,
        activity=Activity.INTERVIEW, starts_on=timezone.localdate(), setting=Setting.ONLINE,
        target_number=5)  # fmt: skip
    for n in range(n_attended + n_other):
        member = PanelMember.objects.create(
            panel=panel, status=MemberStatus.ACTIVE, email_key=f"key-{n}",
            contact=encrypt_json({"name": f"M{n}", "email": f"member{n}@example.com"}),
            details=encrypt_json({}), age_band=AgeBand.AGE_25_34,
            postcode_district="LS1")  # fmt: skip
        status = InvitationStatus.ATTENDED if n < n_attended else InvitationStatus.DECLINED
        Invitation.objects.create(recruitment=recruitment, member=member, status=status)
    return recruitment


@pytest.mark.django_db
class TestSendingOnce:
    def test_publishing_uses_each_address_once_and_twice_adds_nobody(self, service, mailoutbox):
        # given two people asked, one of them twice
        for email in ("pat@example.com", "sam@example.com", "Sam@Example.com"):
            outcomes.subscribe(service=service, email=email)
        # when an update is published, then published again
        update = publish(service)
        update.save_revision().publish()
        # then the addresses are used (deleted as subscriptions) and each is owed one email
        assert not OutcomeSubscription.objects.exists()
        assert OutcomeEmail.objects.filter(update=update).count() == 2
        # and sending twice sends each once, then forgets the address
        assert outcomes.send_outcome_emails(update_id=update.pk) == 2
        assert outcomes.send_outcome_emails(update_id=update.pk) == 0
        assert sorted(m.to[0] for m in mailoutbox) == ["pat@example.com", "sam@example.com"]
        assert not OutcomeEmail.objects.exclude(address=b"").exists()
        message = mailoutbox[0]
        assert message.subject == "What changed at Maternity services: Evening clinic"
        assert "We added a clinic." in message.body
        assert message.extra_headers["Message-ID"].startswith("<outcome-")

    def test_a_second_update_has_nobody_left_to_tell(self, service, mailoutbox):
        outcomes.subscribe(service=service, email="pat@example.com")
        publish(service)
        second = publish(service, title="Second")
        assert not OutcomeEmail.objects.filter(update=second).exists()

    def test_panel_members_who_attended_its_recruitment_are_told(self, service, mailoutbox):
        recruitment = attended_members(service, n_attended=2, n_other=1)
        update = publish(service, recruitment=recruitment)
        update.save_revision().publish()
        outcomes.send_outcome_emails(update_id=update.pk)
        assert sorted(m.to[0] for m in mailoutbox) == ["member0@example.com",
                                                       "member1@example.com"]  # fmt: skip
        assert "You took part" in mailoutbox[0].body

    def test_an_email_claimed_by_a_live_worker_is_not_sent_again(self, service, mailoutbox):
        outcomes.subscribe(service=service, email="pat@example.com")
        update = publish(service)
        row = OutcomeEmail.objects.get(update=update)
        OutcomeEmail.objects.filter(pk=row.pk).update(claimed_at=timezone.now())
        assert outcomes.send_outcome_emails(update_id=update.pk) == 0
        assert outcomes.sweep_outcome_emails() == 0
        # after the lease the sweeper queues it and it is sent
        OutcomeEmail.objects.filter(pk=row.pk).update(
            claimed_at=timezone.now() - outcomes.OUTCOME_LEASE - timedelta(seconds=1))  # fmt: skip
        assert outcomes.sweep_outcome_emails() == 1
        assert outcomes.send_outcome_emails(update_id=update.pk) == 1

    def test_a_failing_mail_server_is_retried_then_given_up(self, service, settings):
        settings.EMAIL_BACKEND = "tests.involvement.failing_mail.FailingBackend"
        outcomes.subscribe(service=service, email="pat@example.com")
        update = publish(service)
        for _attempt in range(outcomes.MAX_ATTEMPTS):
            outcomes.send_outcome_emails(update_id=update.pk)
        row = OutcomeEmail.objects.get(update=update)
        assert (row.attempts, row.sent_at, bytes(row.address)) == (outcomes.MAX_ATTEMPTS, None,
                                                                   b"")  # fmt: skip
        assert row.failed_at is not None
        assert outcomes.sweep_outcome_emails() == 0


# --- With a real worker ------------------------------------------------------------------------

SUBSCRIBERS = 6


@pytest.fixture
def slow_worker(celery_worker_process, transactional_db, redis_server):
    """A real worker of its own that pauses half a second after each outcome email, as a rate
    limit would: so the test can kill it between two emails."""
    celery_worker_process.stop()  # the session's worker is started again by the next test
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("feedback", "email", "maintenance", "unacked", "unacked_index")
    worker = CeleryWorker(database_url=celery_worker_process.env["DATABASE_URL"],
                          redis_url=redis_server.url,
                          workdir=RUN_DIR / f"test-outcome-worker-{os.getpid()}")  # fmt: skip
    worker.env["OUTCOME_EMAIL_PAUSE_SECONDS"] = "0.5"
    worker.mail_dir.mkdir(parents=True, exist_ok=True)
    for old in worker.mail_dir.iterdir():
        old.unlink()
    worker.start()
    yield worker
    worker.stop()


@pytest.mark.integration
def test_a_real_worker_sends_each_email_once_even_when_published_twice(slow_worker, service):
    for n in range(3):
        outcomes.subscribe(service=service, email=f"person{n}@example.com")
    update = publish(service)
    update.save_revision().publish()
    wait_until(lambda: not OutcomeEmail.objects.filter(sent_at__isnull=True).exists())
    assert sorted(recipients_in(slow_worker.mail_dir)) == [f"person{n}@example.com"
                                                           for n in range(3)]  # fmt: skip


@pytest.mark.integration
def test_a_worker_killed_mid_send_leaves_each_email_sent_exactly_once(slow_worker, service):
    # given six people waiting to hear
    for n in range(SUBSCRIBERS):
        outcomes.subscribe(service=service, email=f"person{n}@example.com")
    # when the update is published and the worker is killed once two emails have gone
    update = publish(service)
    wait_until(lambda: OutcomeEmail.objects.filter(sent_at__isnull=False).count() >= 2,
               interval=0.05)  # fmt: skip
    slow_worker.kill()
    left = OutcomeEmail.objects.filter(update=update, sent_at__isnull=True)
    assert left.exists(), "the worker finished before it could be killed"
    # a claim the dead worker held runs out (its lease, moved back rather than waited for)
    left.filter(claimed_at__isnull=False).update(
        claimed_at=timezone.now() - outcomes.OUTCOME_LEASE - timedelta(seconds=1))  # fmt: skip
    # then a new worker and the sweeper finish the job
    slow_worker.start()
    slow_worker.wait_ready(times=2)
    assert outcomes.sweep_outcome_emails() == 1
    wait_until(lambda: not left.exists(), timeout=60)
    # and everyone got exactly one email
    assert sorted(recipients_in(slow_worker.mail_dir)) == sorted(
        f"person{n}@example.com" for n in range(SUBSCRIBERS))  # fmt: skip
