"""Welsh (issue 16 item 3): addresses, the language switcher, `lang`, and the Welsh demo tree."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command

from wagtail.models import Locale

from feedback.live_services import live_service
from involvement.opendata import public_services
from website.demo_welsh import seed_welsh_pages
from website.management.commands.update_translations import MAKEMESSAGES_OPTIONS
from website.models import HomePage, ServicePage

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


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


# --- The Welsh catalogue --------------------------------------------------------------------
# GNU gettext's own tools read the catalogue: the same ones makemessages and compilemessages use.
CATALOGUE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
# The project minus what makemessages never reads, for a fresh extraction in a scratch copy.
NOT_SOURCE = shutil.ignore_patterns(".*", "var", "tests", "bench", "__pycache__", "*.mo")


def gettext_tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def entries(po: Path) -> str:
    """The catalogue's entries, unwrapped and sorted, without its header (dates change) and
    comments (msgmerge's notes); fuzzy ones are caught by the test above."""
    text = gettext_tool("msgcat", "--no-wrap", "--sort-output", str(po))
    lines = text.split("\n\n", 1)[1].splitlines()
    return "\n".join(line for line in lines if not line.startswith("#"))


def test_every_public_string_has_a_welsh_translation():
    untranslated = gettext_tool("msgattrib", "--untranslated", "--no-obsolete", str(CATALOGUE))
    fuzzy = gettext_tool("msgattrib", "--only-fuzzy", "--no-obsolete", str(CATALOGUE))
    assert "msgid" not in untranslated.split("\n\n", 1)[-1], untranslated
    assert "msgid" not in fuzzy.split("\n\n", 1)[-1], fuzzy
    gettext_tool("msgfmt", "--check", "-o", os.devnull, str(CATALOGUE))


def test_the_catalogue_holds_exactly_the_strings_the_code_marks(tmp_path, settings, monkeypatch):
    """A string wrapped for translation and not in the catalogue (or one left behind) fails here:
    run `manage.py update_translations` and translate what it adds."""
    # given: a scratch copy of the code and the committed catalogue
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE)
    shutil.copy(CATALOGUE, copy / "locale" / "cy" / "LC_MESSAGES" / "django.po")
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(copy)
    # when: extracted afresh, as update_translations does
    call_command("makemessages", **MAKEMESSAGES_OPTIONS)
    # then: nothing new, nothing gone, no translation changed
    assert entries(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po") == entries(CATALOGUE)


def test_the_compiled_catalogue_is_the_committed_one(tmp_path):
    fresh = tmp_path / "django.mo"
    gettext_tool("msgfmt", "--check", "-o", str(fresh), str(CATALOGUE))
    assert gettext_tool("msgunfmt", str(COMPILED)) == gettext_tool("msgunfmt", str(fresh))


# --- Welsh on the pages ------------------------------------------------------------------------
def test_the_welsh_feedback_form_asks_the_fft_question_in_welsh(client, welsh_site):
    html = soup(client.get("/cy/feedback/maternity/"))
    assert html.h1.get_text(strip=True) == "Rhoi adborth am Gwasanaethau mamolaeth"
    legend = html.select_one("fieldset legend").get_text(strip=True)
    assert legend == "Ar y cyfan, sut oedd eich profiad o'n gwasanaeth?"
    labels = [label.get_text(strip=True) for label in html.select(".nhsuk-radios__label")]
    assert labels == ["Da iawn", "Da", "Ddim yn dda nac yn wael", "Gwael", "Gwael iawn",
                      "Ddim yn gwybod"]  # fmt: skip
    assert html.select_one("main button[type=submit]").get_text(strip=True) == "Anfon adborth"


def test_welsh_errors_are_in_welsh_and_keep_what_was_typed(client, welsh_site):
    # when: no answer chosen, some text typed
    response = client.post("/cy/feedback/maternity/", {"text": "Roedd y staff yn garedig iawn"})
    # then
    html = soup(response)
    assert response.status_code == 200
    assert html.select_one(".nhsuk-error-summary__title").get_text(strip=True) == "Mae problem"
    assert "Dewiswch sut oedd eich profiad o'n gwasanaeth" in html.select_one(
        ".nhsuk-error-summary__list"
    ).get_text()  # fmt: skip
    assert html.title.get_text().startswith("Gwall:")
    assert html.select_one("textarea").get_text() == "Roedd y staff yn garedig iawn"


def test_the_welsh_thank_you_page_is_in_welsh(client, welsh_site):
    # when
    response = client.post("/cy/feedback/maternity/", {"fft_answer": "very_good", "text": "Da"})
    # then: the thank-you page stays in Welsh
    assert response["Location"].startswith("/cy/feedback/maternity/thank-you/")
    html = soup(client.get(response["Location"]))
    assert html.h1.get_text(strip=True) == "Diolch am eich adborth"
    assert html.html["lang"] == "cy"
    back = html.select("main a")[-1]
    assert back["href"] == "/cy/services/maternity/"


@pytest.mark.parametrize(("url", "heading"), [
    ("/cy/no-such-page/", "Heb ddod o hyd i'r dudalen"),
    ("/no-such-page/", "Page not found"),
])  # fmt: skip
def test_the_not_found_page_speaks_the_address_language(client, welsh_site, url, heading):
    html = soup(client.get(url))
    assert html.h1.get_text(strip=True) == heading


def test_a_welsh_page_has_its_breadcrumb_in_welsh(client, welsh_site):
    html = soup(client.get("/cy/services/maternity/"))
    crumbs = [(a.get_text(strip=True), a["href"]) for a in html.select(".nhsuk-breadcrumb__list a")]
    assert crumbs == [("Ymddiriedolaeth GIG Involve", "/cy/"), ("Gwasanaethau", "/cy/services/")]


def test_lists_of_services_name_each_service_once(client, welsh_site):
    from django.contrib.auth import get_user_model

    from panels.forms import SignUpForm
    from website.permissions import services_for

    admin = get_user_model().objects.get(username="admin")
    assert services_for(admin).count() == 6
    assert SignUpForm().fields["services"].queryset.count() == 6


@pytest.mark.parametrize(("url", "action", "label"), [
    ("/services/maternity/", "/search/", "Search this website"),
    ("/cy/services/maternity/", "/cy/search/", "Chwilio'r wefan hon"),
])  # fmt: skip
def test_every_page_has_a_header_search_of_this_site_in_its_language(
    client, welsh_site, url, action, label
):
    # when
    form = soup(client.get(url)).select_one("header search form.nhsuk-header__search-form")
    # then: the site's own search, in the page's language, labelled for screen readers
    assert (form["action"], form["method"]) == (action, "get")
    field = form.select_one("input[type=search]")
    assert field["name"] == "q"
    assert form.select_one(f"label[for={field['id']}]").get_text(strip=True) == label
    results = soup(client.get(action, {"q": "maternity"}))
    assert results.html["lang"] == ("cy" if action.startswith("/cy/") else "en-GB")


def test_the_welsh_header_names_its_links_and_landmarks_in_welsh(client, welsh_site):
    html = soup(client.get("/cy/services/maternity/"))
    assert html.select_one(".nhsuk-header__service-logo")["aria-label"] == "Hafan Involve NHS Trust"
    assert html.select_one("nav.nhsuk-header__navigation")["aria-label"] == "Dewislen"
    assert html.select_one("nav.nhsuk-breadcrumb")["aria-label"] == "Briwsion bara"
    assert html.select_one(".nhsuk-back-link").get_text(" ", strip=True).startswith("Yn ôl i")
    english = soup(client.get("/services/maternity/"))
    logo = english.select_one(".nhsuk-header__service-logo")
    assert logo["aria-label"] == "Involve NHS Trust homepage"
