import datetime
import uuid

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from feedback.choices import Channel, QuestionKind, Status
from feedback.factories import FeedbackQuestionFactory, FeedbackServiceFactory
from feedback.models import Feedback
from website.choices import GROUP_NAMES, ServiceRoleName
from website.factories import ServiceRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(service):
    role = ServiceRoleFactory(service=service, role=ServiceRoleName.SERVICE_LEAD)
    role.user.groups.add(Group.objects.get(name=GROUP_NAMES[ServiceRoleName.SERVICE_LEAD]))
    return role.user


@pytest.fixture
def other_service(site_tree):
    return FeedbackServiceFactory(title="Pharmacy", slug="pharmacy")


def entry_path(service):
    return reverse("feedback_staff:entry", kwargs={"service_id": service.pk})


def staff_post(**overrides):
    return {"channel": "paper", "given_on": "2026-01-05", "fft_answer": "poor",
            "text": "Waited 3 hours. Nurse Jane Smith was great.",
            "submission_key": str(uuid.uuid4()), **overrides}  # fmt: skip


def test_staff_enter_paper_feedback_through_the_same_pipeline(client, service, lead):
    # given
    client.force_login(lead)
    # when
    response = client.post(entry_path(service), staff_post())
    # then
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.channel, feedback.given_on, feedback.entered_by) == (
        Channel.PAPER, datetime.date(2026, 1, 5), lead
    )  # fmt: skip
    assert feedback.status == Status.RECEIVED
    assert "Jane Smith" not in feedback.text
    page = client.get(response["Location"]).content.decode()
    assert f"Receipt {feedback.receipt}" in page


def test_staff_form_shows_errors_and_keeps_input(client, service, lead):
    client.force_login(lead)
    response = client.post(entry_path(service), staff_post(channel="", text="Keep me"))
    assert response.status_code == 200
    assert "Select how the feedback was given" in response.content.decode()
    assert "Keep me" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_another_services_entry_paper_and_qr_are_404(client, service, lead, other_service):
    client.force_login(lead)
    for name in ("entry", "paper"):
        url = reverse(f"feedback_staff:{name}", kwargs={"service_id": other_service.pk})
        assert client.get(url).status_code == 404
    url = reverse("feedback_staff:qr", kwargs={"service_id": other_service.pk, "fmt": "png"})
    assert client.get(url).status_code == 404
    assert client.post(entry_path(other_service), staff_post()).status_code == 404
    assert Feedback.objects.count() == 0


def test_anonymous_people_are_sent_to_log_in(client, service):
    response = client.get(entry_path(service))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_choose_lists_only_my_services(client, service, lead, other_service):
    client.force_login(lead)
    page = client.get(reverse("feedback_staff:choose")).content.decode()
    assert "Enter feedback for Maternity services" in page
    assert "Pharmacy" not in page


def test_paper_form_has_the_questions_print_css_and_a_qr_code(client, service, lead, settings):
    from feedback.factories import FeedbackFormFactory

    settings.SITE_BASE_URL = "https://involve.example.nhs.uk"
    form = FeedbackFormFactory(service=service)
    FeedbackQuestionFactory(form=form, label="Which ward?", kind=QuestionKind.RADIOS,
                            choices="Ward A\nWard B")  # fmt: skip
    client.force_login(lead)
    response = client.get(reverse("feedback_staff:paper", kwargs={"service_id": service.pk}))
    page = response.content.decode()
    assert "Overall, how was your experience of our service?" in page
    for label in ("Very good", "Neither good nor poor", "Don&#x27;t know", "Which ward?", "Ward B"):
        assert label in page
    assert "<svg" in page and "https://involve.example.nhs.uk/feedback/maternity/" in page
    assert "feedback/feedback.css" in page


@pytest.mark.parametrize(("fmt", "content_type", "magic"), [
    ("png", "image/png", b"\x89PNG"), ("svg", "image/svg+xml", b"<?xml"),
])  # fmt: skip
def test_qr_code_downloads(client, service, lead, fmt, content_type, magic):
    client.force_login(lead)
    url = reverse("feedback_staff:qr", kwargs={"service_id": service.pk, "fmt": fmt})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response.content.startswith(magic)


def test_qr_code_encodes_the_form_address(client, service, lead, settings):
    import io

    import segno

    settings.SITE_BASE_URL = "https://involve.example.nhs.uk"
    expected = segno.make("https://involve.example.nhs.uk/feedback/maternity/", error="m")
    client.force_login(lead)
    url = reverse("feedback_staff:qr", kwargs={"service_id": service.pk, "fmt": "svg"})
    svg = client.get(url).content.decode()
    # segno is deterministic: the same address and settings give the same symbol
    buffer = io.BytesIO()
    expected.save(buffer, kind="svg", scale=10, title="Give feedback about Maternity services")
    assert buffer.getvalue().decode() == svg


def test_user_without_a_role_sees_no_services(client, service):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=GROUP_NAMES[ServiceRoleName.EDITOR]))
    client.force_login(user)
    assert client.get(entry_path(service)).status_code == 404


@pytest.mark.parametrize(("posted", "stored"), [("cy", "cy"), ("en-gb", "en-gb"), (None, "en-gb")])
def test_staff_record_the_language_the_feedback_was_given_in(client, service, lead, posted, stored):
    # given: a Welsh paper form typed in (or an English one, or the choice left alone)
    client.force_login(lead)
    page = client.get(entry_path(service)).content.decode()
    assert 'value="cy"' in page and "Welsh" in page
    # when
    extra = {} if posted is None else {"language": posted}
    assert client.post(entry_path(service), staff_post(**extra)).status_code == 302
    # then: it counts as that language on the board
    assert Feedback.objects.get().language == stored
