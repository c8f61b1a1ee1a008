"""Confirming, the member's own pages by signed link, leaving, and the unconfirmed sweep."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from panels import emails, joining, services
from panels.choices import MemberStatus
from panels.joining import AboutMe, Contact
from panels.models import ConsentRecord, PanelMember

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def member(panel, service_pages, django_capture_on_commit_callbacks, monkeypatch):
    """A pending member, signed up through the service."""
    monkeypatch.setattr(joining, "_enqueue", lambda name, pk, *language: None)
    return joining.sign_up(
        panel=panel,
        contact=Contact(name="Sam Taylor", email="sam@example.org", phone="+447700900982"),
        about=AboutMe(age_band="25_34", postcode_district="LS1", ways=["phone"],
                      service_ids=[service_pages[0].pk],
                      details={"sex": "female", "access_needs": ["bsl"], "availability": []}),
        purposes=["contact", "updates"],
    )  # fmt: skip


def token(member, salt):
    return services.link_token(member, salt=salt)


def confirm_path(member):
    return reverse("panels:confirm", args=[token(member, services.CONFIRM_SALT)])


def manage_path(member):
    return reverse("panels:manage", args=[token(member, services.MANAGE_SALT)])


def links_in(body: str) -> list[str]:
    return re.findall(r"http://\S+", body)


def test_the_confirmation_email_links_to_confirm_and_to_the_members_page(client, member):
    # when
    assert emails.send_confirmation(member_id=member.pk)
    # then
    (message,) = mail.outbox
    assert message.to == ["sam@example.org"]
    assert "\n" not in message.subject and member.panel.title in message.subject
    confirm_url, manage_url = links_in(message.body)[:2]
    assert "/panels/confirm/" in confirm_url and "/panels/you/" in manage_url
    page = soup(client.get(confirm_url.split("8000", 1)[-1]))
    assert page.select_one("main form button").get_text() == "Confirm and join"
    assert PanelMember.objects.get().status == MemberStatus.PENDING  # a GET confirms nothing


def test_confirming_activates_the_member_and_their_consent(client, member):
    response = client.post(confirm_path(member))
    assert response.status_code == 200
    assert "You have joined Patient panel" in soup(response).h1.get_text()
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE and member.confirmed_at is not None
    assert ConsentRecord.objects.get().confirmed_at == member.confirmed_at
    # A second visit goes to the member's own page.
    assert client.get(confirm_path(member))["Location"].startswith("/panels/you/")


@pytest.mark.parametrize("how", ["forged", "altered", "expired", "other purpose"])
def test_bad_links_show_a_clear_page_and_change_nothing(client, member, how):
    good = token(member, services.CONFIRM_SALT)
    bad = {
        "forged": signing.TimestampSigner(key="not-our-key", salt=services.CONFIRM_SALT).sign(
            str(member.reference)
        ),
        "altered": good[:-2] + ("aa" if not good.endswith("aa") else "bb"),
        "expired": good,
        "other purpose": token(member, services.MANAGE_SALT),
    }[how]
    if how == "expired":
        later = timezone.now() + services.CONFIRM_MAX_AGE + timedelta(minutes=1)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(signing.time, "time", lambda: later.timestamp())
            response = client.post(reverse("panels:confirm", args=[bad]))
    else:
        response = client.post(reverse("panels:confirm", args=[bad]))
    assert response.status_code == 404
    assert soup(response).h1.get_text() == "This link does not work"
    assert "Nothing has been changed" in response.content.decode()
    assert PanelMember.objects.get().status == MemberStatus.PENDING


def test_the_members_page_shows_their_details_and_pauses_and_resumes(client, member):
    services.confirm(member=member)
    page = soup(client.get(manage_path(member)))
    text = page.get_text()
    assert "sam@example.org" in text and "+447700900982" in text and "LS1" in text
    assert "Phone calls" in text
    client.post(manage_path(member), {"action": "pause"})
    member.refresh_from_db()
    assert member.status == MemberStatus.PAUSED
    assert "Your membership is paused" in client.get(manage_path(member)).content.decode()
    client.post(manage_path(member), {"action": "resume"})
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE


def test_a_member_updates_their_details(client, member, service_pages):
    services.confirm(member=member)
    path = reverse("panels:update", args=[token(member, services.MANAGE_SALT)])
    form = soup(client.get(path))
    assert form.select_one("input[name=name]")["value"] == "Sam Taylor"
    assert form.select_one("input[name=sex][value=female]").has_attr("checked")
    response = client.post(path, {
        "name": "Sam T", "phone": "", "contact_method": "email", "postcode_district": "M1 1AA",
        "age_band": "35_44", "ways": ["video", "in_person"], "access_needs": ["easy_read"],
        "services": [service_pages[1].pk],
    })  # fmt: skip
    assert response.status_code == 302
    member.refresh_from_db()
    assert services.read_contact(member) == {"name": "Sam T", "email": "sam@example.org",
                                             "phone": "", "contact_method": "email"}  # fmt: skip
    assert services.read_details(member)["access_needs"] == ["easy_read"]
    assert services.read_details(member)["sex"] == ""
    assert (member.postcode_district, member.age_band) == ("M1", "35_44")
    assert list(member.services.all()) == [service_pages[1]]


def test_leaving_deletes_everything_but_an_anonymous_consent_record(client, member):
    # given
    services.confirm(member=member)
    path = reverse("panels:withdraw", args=[token(member, services.MANAGE_SALT)])
    assert "Leave and delete my details" in client.get(path).content.decode()
    # when
    response = client.post(path)
    # then
    assert "You have left Patient panel" in soup(response).h1.get_text()
    assert not PanelMember.objects.exists()
    record = ConsentRecord.objects.get()
    assert record.member is None and record.panel == member.panel
    assert record.purposes == ["contact", "updates"] and record.text_version
    assert record.given_at and record.confirmed_at and record.withdrawn_at
    fields = {f.name for f in ConsentRecord._meta.concrete_fields}
    assert fields == {"id", "reference", "member", "panel", "purposes", "text_version",
                      "given_at", "confirmed_at", "withdrawn_at"}  # fmt: skip
    # The old links find nothing now.
    assert client.get(manage_path(member)).status_code == 404


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(member, panel):
    confirmed = joining.sign_up(
        panel=panel, contact=Contact(name="Alex", email="alex@example.org"),
        about=AboutMe(age_band="45_54", postcode_district="LS2"), purposes=["contact"],
    )  # fmt: skip
    services.confirm(member=confirmed)
    old = timezone.now() - timedelta(days=8)
    PanelMember.objects.update(created_at=old)
    assert services.delete_unconfirmed(now=old + timedelta(days=6)) == 0
    assert services.delete_unconfirmed() == 1
    assert list(PanelMember.objects.all()) == [confirmed]
    assert ConsentRecord.objects.get().member == confirmed
