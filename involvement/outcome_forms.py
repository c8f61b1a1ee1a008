"""The thank-you page's form: an email address to hear what changed."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HearOutcomeForm(forms.Form):
    """One email address; the service comes from the signed token beside it."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def error_links(self) -> list[tuple[str, str]]:
        """(element id, message) for the error summary."""
        return [(self["email"].auto_id, m) for m in self.errors.get("email", [])]
