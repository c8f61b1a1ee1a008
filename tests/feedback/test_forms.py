import datetime
import uuid

import pytest

from django.utils import timezone

from feedback.choices import QuestionKind
from feedback.factories import FeedbackQuestionFactory
from feedback.forms import GiveFeedbackForm, StaffFeedbackForm
from tests.dates import on_awkward_days


def data(**overrides):
    return {"fft_answer": "very_good", "text": "", "submission_key": str(uuid.uuid4()),
            **overrides}  # fmt: skip


def test_minimal_answer_is_valid():
    form = GiveFeedbackForm(data())
    assert form.is_valid(), form.errors
    assert form.contact_details() is None


def test_text_of_exactly_5000_characters_is_accepted():
    assert GiveFeedbackForm(data(text="x" * 5000)).is_valid()


def test_text_over_5000_characters_is_refused_with_a_clear_message():
    form = GiveFeedbackForm(data(text="x" * 5001))
    assert form.errors["text"] == ["Tell us why you gave this answer must be 5,000 characters or "
                                   "fewer"]  # fmt: skip


def test_nul_is_refused():
    form = GiveFeedbackForm(data(text="ok\x00"))
    assert "character we cannot accept" in form.errors["text"][0]


@pytest.mark.parametrize("key", ["", "not-a-uuid", "1' OR 1=1"])
def test_missing_or_mangled_key_gets_a_fresh_one(key):
    form = GiveFeedbackForm(data(submission_key=key))
    assert form.is_valid()
    assert isinstance(form.cleaned_data["submission_key"], uuid.UUID)


def test_unbound_form_carries_a_new_key_each_time():
    assert (
        GiveFeedbackForm().initial["submission_key"] != GiveFeedbackForm().initial["submission_key"]
    )


def test_contact_needs_a_name_and_a_way_to_reach():
    form = GiveFeedbackForm(data(contact_me="on", contact_phone="07700 900123"))
    assert not form.is_valid() and "contact_name" in form.errors
    form = GiveFeedbackForm(data(contact_me="on", contact_name="Jo", contact_phone="07700 900123"))
    assert form.is_valid()
    assert form.contact_details() == {"name": "Jo", "email": "", "phone": "07700 900123"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "choices", "value", "valid"),
    [
        (QuestionKind.SINGLE_LINE, "", "Ward 7", True),
        (QuestionKind.SINGLE_LINE, "", "x" * 501, False),
        (QuestionKind.MULTI_LINE, "", "x" * 5000, True),
        (QuestionKind.RADIOS, "Yes\nNo", "Yes", True),
        (QuestionKind.RADIOS, "Yes\nNo", "Maybe", False),
        (QuestionKind.CHECKBOXES, "Car\nBus", ["Car", "Bus"], True),
        (QuestionKind.CHECKBOXES, "Car\nBus", ["Boat"], False),
        (QuestionKind.DROPDOWN, "A\nB", "B", True),
        (QuestionKind.DROPDOWN, "A\nB", "", False),
    ],
)
def test_extra_question_kinds(feedback_form, kind, choices, value, valid):
    question = FeedbackQuestionFactory(form=feedback_form, kind=kind, choices=choices,
                                       required=True)  # fmt: skip
    form = GiveFeedbackForm(data(**{f"question_{question.pk}": value}),
                            service=feedback_form.service)  # fmt: skip
    assert form.is_valid() is valid
    if valid:
        assert form.extra_values() == {question.pk: value}


@pytest.mark.django_db
def test_optional_extra_question_may_be_left_blank(feedback_form):
    FeedbackQuestionFactory(form=feedback_form, kind=QuestionKind.RADIOS, choices="Yes\nNo")
    assert GiveFeedbackForm(data(), service=feedback_form.service).is_valid()


@on_awkward_days
def test_staff_form_needs_channel_and_a_past_date(travel):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    form = StaffFeedbackForm(data(channel="web", given_on=tomorrow.isoformat()))
    assert set(form.errors) == {"channel", "given_on"}
    assert StaffFeedbackForm(data(channel="paper", given_on=today.isoformat())).is_valid()
    form = StaffFeedbackForm(data(channel="paper", given_on="5/1/2026"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["given_on"] == datetime.date(2026, 1, 5)
