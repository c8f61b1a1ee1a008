"""Form controls in NHS.UK markup through wagtail-nhsuk-frontend's form renderer rules."""

from wagtailnhsukfrontend.forms.templatetags.nhsukfrontendforms_tags import (
    get_widget_html_class,
)

from django import template
from django.forms import BoundField
from django.forms.widgets import Input
from django.utils.safestring import SafeString

register = template.Library()
ERROR_MODIFIED = {"nhsuk-input", "nhsuk-select", "nhsuk-textarea"}


@register.filter
def nhsuk_control(field: BoundField) -> SafeString:
    """The field's own widget with the package's NHS.UK class added to the widget's classes.

    The package's `add_widget_classes` replaces a widget's classes (losing a width modifier) and
    gives a select no error class, so this composes its class rule instead of calling it.
    """
    widget = field.field.widget
    # The package knows text-like inputs by class; Django 5.2's TelInput is newer than it.
    base = get_widget_html_class(widget) or ("nhsuk-input" if isinstance(widget, Input) else "")
    classes = [base, widget.attrs.get("class", "")]
    if field.errors and base in ERROR_MODIFIED:
        classes.append(f"{base}--error")
    # No maxlength: the browser would cut text off silently; the server's message says why.
    return field.as_widget(attrs={"class": " ".join(c for c in classes if c), "maxlength": False})
