"""The organisation's own name for templates that cannot see the settings context."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def organisation_name() -> str:
    """The name of the NHS organisation running this site (ORGANISATION_NAME)."""
    return settings.ORGANISATION_NAME
