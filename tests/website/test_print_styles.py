"""Public pages carry one print stylesheet; it hides navigation and forms and prints addresses."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.contrib.staticfiles import finders

from feedback.factories import FeedbackServiceFactory

pytestmark = pytest.mark.django_db


def test_service_page_loads_the_print_stylesheet_for_print_only(client, site_tree):
    service = FeedbackServiceFactory(title="Maternity services", slug="maternity")
    page = BeautifulSoup(client.get(service.url).content, "html.parser")
    links = [link for link in page.select("head link[rel=stylesheet]")
             if link["href"].endswith("involve/print.css")]  # fmt: skip
    assert len(links) == 1
    assert links[0]["media"] == "print"


def test_print_stylesheet_hides_navigation_and_controls_and_writes_out_link_addresses():
    css = Path(finders.find("involve/print.css")).read_text(encoding="utf-8")
    for selector in (".nhsuk-header", ".nhsuk-footer-container", ".nhsuk-skip-link",
                     ".nhsuk-breadcrumb", ".nhsuk-button", "form"):  # fmt: skip
        assert f"{selector},\n" in css or f"{selector} {{" in css
    assert 'content: " (" attr(href) ")"' in css
    assert "break-inside: avoid" in css
