"""Shares in staff templates, by website.figures' rule ("less than 1%", never a false "0%")."""

from django import template

from website.figures import percent_text

register = template.Library()


@register.simple_tag
def percent(part: int, whole: int, places: int = 0) -> str:
    """`{% percent part whole %}`: part of whole as "12%", "less than 1%" or "-" for nothing."""
    return percent_text(part, whole, places=places)
