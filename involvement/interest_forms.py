"""The register-interest form: as few details as it takes to invite someone.

Messages follow the NHS service manual's error message guidance
(https://service-manual.nhs.uk/design-system/components/error-message).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from panels.forms import BIDI_CONTROLS, EmailAddressField, SingleLineField
from website.forms import ErrorSummaryForm

HONEYPOT_FIELD = "website"
NEEDS_MAX_LENGTH = 500


class InterestForm(ErrorSummaryForm):
    """Name, email address and, optionally, what would help them take part."""

    name = SingleLineField(
        label=_("Full name"),
        max_length=100,
        autocomplete="name",
        error_messages={"required": _("Enter your full name")},
    )
    email = EmailAddressField(
        label=_("Email address"),
        max_length=254,
        error_messages={"required": _("Enter your email address")},
    )
    needs = forms.CharField(
        label=_("Anything that would help you take part (optional)"),
        help_text=_("For example: step-free access, a BSL interpreter, large print, breaks."),
        required=False,
        max_length=NEEDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Anything that would help you take part must be 500 characters or fewer"
            )
        },
    )

    def clean_needs(self) -> str:
        value = BIDI_CONTROLS.sub("", self.cleaned_data["needs"])
        if "\x00" in value:
            raise ValidationError(_("Anything that would help you take part must be plain text"))
        return value
