"""Which services' leads moderate a page: every public page type, not only the service page.

A page under a service (an update, an opportunity) belongs to that service; a page with a
`services` relation to service pages (a panel) belongs to those; any other page is the
organisation's, moderated by administrators.
"""

from functools import reduce
from operator import or_

from django.apps import apps
from django.db.models import Q

from wagtail.models import Page

from website.models import ServicePage


def _ancestor_paths(path: str) -> list[str]:
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def _linked_page_models() -> list[tuple[type[Page], str]]:
    """Page types with a many-to-many `services` to ServicePage, and that field's name."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        field = next((f for f in model._meta.get_fields() if f.name == "services"), None)
        if field is not None and field.many_to_many and field.related_model is ServicePage:
            found.append((model, field.name))
    return found


def service_ids_of(page: Page) -> list[int]:
    """The services whose leads approve `page`: its service (itself, or the one it is under),
    else the services it is linked to; empty for an organisation page."""
    under = list(
        ServicePage.objects.filter(path__in=_ancestor_paths(page.path)).values_list("pk", flat=True)
    )
    if under:
        return under
    for model, name in _linked_page_models():
        if model.objects.filter(pk=page.pk).exists():
            return list(model.objects.filter(pk=page.pk).values_list(f"{name}__pk", flat=True)
                        .exclude(**{f"{name}__pk": None}))  # fmt: skip
    return []


def page_ids_of_services(service_ids) -> Q:
    """A filter on Page for the pages those services' leads approve: the services' pages, those
    under them and those linked to them."""
    services = list(ServicePage.objects.filter(pk__in=service_ids).values_list("path", flat=True))
    if not services:
        return Q(pk__in=[])
    linked = [model.objects.filter(**{f"{name}__in": service_ids}).values("pk")
              for model, name in _linked_page_models()]  # fmt: skip
    return reduce(or_, [Q(path__startswith=path) for path in services] +
                  [Q(pk__in=ids) for ids in linked])  # fmt: skip
