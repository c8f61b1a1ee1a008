"""Welsh (issue 16 item 3): addresses, the language switcher, `lang`, and the Welsh demo tree."""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Locale

from feedback.live_services import live_service
from involvement.opendata import public_services
from website.demo_welsh import seed_welsh_pages
from website.models import HomePage, ServicePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_site(demo_site):
    """The demo site with its Welsh tree, as `manage.py seed_demo` leaves it."""
    seed_welsh_pages()
    return demo_site


# English address: its Welsh twin in the demo.
PAIRS = {
    "/": "/cy/",
    "/services/": "/cy/services/",
    "/services/maternity/": "/cy/services/maternity/",
    "/privacy-notice/": "/cy/privacy-notice/",
    "/feedback/maternity/": "/cy/feedback/maternity/",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def switcher(html: BeautifulSoup):
    return html.select_one("nav.involve-language-switcher a")


@pytest.mark.parametrize(("english", "welsh"), PAIRS.items())
def test_each_page_has_lang_and_a_switcher_to_its_twin(client, welsh_site, english, welsh):
    # when
    en = soup(client.get(english))
    cy = soup(client.get(welsh))
    # then
    assert en.html["lang"] == "en-GB"
    assert cy.html["lang"] == "cy"
    link = switcher(en)
    assert (link["href"], link["lang"], link["hreflang"], link.get_text(strip=True)) == (
        welsh, "cy", "cy", "Cymraeg"
    )  # fmt: skip
    link = switcher(cy)
    assert (link["href"], link["lang"], link.get_text(strip=True)) == (english, "en-GB", "English")


def test_english_addresses_are_unchanged_and_welsh_pages_are_in_welsh(client, welsh_site):
    assert client.get("/services/maternity/").status_code == 200
    html = soup(client.get("/cy/services/maternity/"))
    assert html.h1.get_text(strip=True) == "Gwasanaethau mamolaeth"
    assert soup(client.get("/cy/")).h1.get_text(strip=True) == "Ymddiriedolaeth GIG Involve"


def test_the_header_links_to_the_welsh_pages_by_their_welsh_titles(client, welsh_site):
    html = soup(client.get("/cy/"))
    nav = html.select(".nhsuk-header__navigation-link")
    links = {a.get_text(strip=True): a["href"] for a in nav if a.get("href")}
    assert links["Gwasanaethau"] == "/cy/services/"
    assert links["Ynglŷn ag Involve"] == "/cy/about/"
    assert html.select_one(".nhsuk-header__service-logo")["href"] == "/cy/"


def test_a_page_without_a_welsh_translation_switches_to_the_welsh_home_page(client, welsh_site):
    # given: a service added in English only
    index = ServicePage.objects.get(slug="maternity", locale__language_code="en-gb").get_parent()
    index.add_child(instance=ServicePage(title="Audiology", slug="audiology", summary="Hearing."))
    # when
    html = soup(client.get("/services/audiology/"))
    # then
    assert switcher(html)["href"] == "/cy/"
    assert client.get("/cy/services/audiology/").status_code == 404


@pytest.mark.parametrize("url", ["/xx/", "/xx/services/maternity/", "/fr/feedback/maternity/",
                                 "/cy/no-such-page/", "/en-gb/services/"])  # fmt: skip
def test_a_language_code_that_does_not_exist_is_404(client, welsh_site, url):
    assert client.get(url).status_code == 404


def test_the_admin_and_health_checks_keep_one_address(client, welsh_site):
    assert client.get("/healthz").status_code == 200
    assert client.get("/cy/healthz", follow=True).status_code == 404
    assert client.get("/cy/admin/").status_code == 404


def test_the_welsh_demo_tree_translates_every_demo_page(welsh_site):
    welsh = Locale.objects.get(language_code="cy")
    english_home = HomePage.objects.get(locale__language_code="en-gb")
    pages = english_home.get_descendants(inclusive=True).live().filter(
        depth__lte=english_home.depth + 2
    )  # fmt: skip
    untranslated = [p.title for p in pages if not p.has_translation(welsh)]
    assert untranslated == []


def test_seeding_twice_makes_no_second_welsh_tree(welsh_site):
    from website.demo import seed_demo

    seed_demo()
    seed_welsh_pages()
    assert HomePage.objects.count() == 2
    assert ServicePage.objects.filter(slug="maternity").count() == 2


def test_services_are_the_english_pages_never_their_translations(welsh_site):
    assert live_service(slug="maternity").locale.language_code == "en-gb"
    assert public_services().count() == 6
