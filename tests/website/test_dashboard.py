"""The staff dashboard is headed with the organisation's name, never the site's hostname."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model

from wagtail.models import Site

pytestmark = pytest.mark.django_db


def dashboard(client, username: str) -> BeautifulSoup:
    client.force_login(get_user_model().objects.get(username=username))
    return BeautifulSoup(client.get("/admin/").content, "html.parser")


@pytest.mark.parametrize("username", ["service-lead", "researcher", "admin"])
def test_the_dashboard_heading_is_the_organisations_name(client, demo_site, settings, username):
    # given a site record with no name of its own, as Wagtail's first migration makes it
    Site.objects.filter(is_default_site=True).update(site_name="")
    settings.ORGANISATION_NAME = "Riverside and District NHS Foundation Trust"
    # when a member of staff signs in, then the dashboard says whose it is, as the footer does
    heading = dashboard(client, username).h1.get_text(strip=True)
    assert heading == "Riverside and District NHS Foundation Trust"


def test_the_demo_site_is_named_after_the_organisation(client, demo_site, settings):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.site_name) == ("localhost", settings.ORGANISATION_NAME)
    # Wagtail's own mentions of the site (screen-reader text of the page count) agree
    assert "localhost" not in dashboard(client, "service-lead").get_text()
