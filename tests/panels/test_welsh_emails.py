"""Every email to a panel member is in the language they signed up in, linking to /cy/ pages."""

import calendar
from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from panels import emails, recruitment, retention
from panels.choices import MemberStatus
from panels.models import Invitation, PanelMember
from tests.panels.conftest import join
from tests.welsh import in_welsh

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_member(panel):
    """A confirmed member who signed up on the Welsh panel page."""
    in_welsh(panel, title="Panel cleifion")
    member = join(panel, 1)
    PanelMember.objects.filter(pk=member.pk).update(language="cy")
    return PanelMember.objects.get(pk=member.pk)


def test_a_welsh_member_is_invited_in_welsh(welsh_member, study):
    # given
    invitation = Invitation.objects.create(recruitment=study, member=welsh_member)
    recruitment.invite(recruitment=study, user=None)
    # when
    assert emails.send_invitations(invitation_ids=[invitation.pk]) == 1
    # then
    (message,) = mail.outbox
    assert message.subject == "Gwahoddiad i gymryd rhan: Antenatal app test"
    assert "Beth: Prawf defnyddioldeb" in message.body
    assert "Ble: Ar-lein" in message.body
    assert "/cy/panels/invitation/" in message.body
    assert "What:" not in message.body


def test_a_welsh_member_is_warned_in_welsh_before_consent_lapses(welsh_member, travel):
    # given: consent lapsing in 29 days
    lapsed = timezone.now() - timedelta(days=701)
    PanelMember.objects.filter(pk=welsh_member.pk).update(consent_renewed_at=lapsed)
    # when
    assert emails.send_renewal_warning(member_id=welsh_member.pk, level=1)
    # then: the Welsh panel's name, a Welsh month, a /cy/ renewal link
    (message,) = mail.outbox
    assert message.subject == "Arhoswch ar Panel cleifion: adnewyddwch eich caniatâd"
    assert "/cy/panels/you/" in message.body and "/renew/" in message.body
    with translation.override("cy"):
        lapses_on = date_format(retention.lapses_at(lapsed), "j F Y")
    assert f"dod i ben ar {lapses_on}." in message.body
    assert lapses_on.split()[1] not in calendar.month_name  # the month is named in Welsh


def test_signing_up_again_is_answered_in_the_language_used_this_time(panel):
    # given: an English member
    member = join(panel, 1)
    assert member.status == MemberStatus.ACTIVE and member.language == "en-gb"
    # when: they sign up again on the Welsh page
    emails.send_already_member(member_id=member.pk, language="cy")
    # then
    (message,) = mail.outbox
    assert message.subject == "Rydych eisoes yn aelod o: Patient panel"
    assert "/cy/panels/you/" in message.body


def test_an_english_member_still_gets_english(panel):
    member = join(panel, 1)
    emails.send_already_member(member_id=member.pk)
    assert mail.outbox[0].subject == "You are already on: Patient panel"
    assert "/cy/" not in mail.outbox[0].body
