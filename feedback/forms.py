"""The feedback form a person fills in, and the staff form for paper, phone and in-person feedback.

Messages follow the NHS service manual's error message guidance: say what went wrong and how to
fix it (https://service-manual.nhs.uk/design-system/components/error-message).
"""

import uuid

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# FFT_QUESTION is imported from here by callers and tests.
from feedback.choices import FFT_QUESTION, Channel, FftAnswer, Language, QuestionKind  # noqa: F401
from feedback.models import DEFAULT_FOLLOW_UP, MAX_TEXT_LENGTH, FeedbackForm, FeedbackQuestion
from website.forms import ErrorSummaryForm
from website.models import ServicePage

CONTACT_LABEL = _("I'd like someone to contact me about this")
SHORT_TEXT_LENGTH = 500
NUL_MESSAGE = _("{label} contains a character we cannot accept. Remove it and try again")
HONEYPOT_FIELD = "website"
CONTACT_NEEDED = _("Enter an email address or a phone number so we can contact you")
# The FFT question and its default follow-up (feedback.choices.FFT_QUESTION and
# feedback.models.DEFAULT_FOLLOW_UP), written out so that makemessages finds them.
FFT_QUESTION_TEXT = _("Overall, how was your experience of our service?")
DEFAULT_FOLLOW_UP_TEXT = _("Tell us why you gave this answer")
# FftAnswer's labels in the visitor's language; the model's stay plain for exports and FHIR.
FFT_CHOICES = [
    (FftAnswer.VERY_GOOD.value, _("Very good")),
    (FftAnswer.GOOD.value, _("Good")),
    (FftAnswer.NEITHER.value, _("Neither good nor poor")),
    (FftAnswer.POOR.value, _("Poor")),
    (FftAnswer.VERY_POOR.value, _("Very poor")),
    (FftAnswer.DONT_KNOW.value, _("Don't know")),
]
EXTRA_PREFIX = "question_"


class PlainTextField(forms.CharField):
    """Text with line endings counted once, as the character count counts them; NUL refused."""

    def __init__(self, *, label: str, max_length: int, **kwargs):
        super().__init__(label=label, max_length=max_length, **kwargs)
        self.error_messages["max_length"] = format_lazy(
            _("{label} must be {max_length} characters or fewer"),
            label=label, max_length=f"{max_length:,}",
        )  # fmt: skip
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        self.validators.append(
            ProhibitNullCharactersValidator(message=format_lazy(NUL_MESSAGE, label=label))
        )

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


def _widget_kind(widget: forms.Widget) -> str:
    """Which NHS.UK component renders a widget, named like QuestionKind."""
    if isinstance(widget, forms.RadioSelect):
        return QuestionKind.RADIOS
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return QuestionKind.CHECKBOXES
    if isinstance(widget, forms.Textarea):
        return QuestionKind.MULTI_LINE
    if isinstance(widget, forms.Select):
        return QuestionKind.DROPDOWN
    return QuestionKind.SINGLE_LINE


def extra_questions(service: ServicePage) -> list[FeedbackQuestion]:
    """The service's extra questions in form order; none, and no query, when it has no form.

    A service read with a `has_questions` annotation (the public form's query) costs no query
    either when its form has no extra questions.
    """
    feedback_form = _feedback_form(service)
    if feedback_form is None or not getattr(service, "has_questions", True):
        return []
    return list(feedback_form.questions.all())


def _feedback_form(service: ServicePage | None) -> FeedbackForm | None:
    try:
        return service.feedback_form if service is not None else None
    except FeedbackForm.DoesNotExist:
        return None


def _extra_field(question: FeedbackQuestion) -> forms.Field:
    """A form field for one editor-defined question."""
    common = {"label": question.label, "required": question.required,
              "help_text": question.help_text}  # fmt: skip
    choices = [(c, c) for c in question.choice_list]
    if question.kind == QuestionKind.SINGLE_LINE:
        field = PlainTextField(max_length=SHORT_TEXT_LENGTH, **common)
    elif question.kind == QuestionKind.MULTI_LINE:
        field = PlainTextField(max_length=MAX_TEXT_LENGTH, widget=forms.Textarea, **common)
    elif question.kind == QuestionKind.RADIOS:
        field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    elif question.kind == QuestionKind.CHECKBOXES:
        field = forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    else:
        field = forms.ChoiceField(choices=[("", _("Choose an answer")), *choices], **common)
    field.kind = question.kind
    if question.kind in (QuestionKind.SINGLE_LINE, QuestionKind.MULTI_LINE):
        required = gettext("Enter an answer to: {label}")
    else:
        required = gettext("Select an answer to: {label}")
    field.error_messages["required"] = required.format(label=question.label)
    invalid = gettext("Select one of the answers to: {label}")
    field.error_messages["invalid_choice"] = invalid.format(label=question.label)
    return field


