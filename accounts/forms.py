"""The one field of the second step: a code from the authenticator app or a recovery code."""

from django import forms


class CodeForm(forms.Form):
    """A six-digit code from the app, or (at sign-in) a recovery code."""

    code = forms.CharField(
        label="Security code",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, help_text: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text
