"""Template filters for the insight board's links to the feedback list."""

from django import template

register = template.Library()


@register.filter
def link_for(links: dict | None, key) -> str:
    """The address `links` holds for `key` (a theme id or a comment), or "" for none."""
    return (links or {}).get(key, "")
