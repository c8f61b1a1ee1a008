"""The error summary's links, shared by every public form (website.forms)."""

from django import forms
from django.core.exceptions import ValidationError

from website.forms import ErrorSummaryForm


class ExampleForm(ErrorSummaryForm):
    name = forms.CharField()
    colour = forms.ChoiceField(choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(
        choices=[("mon", "Monday"), ("tue", "Tuesday")], widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        raise ValidationError("Something about the whole form")


def test_each_error_links_to_its_control_in_field_order_radios_and_checkboxes_to_the_first():
    # given: a form with every field left empty
    form = ExampleForm(data={})
    # when
    form.is_valid()
    # then: one link per error, in the fields' order, then the form's own error without a link
    assert form.error_links() == [
        ("id_name", "This field is required."),
        ("id_colour_0", "This field is required."),
        ("id_days_0", "This field is required."),
        ("", "Something about the whole form"),
    ]


def test_a_valid_form_has_no_links():
    form = ErrorSummaryForm(data={})
    assert form.is_valid()
    assert form.error_links() == []
