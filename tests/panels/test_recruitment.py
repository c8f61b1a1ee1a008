"""Recruitment: who matches, the audited shortlist, the contact cap, do-not-contact, answering."""

from datetime import timedelta

import pytest
import time_machine

from django.core import mail
from django.utils import timezone

from panels import emails, recruitment
from panels.choices import InvitationStatus, MemberStatus
from panels.factories import PanelPageFactory
from panels.models import Invitation, PanelMember
from tests.panels.conftest import join
from website.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_count_follows_every_criterion(panel, service_pages, study, site_tree):
    # given members of an organisation-wide panel, one of another service's panel
    maternity, eyes = service_pages
    other = PanelPageFactory(parent=site_tree, slug="eyes-panel")
    other.services.set([eyes])
    other.save()
    join(panel, 1, age_band="25_34", ways=["video"], service_ids=[maternity.pk])
    join(panel, 2, age_band="65_74", ways=["in_person"], details={"access_needs": ["bsl"]})
    join(panel, 3, age_band="25_34", ways=["phone"], details={"access_needs": ["large_print"]})
    join(panel, 4, confirmed=False)
    join(other, 5)  # not on a panel recruiting for maternity
    # then
    assert recruitment.match_count(recruitment=study) == recruitment.MatchCount(3, 3)
    study.age_bands = ["25_34"]
    assert recruitment.match_count(recruitment=study).matching == 2
    study.ways = ["video", "in_person"]
    assert recruitment.match_count(recruitment=study).matching == 1
    study.age_bands, study.ways = [], []
    study.access_needs_met = ["large_print", "step_free"]  # member 2 needs BSL
    assert recruitment.match_count(recruitment=study).matching == 2
    study.access_needs_met = []
    study.save()
    study.services_used.set([maternity])
    assert recruitment.match_count(recruitment=study).matching == 1


def test_do_not_contact_and_recent_invitations_are_left_out(panel, study):
    now = timezone.now()
    join(panel, 1)
    PanelMember.objects.filter(pk=join(panel, 2).pk).update(do_not_contact=True)
    PanelMember.objects.filter(pk=join(panel, 3).pk).update(last_invited_at=now - timedelta(days=3))
    PanelMember.objects.filter(pk=join(panel, 4).pk).update(
        last_invited_at=now - timedelta(days=20)
    )
    # the contact cap (14 days) holds member 3 back from invitation, not from the count
    assert recruitment.match_count(recruitment=study) == recruitment.MatchCount(3, 2)
    study.not_contacted_days = 30
    assert recruitment.match_count(recruitment=study) == recruitment.MatchCount(1, 1)


def test_shortlisting_is_audited_and_draws_only_invitable_members(panel, study, django_user_model):
    researcher = django_user_model.objects.create(username="r")
    for n in range(6):
        join(panel, n)
    PanelMember.objects.filter(email_key=PanelMember.objects.first().email_key).update(
        last_invited_at=timezone.now()
    )
    assert recruitment.shortlist(recruitment=study, user=researcher, size=10) == 5
    assert recruitment.shortlist(recruitment=study, user=researcher, size=10) == 0  # none twice
    event = AuditEvent.objects.filter(action="panel.shortlisted").order_by("pk").first()
    assert event.object_id == str(study.pk) and event.detail == f"recruitment {study.pk}: 5 members"
    assert event.service_id == study.service_id


def test_the_contact_cap_holds_across_recruitments(panel, study, service_pages):
    # given one member shortlisted by two recruitments
    second = type(study).objects.get(pk=study.pk)
    second.pk, second.title = None, "Second study"
    second.save()
    member = join(panel, 1)
    for s in (study, second):
        Invitation.objects.create(recruitment=s, member=member)
    # when both invite
    first = recruitment.invite(recruitment=study, user=None)
    again = recruitment.invite(recruitment=second, user=None)
    # then only the first invitation goes
    assert (first.invited, first.held_back) == (1, 0)
    assert (again.invited, again.held_back) == (0, 1)
    assert second.invitations.get().status == InvitationStatus.SHORTLISTED


@pytest.mark.parametrize("status", [MemberStatus.PAUSED])
def test_paused_members_are_not_invited(panel, study, status):
    member = join(panel, 1)
    Invitation.objects.create(recruitment=study, member=member)
    PanelMember.objects.filter(pk=member.pk).update(status=status)
    assert recruitment.invite(recruitment=study, user=None).invited == 0


def test_an_invitation_is_emailed_once_however_often_the_task_runs(panel, study):
    member = join(panel, 1)
    invitation = Invitation.objects.create(recruitment=study, member=member)
    recruitment.invite(recruitment=study, user=None)
    assert emails.send_invitations(invitation_ids=[invitation.pk]) == 1
    assert emails.send_invitations(invitation_ids=[invitation.pk]) == 0  # a retry, a redelivery
    (message,) = [m for m in mail.outbox if "invitation" in m.subject]
    assert message.subject == "An invitation to take part: Antenatal app test"
    assert message.to == ["member1@example.org"]
    assert "/panels/invitation/" in message.body and "£25 voucher" in message.body


