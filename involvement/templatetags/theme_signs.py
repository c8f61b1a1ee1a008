"""{% theme_signs board %}: the board's table of positive and negative mentions per theme."""

from django import template

from involvement.theme_signs import theme_signs as build_theme_signs

register = template.Library()


@register.inclusion_tag("involvement/includes/theme_signs.html", takes_context=True)
def theme_signs(context, board) -> dict:
    """Each theme's signs and staff agreement for the board's service and filters."""
    return {"signs": build_theme_signs(service_id=board.service.pk, filters=board.filters),
            "links": context.get("links")}  # fmt: skip
