import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from feedback.choices import QuestionKind
from feedback.factories import FeedbackFormFactory, FeedbackServiceFactory
from feedback.models import FeedbackForm
from website.choices import GROUP_NAMES, ServiceRoleName
from website.factories import ServiceRoleFactory

pytestmark = pytest.mark.django_db

URLS = "wagtailsnippets_feedback_feedbackform"


@pytest.fixture
def editor(service):
    role = ServiceRoleFactory(service=service, role=ServiceRoleName.EDITOR)
    role.user.groups.add(Group.objects.get(name=GROUP_NAMES[ServiceRoleName.EDITOR]))
    return role.user


@pytest.fixture
def other_form(site_tree):
    return FeedbackFormFactory(service=FeedbackServiceFactory(title="Pharmacy", slug="pharmacy"))


def test_editor_lists_only_their_services_forms(client, editor, feedback_form, other_form):
    client.force_login(editor)
    page = client.get(reverse(f"{URLS}:list")).content.decode()
    assert "Maternity services" in page and "Pharmacy" not in page


def test_editor_adds_an_extra_question(client, editor, service, feedback_form):
    client.force_login(editor)
    url = reverse(f"{URLS}:edit", args=[feedback_form.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "service": service.pk, "intro": "", "follow_up_label": "What went well?",
        "questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
        "questions-0-label": "Which ward?", "questions-0-help_text": "",
        "questions-0-kind": QuestionKind.CHECKBOXES, "questions-0-choices": "A\nB",
        "questions-0-required": "on", "questions-0-ORDER": "1", "questions-0-id": "",
        "questions-0-DELETE": "",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    form = FeedbackForm.objects.get(pk=feedback_form.pk)
    assert form.follow_up_label == "What went well?"
    question = form.questions.get()
    assert (question.kind, question.required, question.choice_list) == (
        QuestionKind.CHECKBOXES, True, ["A", "B"]
    )  # fmt: skip


def test_editor_cannot_open_another_services_form(client, editor, other_form):
    client.force_login(editor)
    response = client.get(reverse(f"{URLS}:edit", args=[other_form.pk]))
    assert response.status_code == 404
    assert "Pharmacy" not in response.content.decode()
    assert client.post(reverse(f"{URLS}:edit", args=[other_form.pk]), {
        "service": other_form.service_id, "follow_up_label": "Hacked",
        "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0",
    }).status_code == 404  # fmt: skip
    other_form.refresh_from_db()
    assert other_form.follow_up_label != "Hacked"


@pytest.mark.parametrize("view", ["delete", "history", "usage"])
def test_other_views_of_another_services_form_are_404(client, editor, other_form, view):
    client.force_login(editor)
    assert client.get(reverse(f"{URLS}:{view}", args=[other_form.pk])).status_code == 404


def test_editor_cannot_add_a_form_for_another_service(client, editor, site_tree):
    other = FeedbackServiceFactory(title="Pharmacy", slug="pharmacy")
    client.force_login(editor)
    response = client.post(reverse(f"{URLS}:add"), {
        "service": other.pk, "intro": "", "follow_up_label": "Why?",
        "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
    })  # fmt: skip
    assert response.status_code == 200
    assert not FeedbackForm.objects.filter(service=other).exists()
