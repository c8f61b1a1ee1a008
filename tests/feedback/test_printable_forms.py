"""The large print and easy read paper forms staff print for people who ask for them."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group
from django.urls import reverse

from feedback.choices import QuestionKind
from feedback.factories import FeedbackFormFactory, FeedbackQuestionFactory, FeedbackServiceFactory
from website.choices import GROUP_NAMES, ServiceRoleName
from website.factories import ServiceRoleFactory

pytestmark = pytest.mark.django_db

FFT_LABELS = ["Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know"]


@pytest.fixture
def lead(service):
    role = ServiceRoleFactory(service=service, role=ServiceRoleName.SERVICE_LEAD)
    role.user.groups.add(Group.objects.get(name=GROUP_NAMES[ServiceRoleName.SERVICE_LEAD]))
    return role.user


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_large_print_form_has_every_question_large_print_css_and_a_qr_code(
    client, service, lead, settings
):
    # given
    settings.SITE_BASE_URL = "https://involve.example.nhs.uk"
    form = FeedbackFormFactory(service=service)
    FeedbackQuestionFactory(form=form, label="Which ward?", kind=QuestionKind.RADIOS,
                            choices="Ward A\nWard B")  # fmt: skip
    client.force_login(lead)

    # when
    url = reverse("feedback_staff:paper_large_print", kwargs={"service_id": service.pk})
    page = soup(client.get(url))

    # then
    assert "involve-large-print" in page.body["class"]
    boxes = [li.get_text(strip=True) for li in page.select(".involve-paper-boxes")[0].select("li")]
    assert boxes == FFT_LABELS
    text = page.get_text()
    assert "Overall, how was your experience of our service?" in text
    assert "Which ward?" in text and "Ward B" in text
    assert "https://involve.example.nhs.uk/feedback/maternity/" in text
    assert page.select_one(".involve-paper-online svg")
    stylesheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert any(href.endswith("feedback/print_forms.css") for href in stylesheets)


def test_easy_read_paper_form_has_a_face_by_each_box_and_who_helped(client, service, lead,
                                                                    settings):  # fmt: skip
    settings.SITE_BASE_URL = "https://involve.example.nhs.uk"
    client.force_login(lead)
    url = reverse("feedback_staff:paper_easy_read", kwargs={"service_id": service.pk})
    page = soup(client.get(url))
    faces = page.select(".involve-paper-faces li")
    assert [li.get_text(strip=True) for li in faces] == FFT_LABELS
    assert all(li.select_one("svg.involve-face[aria-hidden=true]") for li in faces)
    text = page.get_text(" ", strip=True)
    assert "How was Maternity services for you?" in text
    assert "Please do not write anyone's name." in text
    assert "Yes, someone helped me" in text and "No, I did it on my own" in text
    assert "https://involve.example.nhs.uk/feedback/maternity/easy-read/" in text


def test_staff_find_both_on_the_enter_feedback_page(client, service, lead):
    client.force_login(lead)
    page = soup(client.get(reverse("feedback_staff:choose")))
    hrefs = {a["href"] for a in page.select("a")}
    assert reverse("feedback_staff:paper_large_print", kwargs={"service_id": service.pk}) in hrefs
    assert reverse("feedback_staff:paper_easy_read", kwargs={"service_id": service.pk}) in hrefs


def test_another_services_printable_forms_are_404(client, service, lead, site_tree):
    other = FeedbackServiceFactory(title="Pharmacy", slug="pharmacy")
    client.force_login(lead)
    for name in ("paper_large_print", "paper_easy_read"):
        assert client.get(reverse(f"feedback_staff:{name}",
                                  kwargs={"service_id": other.pk})).status_code == 404  # fmt: skip


def test_signed_out_people_are_sent_to_sign_in(client, service):
    url = reverse("feedback_staff:paper_easy_read", kwargs={"service_id": service.pk})
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
