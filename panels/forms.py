"""The panel sign-up form and the form members update their details with.

Messages follow the NHS service manual's error message guidance
(https://service-manual.nhs.uk/design-system/components/error-message).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from panels import consent
from panels.choices import (
    AccessNeed,
    AgeBand,
    Availability,
    ConfidenceOnline,
    ContactMethod,
    Disability,
    Ethnicity,
    GenderSameAsSex,
    Sex,
    WayToTakePart,
    YesNo,
    ways_from_bits,
)
from panels.joining import AboutMe, Contact
from website.forms import ErrorSummaryForm
from website.locales import in_default_language
from website.models import ServicePage

HONEYPOT_FIELD = "website"
# Bidirectional controls can make a name display as something else (CVE-2021-42574's trick).
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*(?:[0-9][A-Z]{2})?$")
PHONE_SEPARATORS = re.compile(r"[\s\-().]")
E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")
DETAIL_FIELDS = ("sex", "gender_same_as_sex", "ethnicity", "disability", "long_term_condition",
                 "carer", "language", "confidence_online", "access_needs", "access_other",
                 "interpreter_language", "availability")  # fmt: skip
LIST_DETAILS = ("access_needs", "availability")


def to_e164(raw: str) -> str:
    """A UK or international number in E.164, or ValidationError.

    TODO(helper J): use `phonenumbers` once the lock has it (`make lock`); until then UK numbers
    (11 digits from 0, or +44 and 10 digits) and international numbers written with + or 00.
    """
    digits = PHONE_SEPARATORS.sub("", raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+44" + digits[1:] if len(digits) == 11 else ""
    if digits.startswith("+440"):
        digits = "+44" + digits[4:]
    uk_ok = not digits.startswith("+44") or len(digits) == 13
    if not E164.match(digits) or not uk_ok:
        raise ValidationError(
            _("Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
        )
    return digits


class SingleLineField(forms.CharField):
    """One line of text: bidi controls stripped, line breaks and NUL refused."""

    def __init__(self, *, label: str, max_length: int, autocomplete: str = "", **kwargs):
        attrs = {"autocomplete": autocomplete} if autocomplete else {}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(label=label, max_length=max_length, **kwargs)
        self.error_messages["max_length"] = format_lazy(
            _("{label} must be {max_length} characters or fewer"),
            label=label,
            max_length=max_length,
        )

    def to_python(self, value):
        value = BIDI_CONTROLS.sub("", super().to_python(value))
        if any(c in value for c in "\r\n\x00"):
            raise ValidationError(format_lazy(_("{label} must be on one line"), label=self.label))
        return value


class EmailAddressField(SingleLineField):
    """An email address with a plain ASCII domain: lookalike (homoglyph) domains are refused."""

    message = _("Enter an email address in the correct format, like name@example.com")

    def __init__(self, **kwargs):
        super().__init__(widget=forms.EmailInput(attrs={"autocomplete": "email"}), **kwargs)
        self.validators.append(forms.EmailField.default_validators[0])
        self.error_messages["invalid"] = self.message

    def to_python(self, value):
        value = super().to_python(value)
        domain = value.rpartition("@")[2].lower()
        if value and (not value.isascii() or any(p.startswith("xn--") for p in domain.split("."))):
            raise ValidationError(self.message)
        return value


def radios(label: str, choices, *, required: bool = False, help_text: str = "", message=""):
    """An NHS.UK radios question."""
    field = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect,
                              required=required, help_text=help_text)  # fmt: skip
    field.error_messages["required"] = message or format_lazy(
        _("Select an answer to: {label}"), label=label
    )
    return field


def checkboxes(label: str, choices, *, required: bool = False, help_text: str = "", message=""):
    """An NHS.UK checkboxes question."""
    field = forms.MultipleChoiceField(label=label, choices=choices,
                                      widget=forms.CheckboxSelectMultiple, required=required,
                                      help_text=help_text)  # fmt: skip
    field.error_messages["required"] = message or format_lazy(
        _("Select at least one answer to: {label}"), label=label
    )
    return field


class DetailsForm(ErrorSummaryForm):
    """What a member tells us about themselves; everything past age band is optional."""

    name = SingleLineField(label=_("Full name"), max_length=100, autocomplete="name",
                           error_messages={"required": _("Enter your full name")})  # fmt: skip
    phone = SingleLineField(
        label=_("Phone number (optional)"), max_length=30, required=False, autocomplete="tel",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )  # fmt: skip
    contact_method = radios(
        _("How would you like us to contact you?"), ContactMethod.choices, required=True,
        message=_("Select how you would like us to contact you"),
    )  # fmt: skip
    postcode_district = SingleLineField(
        label=_("The first part of your postcode"), max_length=10,
        help_text=_("For example, LS1 or SW1A. We only keep this part."),
        error_messages={"required": _("Enter the first part of your postcode, like LS1")},
    )  # fmt: skip
    age_band = radios(_("How old are you?"), AgeBand.choices, required=True,
                      message=_("Select how old you are"))  # fmt: skip
    sex = radios(_("What is your sex?"), Sex.choices, help_text=_("Optional."))
    gender_same_as_sex = radios(
        _("Is the gender you identify with the same as your sex registered at birth?"),
        GenderSameAsSex.choices, help_text=_("Optional."),
    )  # fmt: skip
    ethnicity = radios(_("What is your ethnic group?"), Ethnicity.choices, help_text=_("Optional."))
    disability = radios(
        _("Are your day-to-day activities limited because of a health problem or disability "
          "which has lasted, or is expected to last, at least 12 months?"),
        Disability.choices, help_text=_("Optional."),
    )  # fmt: skip
    long_term_condition = radios(_("Do you have a long-term health condition?"), YesNo.choices,
                                 help_text=_("Optional."))  # fmt: skip
    carer = radios(_("Do you look after or support someone because of their health, disability "
                     "or age (are you a carer)?"), YesNo.choices,
                   help_text=_("Optional."))  # fmt: skip
    language = SingleLineField(label=_("What is your main language? (optional)"), max_length=50,
                               required=False)  # fmt: skip
    confidence_online = radios(_("How confident do you feel using the internet?"),
                               ConfidenceOnline.choices, help_text=_("Optional."))  # fmt: skip
    services = forms.ModelMultipleChoiceField(
        label=_("Which of our services have you or the person you care for used?"),
        queryset=ServicePage.objects.none(), widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("Optional. Select all that apply."),
    )  # fmt: skip
    access_needs = checkboxes(_("Do you need any support to take part?"), AccessNeed.choices,
                              help_text=_("Optional. Select all that apply."))  # fmt: skip
    interpreter_language = SingleLineField(label=_("Language you need an interpreter for"),
                                           max_length=50, required=False)  # fmt: skip
    access_other = SingleLineField(label=_("Other support you need"), max_length=200,
                                   required=False)  # fmt: skip
    ways = checkboxes(_("How would you like to take part?"), WayToTakePart.choices, required=True,
                      help_text=_("Select all that apply."),
                      message=_("Select at least one way you would like to take part"))  # fmt: skip
    availability = checkboxes(_("When can you usually take part?"), Availability.choices,
                              help_text=_("Optional. Select all that apply."))  # fmt: skip

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = services if services is not None else (
            in_default_language(ServicePage.objects.live()).order_by("title")
        )  # fmt: skip
        # Each service by its title in the page's language.
        self.fields["services"].label_from_instance = lambda s: s.localized.title

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        return to_e164(phone) if phone else ""

    def clean_postcode_district(self) -> str:
        match = POSTCODE.match(self.cleaned_data["postcode_district"].upper().strip())
        if not match:
            raise ValidationError(_("Enter the first part of your postcode, like LS1 or SW1A"))
        return match.group(1)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_method") in (ContactMethod.PHONE, ContactMethod.TEXT) and (
            "phone" not in self.errors and not cleaned.get("phone")
        ):
            self.add_error(
                "phone", _("Enter a phone number, as you chose to be contacted by phone")
            )
        return cleaned

    def contact(self, *, email: str) -> Contact:
        data = self.cleaned_data
        return Contact(name=data["name"], email=email, phone=data["phone"],
                       contact_method=data["contact_method"])  # fmt: skip

    def about(self) -> AboutMe:
        data = self.cleaned_data
        details = {name: data.get(name) or ([] if name in LIST_DETAILS else "")
                   for name in DETAIL_FIELDS}  # fmt: skip
        return AboutMe(age_band=data["age_band"], postcode_district=data["postcode_district"],
                       ways=data["ways"], service_ids=[s.pk for s in data["services"]],
                       details=details)  # fmt: skip

    @classmethod
    def initial_for(cls, *, contact: dict, details: dict, member) -> dict:
        """The form's initial values from a member's stored data."""
        return {**details, "name": contact.get("name", ""), "phone": contact.get("phone", ""),
                "contact_method": contact.get("contact_method", ""),
                "postcode_district": member.postcode_district, "age_band": member.age_band,
                "ways": ways_from_bits(member.ways),
                "services": list(member.services.values_list("pk", flat=True))}  # fmt: skip


class SignUpForm(DetailsForm):
    """Joining a panel: details, email address, and consent to each purpose separately."""

    email = EmailAddressField(
        label=_("Email address"), max_length=254,
        help_text=_("We will send you an email to confirm it is you."),
        error_messages={"required": _("Enter your email address")},
    )  # fmt: skip
    consent_contact = forms.BooleanField(
        label=consent.text_lazy(consent.ConsentPurpose.CONTACT),
        error_messages={
            "required": _("Agree to be contacted about taking part, or you cannot join")
        },
    )
    consent_representation = forms.BooleanField(
        label=consent.text_lazy(consent.ConsentPurpose.REPRESENTATION), required=False
    )
    consent_updates = forms.BooleanField(
        label=consent.text_lazy(consent.ConsentPurpose.UPDATES), required=False
    )

    field_order = ["name", "email", "phone", "contact_method"]

    @property
    def consent_fields(self) -> list[forms.BoundField]:
        return [self["consent_contact"], self["consent_representation"], self["consent_updates"]]

    def purposes(self) -> list[str]:
        data = self.cleaned_data
        return [p for p in consent.ConsentPurpose.values if data.get(f"consent_{p}")]


class AnswerForm(ErrorSummaryForm):
    """An invitee's yes or no to an invitation."""

    answer = forms.ChoiceField(
        label=_("Would you like to take part?"),
        choices=[("yes", _("Yes, I would like to take part")), ("no", _("No, thank you"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you would like to take part")},
    )
