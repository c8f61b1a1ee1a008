"""Template filters and tags for the insight board's links to the feedback list."""

from django import template
from django.utils.html import format_html

from involvement.drilldown import BoardLinks, theme_mention_url

register = template.Library()


@register.filter
def link_for(links: dict | None, key) -> str:
    """The address `links` holds for `key` (a theme id or a comment), or "" for none."""
    return (links or {}).get(key, "")


@register.simple_tag
def theme_figure(links: BoardLinks | None, theme_id: int, mention: str, value: int) -> str:
    """A theme's count, linked to the responses behind it when there are links and any count."""
    if not links or not value:
        return format_html("{}", value)
    url = theme_mention_url(links=links, theme_id=theme_id, mention=mention)
    return format_html('<a href="{}">{}</a>', url, value)
