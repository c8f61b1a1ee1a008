"""Template tags that put a service's open opportunities on its page."""

from django import template

from involvement.models import OpportunityPage

register = template.Library()


@register.simple_tag
def open_opportunities_for(service) -> list:
    """The service's open opportunities, closing soonest first."""
    return list(OpportunityPage.objects.open().filter(service=service))
