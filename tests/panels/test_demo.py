"""The demo panel: created once by the demo loader, published under the home page."""

import pytest
from bs4 import BeautifulSoup

from panels.demo import DEMO_SLUG, seed
from panels.models import PanelPage
from website.factories import UserFactory
from website.models import HomePage

pytestmark = pytest.mark.django_db


def test_the_demo_panel_is_made_once_and_can_be_joined(client, site_tree):
    first, again = seed(), seed()
    assert first.pk == again.pk and PanelPage.objects.count() == 1
    assert PanelPage.allowed_parent_page_models() == [HomePage]
    assert first.get_parent().specific == site_tree and first.slug == DEMO_SLUG
    assert client.get(first.url).status_code == 200
    assert client.get(first.url + "join/").status_code == 200


def test_editors_get_a_form_with_every_section_and_the_stages_as_checkboxes(client, site_tree):
    client.force_login(UserFactory(username="ed", is_superuser=True, is_staff=True))
    response = client.get(f"/admin/pages/add/panels/panelpage/{site_tree.pk}/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    for name in ("purpose", "looking_for", "taking_part", "payment", "privacy_notice"):
        assert page.select_one(f"[name={name}]") is not None, name
    stages = [i["value"] for i in page.select("input[name=stages]")]
    assert stages == ["policy", "design", "delivery"]
    assert page.select("input[name=services][type=checkbox]") is not None