def test_a_failed_send_releases_the_unsent_for_the_retry(panel, study, monkeypatch):
    # given three invitations in one batch, and a mail server that fails on the second
    ids = [Invitation.objects.create(recruitment=study, member=join(panel, n)).pk for n in range(3)]
    recruitment.invite(recruitment=study, user=None)
    calls = []

    def flaky(*args, **kwargs):
        calls.append(args[3])
        if len(calls) == 2:
            raise OSError("connection reset")
        return mail.send_mail(*args, **kwargs)

    monkeypatch.setattr(emails, "send_mail", flaky)
    # when the task runs, fails, and is retried
    with pytest.raises(OSError):
        emails.send_invitations(invitation_ids=ids)
    unsent = Invitation.objects.filter(emailed_at__isnull=True).values_list("pk", flat=True)
    assert sorted(unsent) == ids[1:]
    assert emails.send_invitations(invitation_ids=ids) == 2
    # then each invitation was emailed exactly once
    sent = [m.to[0] for m in mail.outbox if "invitation" in m.subject]
    assert sorted(sent) == [f"member{n}@example.org" for n in range(3)]


def test_invite_members_for_people_on_a_panel(panel, study, site_tree, service_pages):
    # the entry point for inviting people found another way (a register-interest list)
    eyes_panel = PanelPageFactory(parent=site_tree, slug="eyes-only")
    eyes_panel.services.set([service_pages[1]])
    eyes_panel.save()
    ours, theirs = join(panel, 1), join(eyes_panel, 2)
    outcome = recruitment.invite_members(
        recruitment=study, members=PanelMember.objects.filter(pk__in=[ours.pk, theirs.pk]),
        user=None,
    )  # fmt: skip
    assert outcome == recruitment.InviteOutcome(invited=1, held_back=0)
    assert list(study.invitations.values_list("member_id", "status")) == [
        (ours.pk, InvitationStatus.INVITED)
    ]


def answer_path(invitation) -> str:
    return f"/panels/invitation/{recruitment.answer_token(invitation)}/"


def test_the_invitee_answers_yes_then_changes_their_mind(client, panel, study):
    invitation = Invitation.objects.create(recruitment=study, member=join(panel, 1))
    recruitment.invite(recruitment=study, user=None)
    path = answer_path(invitation)
    page = client.get(path).content.decode()
    assert "Antenatal app test" in page and "Would you like to take part?" in page
    # nothing chosen: an error, nothing recorded
    response = client.post(path, {})
    assert "Select yes if you would like to take part" in response.content.decode()
    assert Invitation.objects.get().status == InvitationStatus.INVITED
    assert "You said yes" in client.post(path, {"answer": "yes"}).content.decode()
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    client.post(path, {"answer": "no"})
    assert Invitation.objects.get().status == InvitationStatus.DECLINED


@pytest.mark.parametrize("tamper", ["forged", "altered", "expired", "withdrawn"])
def test_a_bad_answer_link_changes_nothing(client, panel, study, tamper):
    invitation = Invitation.objects.create(recruitment=study, member=join(panel, 1))
    recruitment.invite(recruitment=study, user=None)
    path = answer_path(invitation)
    if tamper == "forged":
        path = f"/panels/invitation/{invitation.reference}:abc/"
    elif tamper == "altered":
        path = path.replace(str(invitation.reference)[:4], "0000")
    elif tamper == "withdrawn":
        PanelMember.objects.all().delete()
    later = timezone.now() + recruitment.ANSWER_MAX_AGE + timedelta(days=1)
    with time_machine.travel(later if tamper == "expired" else timezone.now()):
        response = client.post(path, {"answer": "yes"})
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert not Invitation.objects.filter(status=InvitationStatus.ACCEPTED).exists()


def test_no_answer_after_the_activity(client, panel, study):
    invitation = Invitation.objects.create(recruitment=study, member=join(panel, 1))
    recruitment.invite(recruitment=study, user=None)
    with time_machine.travel(timezone.now() + timedelta(days=32)):
        response = client.post(answer_path(invitation), {"answer": "yes"})
    assert "can no longer be answered" in response.content.decode()
    assert Invitation.objects.get().status == InvitationStatus.INVITED


def test_leaving_the_panel_removes_every_invitation(panel, study):
    from panels import services

    member = join(panel, 1)
    Invitation.objects.create(recruitment=study, member=member)
    services.withdraw(member=member)
    assert not Invitation.objects.exists()
