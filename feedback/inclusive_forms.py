"""Easy read and children's feedback forms: one question a screen, state carried signed in the page.

Nothing is stored until the last screen is sent: each screen posts the answers so far in a signed
hidden field, so no session or database row holds a half-finished response. The words follow NHS
England's guidance on making the FFT inclusive (https://www.england.nhs.uk/fft/fft-inclusive/):
the six answers keep their meaning, shown with pictures, and children under 8 answer with a parent
or carer.
"""

import uuid
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from feedback.choices import Channel, FftAnswer
from feedback.forms import FFT_CHOICES, PlainTextField
from feedback.models import MAX_TEXT_LENGTH
from website.forms import ErrorSummaryForm

# A person may take a while, with help, over one form; after this the signed state is refused
# and they start again (nothing was stored, so nothing is lost but the screens done).
STATE_MAX_AGE_SECONDS = 4 * 60 * 60
ANSWER, MORE, HELPED, CHECK = "answer", "more", "helped", "check"


@dataclass(frozen=True)
class FormVersion:
    """One adapted version of the feedback form: its address, channel, screens and words."""

    slug: str
    channel: Channel
    steps: tuple[str, ...]
    title: str
    intro: str
    question: str
    question_hint: str
    more_label: str
    more_hint: str
    names_reminder: str

    def words(self, *, service: str) -> dict[str, str]:
        """This version's sentences in the active language, with the service's name in them."""
        return {
            name: str(getattr(self, name)).format(service=service)
            for name in ("title", "intro", "question", "question_hint", "more_label", "more_hint",
                         "names_reminder")
        }  # fmt: skip


EASY_READ = FormVersion(
    slug="easy-read",
    channel=Channel.EASY_READ,
    steps=(ANSWER, MORE, HELPED, CHECK),
    title=_("Tell us what you think"),
    intro=_("We want to know what you think about {service}. Your answers help us make things "
            "better. You do not have to give your name."),
    question=_("How was {service} for you?"),
    question_hint=_("Choose 1 picture."),
    more_label=_("Tell us more"),
    more_hint=_("You do not have to write anything. What was good? What could be better?"),
    names_reminder=_("Please do not write anyone's name."),
)  # fmt: skip
CHILDREN = FormVersion(
    slug="young-people",
    channel=Channel.CHILDREN,
    steps=(ANSWER, MORE, CHECK),
    title=_("Tell us about your time with us"),
    intro=_("This is for children and young people aged 8 to 15 who have been to {service}. "
            "It takes 1 minute. You do not have to tell us who you are."),
    question=_("Overall, how was your time with {service}?"),
    question_hint=_("Choose the face that fits best."),
    more_label=_("What was good, or what could we do better?"),
    more_hint=_("You do not have to write anything."),
    names_reminder=_("Please do not write your name or anyone else's name, or where you live."),
)  # fmt: skip
UNDER_8 = FormVersion(
    slug="under-8s",
    channel=Channel.UNDER_8,
    steps=(ANSWER, MORE, CHECK),
    title=_("Tell us about your child's time with us"),
    intro=_("For children under 8 and their parent or carer. Read the question to your child "
            "and let them choose a face. You can write down what they tell you."),
    question=_("How was your time with {service}?"),
    question_hint=_("Grown-up: read this to your child and help them choose a face."),
    more_label=_("Is there anything else your child wants to tell us?"),
    more_hint=_("You do not have to write anything. You can write what your child says."),
    names_reminder=_("Please do not write your child's name or anyone else's name."),
)  # fmt: skip
VERSIONS = {v.slug: v for v in (EASY_READ, CHILDREN, UNDER_8)}

# The six answers keep NHS England's words (in the visitor's language), so every channel's answers
# mean the same; the pictures are what make them easier.
PICTURE_LABELS = dict(FFT_CHOICES)
HELPED_CHOICES = [("yes", _("Yes, someone helped me")), ("no", _("No, I did it on my own"))]
STEP_TITLES = {
    ANSWER: _("Your answer"),
    MORE: _("Tell us more"),
    HELPED: _("Did someone help you?"),
    CHECK: _("Check your answers"),
}


