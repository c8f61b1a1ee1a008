"""`{% panel_board service %}`: the panels section of a service's insight board."""

from django import template

from panels.board import board_summary
from panels.recruitment import MAY_RECRUIT
from panels.services import MAY_SEE_MEMBERS
from website.permissions import has_service_role

register = template.Library()


@register.inclusion_tag("panels/includes/board_panels.html", takes_context=True)
def panel_board(context, service):
    """Panel size, representation and open recruitment for `service`."""
    user = context["request"].user
    return {
        "summary": board_summary(service_id=service.pk),
        "service": service,
        "may_see_members": has_service_role(user, service, MAY_SEE_MEMBERS),
        "may_recruit": has_service_role(user, service, MAY_RECRUIT),
    }
