"""Researchers' recruitment screens, representation pages and the board's panels section: who sees
what, bad input, and another service's objects answering 404."""

import pytest

from panels import recruitment
from panels.choices import InvitationStatus
from panels.models import Invitation, Recruitment
from tests.panels.conftest import join
from tests.panels.test_admin_views import staff
from website.choices import ServiceRoleName
from website.models import AuditEvent

pytestmark = pytest.mark.django_db

VALID = {"title": "Antenatal app test", "stage": "design", "activity": "usability_test",
         "starts_on": "2099-01-10", "setting": "online", "target_number": 5,
         "status": "open"}  # fmt: skip


@pytest.fixture
def researcher(service_pages):
    return staff(service_pages[0], ServiceRoleName.RESEARCHER, "researcher")


def add_url(service) -> str:
    return f"/admin/panels/services/{service.pk}/recruitment/add/"


def test_a_researcher_creates_a_recruitment_for_their_service(client, researcher, service_pages):
    client.force_login(researcher)
    maternity = service_pages[0]
    response = client.post(add_url(maternity), VALID | {"service": maternity.pk})
    study = Recruitment.objects.get()
    assert response["Location"] == f"/admin/panels/recruitment/{study.pk}/"
    assert AuditEvent.objects.filter(action="panel.recruitment_created").exists()
    page = client.get(response["Location"]).content.decode()
    assert "<title>Antenatal app test" in page and "No members match the criteria." in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "Study\r\nBcc: x@example.org"}, "title", "must be on one line"),
        ({"title": "x" * 201}, "title", "200 characters or fewer"),
        ({"ends_on": "2099-01-01"}, "ends_on", "same as or after the start date"),
        ({"setting": "in_person"}, "place", "Enter the place"),
        ({"target_number": 0}, "target_number", "1 or more"),
        ({"starts_on": "not a date"}, "starts_on", "Enter a valid date"),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(client, researcher, service_pages, change,
                                                  field, message):  # fmt: skip
    client.force_login(researcher)
    maternity = service_pages[0]
    response = client.post(add_url(maternity), VALID | {"service": maternity.pk} | change)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert f'href="#id_{field}' in response.content.decode()
    assert not Recruitment.objects.exists()


def test_bidi_controls_are_stripped_from_the_title(client, researcher, service_pages):
    client.force_login(researcher)
    maternity = service_pages[0]
    client.post(add_url(maternity), VALID | {"service": maternity.pk,
                                            "title": "Study\u202eevil"})  # fmt: skip
    assert Recruitment.objects.get().title == "Studyevil"


def test_another_services_recruitment_and_invitations_answer_404(
    client, researcher, service_pages, panel
):
    # given a recruitment for the eye clinic, where the researcher has no role
    eyes = service_pages[1]
    study = Recruitment.objects.create(service=eyes, **{k: v for k, v in VALID.items()
                                                        if k != "status"})  # fmt: skip
    invitation = Invitation.objects.create(recruitment=study, member=join(panel, 1))
    client.force_login(researcher)
    # then every screen of it is not found, and posting changes nothing
    for url in (add_url(eyes), f"/admin/panels/recruitment/{study.pk}/",
                f"/admin/panels/recruitment/{study.pk}/edit/",
                f"/admin/panels/recruitment/{study.pk}/representation/",
                f"/admin/panels/invitations/{invitation.pk}/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    client.post(f"/admin/panels/recruitment/{study.pk}/", {"action": "invite"})
    client.post(f"/admin/panels/invitations/{invitation.pk}/", {"status": "attended"})
    client.post(add_url(eyes), VALID | {"service": eyes.pk})
    assert Invitation.objects.get().status == InvitationStatus.SHORTLISTED
    assert Recruitment.objects.count() == 1
    # nor can they move their own form onto it
    response = client.post(add_url(service_pages[0]), VALID | {"service": eyes.pk})
    assert "Select a valid choice" in response.content.decode()


def test_recording_attendance_and_payment(client, researcher, study, panel):
    invitation = Invitation.objects.create(recruitment=study, member=join(panel, 1))
    recruitment.invite(recruitment=study, user=None)
    client.force_login(researcher)
    url = f"/admin/panels/invitations/{invitation.pk}/"
    bad = client.post(url, {"status": "attended", "payment_made": "-5"})
    assert "Enter an amount of 0 or more" in bad.content.decode()
    client.post(url, {"status": "attended", "payment_made": "25.00", "expenses_paid": "7.40"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ATTENDED
    assert str(invitation.payment_made) == "25.00"
    page = client.get(f"/admin/panels/recruitment/{study.pk}/").content.decode()
    assert "Invited 1: accepted 1, declined 0, no answer yet 0." in page
    assert "Of those who accepted: attended 1, did not attend 0, not recorded yet 0." in page
    assert "£25.00 in payments, £7.40 in expenses" in page
    assert AuditEvent.objects.filter(action="panel.invitation_updated").exists()


def test_shortlisting_through_the_screen(client, researcher, study, panel):
    for n in range(3):
        join(panel, n)
    client.force_login(researcher)
    url = f"/admin/panels/recruitment/{study.pk}/"
    assert (
        "Enter a whole number"
        in client.post(url, {"action": "shortlist", "size": "x"}).content.decode()
    )
    client.post(url, {"action": "shortlist", "size": 2})
    assert study.invitations.count() == 2
    client.post(url, {"action": "invite"})
    assert study.invitations.filter(status=InvitationStatus.INVITED).count() == 2


def test_representation_pages(client, researcher, study, panel):
    for n in range(12):
        join(panel, n, details={"ethnicity": "white", "sex": "female", "disability": "no"})
    Invitation.objects.create(recruitment=study, member=join(panel, 99))
    client.force_login(researcher)
    page = client.get(f"/admin/panels/{panel.pk}/representation/").content.decode()
    assert "<title>Who is on Patient panel" in page
    assert "Over-represented: White (5 percentage points or more" in page
    assert "<svg" in page and "<caption>Ethnic group: members beside the population" in page
    page = client.get(f"/admin/panels/recruitment/{study.pk}/representation/").content.decode()
    assert "too few members answered" in page


def test_the_board_shows_panel_size_representation_and_open_recruitment(
    client, service_pages, study, panel
):
    lead = staff(service_pages[0], ServiceRoleName.SERVICE_LEAD, "lead")
    for n in range(9):
        join(panel, n)
    client.force_login(lead)
    page = client.get(f"/admin/involvement/services/{service_pages[0].pk}/board/")
    text = page.content.decode()
    assert "Patient and carer panels" in text
    assert "9 active members" in text and "Antenatal app test" in text
    # a service lead is not a researcher: names, but no links into the panel screens
    assert f"/admin/panels/{panel.pk}/representation/" not in text


def test_staff_record_do_not_contact_and_it_is_honoured(client, researcher, study, panel):
    member = join(panel, 1)
    client.force_login(researcher)
    client.post(f"/admin/panels/members/{member.pk}/", {"action": "do_not_contact"})
    page = client.get(f"/admin/panels/members/{member.pk}/").content.decode()
    assert "Do not contact:" in page
    assert AuditEvent.objects.filter(action="panel.do_not_contact", object_id=str(member.pk))
    assert recruitment.match_count(recruitment=study).matching == 0
    Invitation.objects.create(recruitment=study, member=member)
    assert recruitment.invite(recruitment=study, user=None).held_back == 1
    client.post(f"/admin/panels/members/{member.pk}/", {"action": "may_contact"})
    assert recruitment.match_count(recruitment=study).matching == 1