def _state_salt(*, version: FormVersion, service_id: int) -> str:
    # Per version and service: a state made for one form is refused by every other.
    return f"feedback.inclusive.{version.slug}.{service_id}"


def new_state() -> dict:
    """The answers of a form not yet started: only its idempotency key."""
    return {"key": str(uuid.uuid4())}


def sign_state(state: dict, *, version: FormVersion, service_id: int) -> str:
    """The answers so far, signed, for the page's hidden field."""
    salt = _state_salt(version=version, service_id=service_id)
    return signing.dumps(state, salt=salt, compress=True)


def read_state(value: str, *, version: FormVersion, service_id: int) -> dict | None:
    """The answers so far from the hidden field; None when tampered with, foreign or too old."""
    salt = _state_salt(version=version, service_id=service_id)
    try:
        state = signing.loads(value, salt=salt, max_age=STATE_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    return state if isinstance(state, dict) and "key" in state else None


def submission_key(state: dict) -> uuid.UUID:
    """The response's idempotency key, made when the form was first shown."""
    try:
        return uuid.UUID(str(state.get("key")))
    except ValueError:
        return uuid.uuid4()


class StepForm(ErrorSummaryForm):
    """One screen's form, with what the NHS.UK error summary needs."""


class PictureAnswerForm(StepForm):
    """The FFT question with a picture for each answer."""

    fft_answer = forms.ChoiceField(
        choices=FFT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a picture to tell us how it was"),
            "invalid_choice": _("Choose one of the 6 pictures to tell us how it was"),
        },
    )


class TellUsMoreForm(StepForm):
    """The optional free text, with a reminder not to include names."""

    text = PlainTextField(
        label=_("Tell us more"), max_length=MAX_TEXT_LENGTH, required=False, widget=forms.Textarea
    )


class HelpedForm(StepForm):
    """Whether someone helped fill the form in; it may be left out."""

    helped = forms.ChoiceField(
        choices=HELPED_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose yes or no")},
    )


STEP_FORMS = {ANSWER: PictureAnswerForm, MORE: TellUsMoreForm, HELPED: HelpedForm}


def step_form(step: str, *, data=None, state: dict | None = None) -> forms.Form | None:
    """The form for one screen, bound to a POST or filled from the answers so far."""
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        return None
    if data is not None:
        return form_class(data)
    initial = {name: (state or {}).get(name, "") for name in form_class.base_fields}
    return form_class(initial=initial)


def next_step(version: FormVersion, step: str) -> str:
    """The screen after this one."""
    index = version.steps.index(step)
    return version.steps[min(index + 1, len(version.steps) - 1)]


def previous_step(version: FormVersion, step: str) -> str | None:
    """The screen before this one; None on the first."""
    index = version.steps.index(step)
    return version.steps[index - 1] if index else None


def first_missing_step(state: dict) -> str | None:
    """The first screen whose required answer is not in the state; None when all are there."""
    if state.get("fft_answer") not in FftAnswer.values:
        return ANSWER
    return None


def assisted(state: dict) -> bool | None:
    """Whether someone helped, as stored: None when the form did not ask or it was left out."""
    return {"yes": True, "no": False}.get(state.get("helped", ""))


def summary_rows(version: FormVersion, state: dict) -> list[dict]:
    """What the check screen lists: each answer given, with the screen that changes it."""
    rows = [{"step": ANSWER, "label": _("How it was"),
             "value": PICTURE_LABELS.get(state.get("fft_answer"), "")}]  # fmt: skip
    rows.append({"step": MORE, "label": _("What you told us"),
                 "value": state.get("text") or _("Nothing written")})  # fmt: skip
    if HELPED in version.steps:
        helped = dict(HELPED_CHOICES).get(state.get("helped", ""), _("Not said"))
        rows.append({"step": HELPED, "label": _("Did someone help you?"), "value": helped})
    return rows