class GiveFeedbackForm(ErrorSummaryForm):
    """The Friends and Family Test question, its follow-up, extra questions and a contact request.

    Undeclared fields (`status`, `service`, ...) are ignored: the service comes from the URL.
    """

    fft_answer = forms.ChoiceField(
        label=FFT_QUESTION_TEXT,
        choices=FFT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how your experience of our service was"),
            "invalid_choice": _("Select one of the six answers about your experience"),
        },
    )
    text = PlainTextField(label=DEFAULT_FOLLOW_UP_TEXT, max_length=MAX_TEXT_LENGTH, required=False,
                          widget=forms.Textarea)  # fmt: skip
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)
    contact_me = forms.BooleanField(label=CONTACT_LABEL, required=False)
    contact_name = PlainTextField(
        label=_("Your name"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    contact_email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an email address in the correct format, like "
                                     "name@example.com")},
    )  # fmt: skip
    contact_phone = PlainTextField(
        label=_("Phone number"), max_length=40, required=False,
        widget=forms.TelInput(attrs={"autocomplete": "tel", "class": "nhsuk-input--width-20"}),
    )  # fmt: skip

    def __init__(self, *args, service: ServicePage | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # No service: the FFT question and its follow-up alone.
        self.questions = extra_questions(service) if service is not None else []
        feedback_form = _feedback_form(service)
        if feedback_form is not None and feedback_form.follow_up_label != DEFAULT_FOLLOW_UP:
            self.fields["text"] = PlainTextField(
                label=feedback_form.follow_up_label, max_length=MAX_TEXT_LENGTH, required=False,
                widget=forms.Textarea,
            )  # fmt: skip
        for question in self.questions:
            self.fields[f"{EXTRA_PREFIX}{question.pk}"] = _extra_field(question)
        for field in self.fields.values():
            if not hasattr(field, "kind"):
                field.kind = _widget_kind(field.widget)
        if not self.is_bound:
            self.initial.setdefault("submission_key", str(uuid.uuid4()))

    @property
    def extra_fields(self) -> list[forms.BoundField]:
        return [self[f"{EXTRA_PREFIX}{q.pk}"] for q in self.questions]

    def clean_submission_key(self) -> uuid.UUID:
        # A missing or mangled key must not stop a person giving feedback: take a fresh one.
        try:
            return uuid.UUID(self.cleaned_data.get("submission_key") or "")
        except ValueError:
            return uuid.uuid4()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_me"):
            if not cleaned.get("contact_name"):
                self.add_error("contact_name", _("Enter your name so we know who to contact"))
            if not cleaned.get("contact_email") and not cleaned.get("contact_phone"):
                self.add_error("contact_email", CONTACT_NEEDED)
        return cleaned

    def extra_values(self) -> dict[int, str | list[str]]:
        """Answers to the extra questions keyed by question id."""
        return {q.pk: self.cleaned_data.get(f"{EXTRA_PREFIX}{q.pk}") for q in self.questions}

    def contact_details(self) -> dict | None:
        """What to store, encrypted, if the person asked to be contacted."""
        data = self.cleaned_data
        if not data.get("contact_me"):
            return None
        return {"name": data["contact_name"], "email": data.get("contact_email", ""),
                "phone": data.get("contact_phone", "")}  # fmt: skip


STAFF_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.WEB]


class StaffFeedbackForm(GiveFeedbackForm):
    """The same form for staff typing in paper, phone and in-person feedback, with channel, date."""

    channel = forms.ChoiceField(
        label="How was the feedback given?",
        choices=STAFF_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the feedback was given"},
    )
    given_on = forms.DateField(
        label="Date the feedback was given",
        help_text="For example, 27 3 2026 or 2026-03-27",
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y"],
        error_messages={"required": "Enter the date the feedback was given",
                        "invalid": "Enter a real date, like 27/3/2026"},
    )  # fmt: skip

    # A Welsh paper form or a call in Welsh counts as Welsh on the board (issue 16).
    language = forms.ChoiceField(
        label="Which language was the feedback given in?",
        choices=Language.choices,
        initial=Language.ENGLISH,
        widget=forms.RadioSelect,
        required=False,
    )

    field_order = ["channel", "given_on", "language", "fft_answer", "text"]

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or Language.ENGLISH

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError("The date the feedback was given must be today or earlier")
        return given_on
