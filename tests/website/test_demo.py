"""`seed_demo` builds the demo organisation and is safe to run again."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Page, Site

from website.demo import DEMO_ROLES, SERVICES
from website.models import ServicePage, ServiceRole

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Counts of everything seed_demo makes, and the identity of each row."""
    from wagtailnhsukfrontend.settings.models import (
        FooterLinks,
        FooterSettings,
        HeaderSettings,
        NavigationLink,
    )

    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "sites": Site.objects.count(),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
        "roles": sorted(ServiceRole.objects.values_list("user__username", "service__slug", "role")),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "memberships": get_user_model().groups.through.objects.count(),
        "header settings": HeaderSettings.objects.count(),
        "footer settings": FooterSettings.objects.count(),
        "navigation links": NavigationLink.objects.count(),
        "footer links": FooterLinks.objects.count(),
    }


def test_seed_demo_twice_gives_the_same_content(site_tree):
    # given
    call_command("seed_demo")
    first = snapshot()
    # when
    call_command("seed_demo")
    # then
    assert snapshot() == first
    assert len(first["pages"]) == len(set(first["pages"])), "no duplicate pages"
    assert len(first["roles"]) == len(set(first["roles"]))


def test_seed_demo_makes_the_services_pages_and_logins(site_tree):
    call_command("seed_demo")
    state = snapshot()
    assert set(ServicePage.objects.live().values_list("slug", flat=True)) == {
        s.slug for s in SERVICES
    }
    assert {"/involve-home/privacy-notice/", "/involve-home/services/"} <= set(state["pages"])
    assert set(state["users"]) == {"admin", *DEMO_ROLES}
    assert len(state["roles"]) == sum(len(roles) for roles in DEMO_ROLES.values())
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"
    assert state["navigation links"] == 2
    assert state["footer links"] == 3


def test_demo_logins_use_the_demo_password(site_tree):
    call_command("seed_demo")
    for username in ["admin", *DEMO_ROLES]:
        assert get_user_model().objects.get(username=username).check_password("involve-demo")


def test_demo_password_comes_from_the_environment(site_tree, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-password")
    call_command("seed_demo")
    assert get_user_model().objects.get(username="editor").check_password("another-demo-password")


def test_no_demo_logins_where_settings_forbid_them(site_tree, settings):
    settings.DEMO_USERS_ENABLED = False
    call_command("seed_demo")
    assert not get_user_model().objects.exists()
    # One page per service in English, and its Welsh translation.
    assert ServicePage.objects.filter(locale__language_code="en-gb").count() == len(SERVICES)
    assert ServicePage.objects.filter(locale__language_code="cy").count() == len(SERVICES)


def test_the_welsh_demo_has_a_panel_page_and_get_involved_linked_from_home(client, site_tree):
    call_command("seed_demo")
    for path, title in (("/cy/join-a-panel/", "Panel cleifion a gofalwyr"),
                        ("/cy/get-involved/", "Cymryd rhan")):  # fmt: skip
        html = BeautifulSoup(client.get(path).content, "html.parser")
        assert (html.html["lang"], html.h1.get_text(strip=True)) == ("cy", title)
    home = BeautifulSoup(client.get("/cy/").content, "html.parser")
    hrefs = {a["href"] for a in home.select("main a[href]")}
    assert {"/cy/join-a-panel/", "/cy/get-involved/"} <= hrefs
    # the Welsh list shows the open opportunities, as the English one does
    english = BeautifulSoup(client.get("/get-involved/").content, "html.parser")
    welsh = BeautifulSoup(client.get("/cy/get-involved/").content, "html.parser")
    titles = [h.get_text(strip=True) for h in english.select("main h2 a, main h3 a")]
    assert titles
    assert [h.get_text(strip=True) for h in welsh.select("main h2 a, main h3 a")] == titles
