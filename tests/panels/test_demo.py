"""The demo panel: created once by the demo loader, published under the home page."""

import pytest

from panels.demo import DEMO_SLUG, seed
from panels.models import PanelPage
from website.models import HomePage

pytestmark = pytest.mark.django_db


def test_the_demo_panel_is_made_once_and_can_be_joined(client, site_tree):
    first, again = seed(), seed()
    assert first.pk == again.pk and PanelPage.objects.count() == 1
    assert PanelPage.allowed_parent_page_models() == [HomePage]
    assert first.get_parent().specific == site_tree and first.slug == DEMO_SLUG
    assert client.get(first.url).status_code == 200
    assert client.get(first.url + "join/").status_code == 200
