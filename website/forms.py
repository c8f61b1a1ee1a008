"""What every public form shares: the links of the NHS.UK error summary.

https://service-manual.nhs.uk/design-system/components/error-summary
"""

from django import forms


class ErrorSummaryForm(forms.Form):
    """A form that lists its errors for the NHS.UK error summary at the top of the page."""

    def error_links(self) -> list[tuple[str, str]]:
        """(element id, message) for the error summary, in the order the fields appear; radios
        and checkboxes link to their first option, errors of the whole form to nothing."""
        links = []
        for name, field in self.fields.items():
            anchor = self[name].auto_id
            if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{anchor}_0"
            links.extend((anchor, message) for message in self.errors.get(name, []))
        links.extend(("", message) for message in self.non_field_errors())
        return links
