"""Filter forms for the insight board, the overview and the exports."""

from datetime import timedelta

from django import forms

from feedback.choices import Channel
from involvement.boards import BoardFilters, default_filters
from website.choices import LifecycleStage

MAX_RANGE_DAYS = 3 * 366 + 1  # feedback is kept three years; longer ranges add nothing


class BoardFilterForm(forms.Form):
    """Date range, channel and stage; an invalid range keeps the default and says why."""

    start = forms.DateField(label="From", required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    end = forms.DateField(label="To", required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    channel = forms.ChoiceField(label="Channel", required=False,
                                choices=[("", "All channels"), *Channel.choices])  # fmt: skip
    stage = forms.ChoiceField(label="Lifecycle stage", required=False,
                              choices=[("", "All stages"), *LifecycleStage.choices])  # fmt: skip

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end date must be the same as or after the start date.")
            elif end - start > timedelta(days=MAX_RANGE_DAYS):
                self.add_error("start", "Choose a range of 3 years or less.")
        return data

    def filters(self) -> BoardFilters:
        """The filters asked for, or the defaults for anything missing or invalid."""
        default = default_filters()
        if not self.is_valid():
            return default
        data = self.cleaned_data
        end = data.get("end") or default.end
        start = data.get("start") or (end - (default.end - default.start))
        return BoardFilters(start=start, end=end, channel=data.get("channel") or "",
                            stage=data.get("stage") or "")  # fmt: skip
