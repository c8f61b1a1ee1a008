"""The public form's NHS.UK markup: controls from Django's widgets with the package's classes,
hints and errors tied to their control for screen readers."""

import uuid

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from feedback.choices import QuestionKind
from feedback.factories import FeedbackQuestionFactory

pytestmark = pytest.mark.django_db


def page_for(client, service, data=None):
    path = reverse("feedback:form", kwargs={"service_slug": service.slug})
    response = client.post(path, data) if data else client.get(path)
    return BeautifulSoup(response.content, "html.parser")


def test_contact_fields_say_what_they_hold_and_do_not_cut_text_off(client, service):
    page = page_for(client, service)
    phone = page.select_one("#id_contact_phone")
    assert (phone["type"], phone["autocomplete"]) == ("tel", "tel")
    assert set(phone["class"]) == {"nhsuk-input", "nhsuk-input--width-20"}
    assert page.select_one("#id_contact_email")["type"] == "email"
    assert page.select_one("#id_contact_name")["autocomplete"] == "name"
    assert all(not control.has_attr("maxlength") for control in page.select("input, textarea"))


def test_hints_and_errors_are_tied_to_their_control(client, service, feedback_form):
    # given a required one-line question with a hint
    question = FeedbackQuestionFactory(form=feedback_form, kind=QuestionKind.SINGLE_LINE,
                                       required=True, help_text="In a few words")  # fmt: skip
    name = f"question_{question.pk}"

    # when the form is sent with it empty and a contact request without a name
    page = page_for(client, service, {"fft_answer": "good", "contact_me": "on",
                                      "contact_email": "jo@example.com",
                                      "submission_key": str(uuid.uuid4())})  # fmt: skip

    # then each control names its hint and error, which exist, and says it is invalid
    for control_id in (f"id_{name}", "id_contact_name"):
        control = page.select_one(f"#{control_id}")
        assert control["aria-invalid"] == "true"
        assert "nhsuk-input--error" in control["class"]
        described = control["aria-describedby"].split()
        assert f"{control_id}_error" in described
        assert all(page.select_one(f"#{ref}") for ref in described)
    assert f"id_{name}_helptext" in page.select_one(f"#id_{name}")["aria-describedby"]
