"""Researchers' and administrators' forms for recruitment, invitations and population figures."""

from django import forms
from django.core.exceptions import ValidationError

from panels.choices import AccessNeed, AgeBand, InvitationStatus, Setting, WayToTakePart
from panels.forms import BIDI_CONTROLS, DetailsForm, SingleLineField
from panels.models import Invitation, Recruitment
from panels.recruitment import MAX_SHORTLIST
from panels.representation import MAX_UPLOAD_BYTES
from website.models import ServicePage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _checkboxes(label: str, choices, help_text: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=choices, required=False,
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text=help_text)  # fmt: skip


class RecruitmentForm(forms.ModelForm):
    """A recruitment and its criteria; the service is one the researcher recruits for."""

    error_links = DetailsForm.error_links

    # Each reaches an email (the title its subject line): one line, no bidi controls.
    title = SingleLineField(label="Title", max_length=200)
    place = SingleLineField(label="Place", max_length=200, required=False,
                            help_text="The address, for an activity in person.")  # fmt: skip
    payment = SingleLineField(label="Payment and expenses", max_length=300, required=False,
                              help_text="For example: £25 an hour, travel repaid.")  # fmt: skip
    age_bands = _checkboxes("Age bands", [c for c in AgeBand.choices if c[0] != AgeBand.UNDER_16],
                            "Leave all empty for any age.")  # fmt: skip
    ways = _checkboxes("Ways of taking part", WayToTakePart.choices,
                       "Members who chose at least one of these. Leave empty for any.")  # fmt: skip
    access_needs_met = _checkboxes(
        "Access needs the activity can meet", AccessNeed.choices,
        "Only members whose needs are all among these match. Leave empty not to screen on needs.",
    )  # fmt: skip
    services_used = forms.ModelMultipleChoiceField(
        label="Services used", queryset=ServicePage.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Members who used at least one of these. Leave empty for anyone.",
    )  # fmt: skip

    class Meta:
        model = Recruitment
        fields = ["service", "title", "stage", "activity", "starts_on", "ends_on", "setting",
                  "place", "target_number", "payment", "description", "status", "age_bands",
                  "services_used", "access_needs_met", "ways",
                  "not_contacted_days"]  # fmt: skip
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {
            "not_contacted_days": "Leave out members invited to anything in this many days. "
            "Empty: only the contact cap applies."
        }

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services.order_by("title")
        self.fields["services_used"].queryset = ServicePage.objects.order_by("title")
        self.fields["description"].widget.attrs["rows"] = 5

    def clean_description(self) -> str:
        return BIDI_CONTROLS.sub("", self.cleaned_data["description"]).replace("\x00", "")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        if data.get("setting") == Setting.IN_PERSON and not data.get("place"):
            self.add_error("place", "Enter the place, for an activity in person")
        if data.get("target_number") == 0:
            self.add_error("target_number", "The target number must be 1 or more")
        return data


class ShortlistForm(forms.Form):
    """How many more members to draw onto the shortlist."""

    error_links = DetailsForm.error_links

    size = forms.IntegerField(label="How many members to add to the shortlist",
                              min_value=1, max_value=MAX_SHORTLIST)  # fmt: skip


class InvitationForm(forms.ModelForm):
    """What happened with one invitation: the answer, attendance and what was paid."""

    error_links = DetailsForm.error_links

    class Meta:
        model = Invitation
        fields = ["status", "payment_made", "expenses_paid"]
        labels = {"payment_made": "Payment made (£)", "expenses_paid": "Expenses repaid (£)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shortlisted is where every invitation starts; staff record what happened after.
        self.fields["status"].choices = [c for c in InvitationStatus.choices
                                         if c[0] != InvitationStatus.SHORTLISTED]  # fmt: skip

    def clean(self):
        data = super().clean()
        for name in ("payment_made", "expenses_paid"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, "Enter an amount of 0 or more")
        return data


class PopulationUploadForm(forms.Form):
    """A CSV of local population figures."""

    error_links = DetailsForm.error_links

    file = forms.FileField(
        label="CSV file", help_text="Columns: dimension, group, percent. At most 100 KB."
    )
    source = SingleLineField(label="Source of these figures", max_length=300,
                             help_text="For example: ONS Census 2021, Leeds, tables TS007A, "
                                       "TS008, TS021, TS038.")  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("The file must be smaller than 100 KB")
        return upload
