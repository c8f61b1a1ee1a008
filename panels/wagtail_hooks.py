"""Wagtail admin wiring for panels: the researchers' menu item and their views."""

from django.urls import include, path, reverse
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from panels import admin_urls
from panels.models import PanelPage
from panels.recruitment import MAY_RECRUIT
from panels.services import MAY_SEE_MEMBERS
from website.permissions import holds_any_role


@hooks.register("register_admin_urls")
def register_panel_urls():
    return [path("panels/", include(admin_urls.urls))]


class PanelsMenuItem(MenuItem):
    """Shown to researchers (on any service) and administrators."""

    def is_shown(self, request):
        return holds_any_role(request.user, MAY_SEE_MEMBERS)


@hooks.register("register_admin_menu_item")
def register_panels_menu_item():
    return PanelsMenuItem("Panels", reverse("panels_admin:index"), icon_name="group", order=230)


class RecruitmentMenuItem(MenuItem):
    """Shown to those who recruit for some service (researchers) and administrators."""

    def is_shown(self, request):
        return holds_any_role(request.user, MAY_RECRUIT)


@hooks.register("register_admin_menu_item")
def register_recruitment_menu_item():
    url = reverse("panels_admin:recruitments")
    return RecruitmentMenuItem("Recruitment", url, icon_name="user", order=231)


@hooks.register("home_page_links")
def panel_links(home, request):
    """The home page offers a panel to join only when one is live under it."""
    panels = list(PanelPage.objects.child_of(home).live().order_by("path"))
    if len(panels) == 1:
        return [{"url": panels[0].get_url(request),
                 "text": gettext("Join a patient and carer panel")}]  # fmt: skip
    # Several panels: each by its own name, which says who it is for.
    return [{"url": p.get_url(request), "text": p.title} for p in panels]
