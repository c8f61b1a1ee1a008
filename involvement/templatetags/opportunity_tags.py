"""Template tags that put a service's open opportunities on its page."""

from django import template

from involvement.opportunities import service_opportunities

register = template.Library()


@register.simple_tag
def open_opportunities_for(service) -> list:
    """The service's open opportunities, closing soonest first."""
    return service_opportunities(service=service)
