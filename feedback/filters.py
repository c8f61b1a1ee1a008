"""The staff feedback list's filters and text search, as a django-filter FilterSet read from GET.

Parameter names are the list's public contract: the insight board's drill-down links
(involvement/drilldown.py) build them, so a board figure opens exactly the responses behind it.
"""

import re

import django_filters

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from feedback.choices import Channel, FftAnswer, Sentiment, Status
from feedback.models import Theme
from feedback.search import MAX_QUERY_LENGTH, search_feedback
from website.choices import LifecycleStage

YES_NO = [("yes", "Yes"), ("no", "No")]
# Which way a response speaks of a theme; "neither" is neutral or unknown (a tag staff added).
MENTIONS = {
    "positive": [Sentiment.POSITIVE],
    "negative": [Sentiment.NEGATIVE],
    "neither": [Sentiment.NEUTRAL, ""],
}
WORD = re.compile(r"\w")


def has_a_word(value: str) -> None:
    """A search must hold a letter or a digit: punctuation alone matches nothing useful."""
    if value.strip() and not WORD.search(value):
        raise ValidationError("Enter a word or a number to search for.", code="no_word")


def _date_filter(lookup: str, label: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(field_name="given_on", lookup_expr=lookup, label=label,
                                     widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip


class FeedbackFilter(django_filters.FilterSet):
    """Search and filters for one service's feedback; a field with an error is left out."""

    q = django_filters.CharFilter(
        method="search",
        label="Search the comments",
        max_length=MAX_QUERY_LENGTH,
        validators=[has_a_word],
        error_messages={
            "max_length": f"Search for {MAX_QUERY_LENGTH} characters or fewer "
            "(a few words work best)."
        },
    )
    date_from = _date_filter("gte", "Given on or after")
    date_to = _date_filter("lte", "Given on or before")
    answer = django_filters.MultipleChoiceFilter(
        field_name="fft_answer", label="Answer", choices=FftAnswer.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    sentiment = django_filters.ChoiceFilter(choices=Sentiment.choices, empty_label="Any sentiment")
    channel = django_filters.ChoiceFilter(choices=Channel.choices, empty_label="Any channel")
    stage = django_filters.ChoiceFilter(field_name="lifecycle_stage", label="Lifecycle stage",
                                        choices=LifecycleStage.choices,
                                        empty_label="Any stage")  # fmt: skip
    theme = django_filters.ModelChoiceFilter(field_name="themes", label="Theme",
                                             queryset=Theme.objects.all(),
                                             empty_label="Any theme")  # fmt: skip
    mention = django_filters.ChoiceFilter(
        method="filter_mention", label="Theme mentioned",
        choices=[("positive", "Positively"), ("negative", "Negatively"), ("neither", "Neither")],
        empty_label="Either way",
    )  # fmt: skip
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any status")
    flagged = django_filters.ChoiceFilter(method="filter_flagged", label="Flagged for safeguarding",
                                          choices=YES_NO, empty_label="Flagged or not")  # fmt: skip
    hidden = django_filters.ChoiceFilter(method="filter_hidden", label="Hidden by staff",
                                         choices=YES_NO, empty_label="Hidden or not")  # fmt: skip

    def search(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return search_feedback(queryset, query=value)

    def filter_flagged(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.flagged() if value == "yes" else queryset.unflagged()

    def filter_mention(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        """Responses mentioning the chosen theme (or any) that way: one link row holds both."""
        link = {"feedbacktheme__polarity__in": MENTIONS[value]}
        if theme := self.form.cleaned_data.get("theme"):
            link["feedbacktheme__theme"] = theme
        return queryset.filter(**link).distinct()

    def filter_hidden(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.filter(hidden=value == "yes")

    @property
    def searching(self) -> bool:
        """Whether a valid text search narrows the list."""
        return bool(self.is_bound and not self.errors.get("q") and self.form.cleaned_data.get("q"))
