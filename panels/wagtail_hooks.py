"""Wagtail admin wiring for panels: the researchers' menu item and their views."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from panels import admin_urls
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
