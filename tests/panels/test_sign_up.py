"""Joining a panel: the page, the form, what is stored, and bad input."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.db.models import F

from panels import consent, joining, services
from panels.choices import MemberStatus, way_bits
from panels.models import ConsentRecord, PanelMember
from tests.panels.conftest import sign_up_data

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def queued(monkeypatch):
    """Task names and member ids the services queued (after commit)."""
    sent = []
    monkeypatch.setattr(joining, "_enqueue", lambda name, pk, *language: sent.append((name, pk)))
    return sent


def join_path(panel):
    return panel.url + panel.reverse_subpage("join")


def post(client, panel, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(join_path(panel), sign_up_data(**overrides))


def test_panel_page_describes_the_panel_and_links_to_the_form(client, panel):
    page = soup(client.get(panel.url))
    assert page.h1.get_text() == "Patient panel"
    headings = [h.get_text() for h in page.select("h2")]
    expected = ["Who we are looking for", "What taking part involves", "Payment and expenses",
                "Your information", "When we ask for help"]  # fmt: skip
    assert set(expected) <= set(headings)
    assert page.select_one("a.nhsuk-action-link__link")["href"] == join_path(panel)


def test_form_asks_every_question_with_nhs_components(client, panel, service_pages):
    page = soup(client.get(join_path(panel)))
    names = {i["name"] for i in page.select("form input") if i.get("name")}
    for name in ("name", "email", "phone", "contact_method", "postcode_district", "age_band",
                 "sex", "gender_same_as_sex", "ethnicity", "disability", "long_term_condition",
                 "carer", "language", "confidence_online", "services", "access_needs",
                 "interpreter_language", "access_other", "ways", "availability",
                 "consent_contact", "consent_representation", "consent_updates"):  # fmt: skip
        assert name in names, name
    for name in ("sex", "ethnicity", "disability", "carer", "confidence_online"):
        labels = [lab.get_text() for lab in page.select(f"input[name={name}] + label")]
        assert "Prefer not to say" in labels, name
    assert len(page.select("input[name=services]")) == len(service_pages)
    assert page.select("fieldset .nhsuk-radios") and page.select("fieldset .nhsuk-checkboxes")
    assert consent.text(consent.ConsentPurpose.CONTACT) in page.get_text()


def test_a_sign_up_is_stored_encrypted_and_pending(
    client, panel, service_pages, queued, django_capture_on_commit_callbacks
):
    # when
    response = post(client, panel, django_capture_on_commit_callbacks,
                    services=[service_pages[0].pk], postcode_district="ls1 4ap")  # fmt: skip
    # then
    assert response.status_code == 302
    assert response["Location"] == panel.url + panel.reverse_subpage("check_your_email")
    member = PanelMember.objects.get()
    assert member.status == MemberStatus.PENDING
    assert b"Sam" not in bytes(member.contact) and b"example" not in bytes(member.contact)
    assert b"large_print" not in bytes(member.details)
    contact = services.read_contact(member)
    assert contact["email"] == "Sam.Taylor@example.org"  # domain lower-cased
    assert contact["phone"] == "+447700900982"
    assert member.postcode_district == "LS1"  # the district only
    assert member.age_band == "35_44"
    assert member.ways == way_bits(["online_survey", "video"])
    assert list(member.services.all()) == [service_pages[0]]
    details = services.read_details(member)
    assert details["access_needs"] == ["large_print", "step_free"]
    assert details["sex"] == "prefer_not"
    record = ConsentRecord.objects.get()
    assert record.member == member
    assert record.purposes == ["contact", "representation"]
    assert record.text_version == consent.CURRENT_VERSION
    assert record.confirmed_at is None
    assert queued == [(joining.SEND_CONFIRMATION, member.pk)]


def test_check_your_email_page_says_the_same_for_known_and_new_addresses(
    client, panel, queued, django_capture_on_commit_callbacks
):
    first = post(client, panel, django_capture_on_commit_callbacks)
    again = post(client, panel, django_capture_on_commit_callbacks)
    assert first["Location"] == again["Location"]
    assert client.get(first["Location"]).content == client.get(again["Location"]).content


def test_the_same_sign_up_ten_times_makes_one_member_and_one_email(
    client, panel, queued, django_capture_on_commit_callbacks
):
    for n in range(10):
        email = "sam.taylor@EXAMPLE.ORG" if n % 2 else "Sam.Taylor@example.org"
        response = post(client, panel, django_capture_on_commit_callbacks, email=email)
        assert response.status_code == 302
    assert PanelMember.objects.count() == 1
    assert ConsentRecord.objects.count() == 1
    assert len(queued) == 1


def test_a_confirmed_member_signing_up_again_is_emailed_their_link(
    client, panel, queued, django_capture_on_commit_callbacks
):
    post(client, panel, django_capture_on_commit_callbacks)
    member = services.confirm(member=PanelMember.objects.get())
    # past the pause between emails
    PanelMember.objects.update(last_emailed_at=F("last_emailed_at") - timedelta(minutes=11))
    post(client, panel, django_capture_on_commit_callbacks, name="Someone Else")
    assert queued[-1] == (joining.SEND_ALREADY_MEMBER, member.pk)
    assert services.read_contact(PanelMember.objects.get())["name"] == "Sam Taylor"


def test_under_16_is_told_clearly_and_nothing_is_stored(
    client, panel, queued, django_capture_on_commit_callbacks
):
    response = post(client, panel, django_capture_on_commit_callbacks, age_band="under_16")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "You need to be 16 or over to join"
    assert "We have not kept anything you entered" in page.get_text()
    assert not PanelMember.objects.exists() and not ConsentRecord.objects.exists()
    assert queued == []


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": "A" * 101}, "name", "Full name must be 100 characters or fewer"),
        ({"name": "Sam\r\nBcc: x@example.org"}, "name", "Full name must be on one line"),
        ({"email": "sam@exаmple.org"}, "email", "Enter an email address in the correct format"),
        ({"email": "sam@xn--exmple-cua.org"}, "email", "correct format"),
        ({"email": "sam@example.org\r\nBcc: x@example.org"}, "email", "must be on one line"),
        ({"email": "not-an-address"}, "email", "correct format"),
        ({"phone": "12345"}, "phone", "Enter a phone number"),
        ({"phone": "0770090098"}, "phone", "Enter a phone number"),
        ({"phone": "", "contact_method": "phone"}, "phone", "as you chose to be contacted"),
        ({"postcode_district": "NOT A POSTCODE"}, "postcode_district", "first part"),
        ({"ways": []}, "ways", "Select at least one way"),
        ({"consent_contact": ""}, "consent_contact", "Agree to be contacted"),
        ({"age_band": ""}, "age_band", "Select how old you are"),
    ],
)
def test_bad_input_is_refused_with_a_linked_error_and_nothing_stored(
    client, panel, queued, django_capture_on_commit_callbacks, overrides, field, message
):
    response = post(client, panel, django_capture_on_commit_callbacks, **overrides)
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    summary = page.select_one(".nhsuk-error-summary")
    assert message in summary.get_text()
    anchor = summary.select_one("a")["href"].lstrip("#")
    assert page.find(id=anchor) is not None
    assert page.select_one(f"#id_{field}_error") is not None
    assert not PanelMember.objects.exists()


def test_bidi_controls_are_stripped_from_single_line_fields(
    client, panel, queued, django_capture_on_commit_callbacks
):
    post(client, panel, django_capture_on_commit_callbacks, name="Sam\u202e rolyaT\u202c",
         language="Engl\u2066ish")  # fmt: skip
    member = PanelMember.objects.get()
    assert services.read_contact(member)["name"] == "Sam rolyaT"
    assert services.read_details(member)["language"] == "English"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("07700 900982", "+447700900982"), ("+44 (0)7700 900982", "+447700900982"),
     ("0113 496 0000", "+441134960000"), ("00 353 1 234 5678", "+35312345678")],
)  # fmt: skip
def test_phone_numbers_are_stored_in_e164(
    client, panel, queued, django_capture_on_commit_callbacks, typed, stored
):
    post(client, panel, django_capture_on_commit_callbacks, phone=typed)
    assert services.read_contact(PanelMember.objects.get())["phone"] == stored


def test_the_honeypot_keeps_nothing(client, panel, queued, django_capture_on_commit_callbacks):
    response = post(client, panel, django_capture_on_commit_callbacks, website="http://spam")
    assert response.status_code == 302
    assert not PanelMember.objects.exists() and queued == []


def test_too_many_sign_ups_from_one_client_are_refused(
    client, panel, queued, django_capture_on_commit_callbacks
):
    for n in range(10):
        post(client, panel, django_capture_on_commit_callbacks, email=f"p{n}@example.org")
    response = post(client, panel, django_capture_on_commit_callbacks, email="late@example.org")
    assert response.status_code == 429
    assert PanelMember.objects.count() == 10
