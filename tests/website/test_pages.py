"""The public page tree: routing, rendering with NHS.UK frontend, the 404 page and the CSP."""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Page

from involvement.models import GetInvolvedIndexPage, OpportunityPage, YouSaidWeDidPage
from panels.models import PanelPage
from website.models import (
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    ServicePage,
    ServicesIndexPage,
)

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": "/",
    "services index": "/services/",
    "service": "/services/maternity/",
    "content page": "/privacy-notice/",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(("name", "url"), PUBLIC_PAGES.items())
def test_public_page_renders_with_nhs_layout(client, demo_site, name, url):
    response = client.get(url)
    assert response.status_code == 200, name
    html = soup(response)
    assert html.html["lang"] == "en-GB"
    assert "nhsuk-frontend-supported" in html.body["class"]
    assert html.select_one("a.nhsuk-skip-link")["href"] == "#maincontent"
    assert html.select_one("header.nhsuk-header")
    assert html.select_one("footer .nhsuk-footer, footer.nhsuk-footer")
    main = html.select_one("main#maincontent")
    assert main is not None
    assert len(main.find_all("h1")) == 1
    assert html.title.string.strip().endswith("Involve NHS Trust")


def test_home_page_links_to_the_services_index(client, demo_site):
    html = soup(client.get("/"))
    link = html.select_one("a.nhsuk-action-link__link, .nhsuk-action-link a")
    assert link["href"] == "/services/"


def test_services_index_lists_every_live_service_grouped_by_care_setting(client, demo_site):
    html = soup(client.get("/services/"))
    titles = {a.get_text(strip=True) for a in html.select("a.nhsuk-card__link")}
    assert titles == set(ServicePage.objects.live().values_list("title", flat=True))
    assert len(titles) == 6
    headings = [h2.get_text(strip=True) for h2 in html.select("main h2")]
    assert "Urgent and emergency care" in headings
    assert "Mental health" in headings


def test_unpublished_service_is_not_listed_and_answers_404(client, demo_site):
    # given
    service = ServicePage.objects.get(slug="pharmacy")
    service.unpublish()
    # when
    index = soup(client.get("/services/"))
    # then
    assert "Hospital pharmacy" not in index.get_text()
    assert client.get("/services/pharmacy/").status_code == 404


def test_service_page_shows_contact_details_stage_and_breadcrumb(client, demo_site):
    html = soup(client.get("/services/maternity/"))
    assert html.h1.get_text(strip=True) == "Maternity services"
    keys = [dt.get_text(strip=True) for dt in html.select("dl.nhsuk-summary-list dt")]
    assert "Phone" in keys
    # The stage in plain words for patients; no staff codes on public pages
    assert "Tell us how your care went" in html.main.get_text()
    assert "ODS" not in html.get_text() and "RX1M1" not in html.get_text()
    assert "delivery and implementation" not in html.main.get_text()
    crumbs = [a.get_text(strip=True) for a in html.select("nav.nhsuk-breadcrumb ol a")]
    assert crumbs == ["Involve NHS Trust", "Services"]
    assert html.select_one("nav.nhsuk-breadcrumb .nhsuk-back-link")["href"] == "/services/"


def test_content_page_renders_its_rich_text(client, demo_site):
    html = soup(client.get("/privacy-notice/"))
    assert html.h1.get_text(strip=True) == "Privacy notice"
    assert "never store your IP address" in html.select_one("main .nhsuk-body").get_text()


def test_missing_page_gets_the_nhs_styled_404_page(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Page not found"
    assert html.select_one("header.nhsuk-header")
    assert html.select_one("main#maincontent a[href='/']")
    assert any("nhsuk-frontend" in link["href"] for link in html.select("link[rel=stylesheet]"))


@pytest.mark.parametrize("url", [*PUBLIC_PAGES.values(), "/no-such-page/"])
def test_public_pages_send_a_strict_content_security_policy(client, demo_site, url):
    response = client.get(url)
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    # Nothing the policy would block: no inline scripts, style blocks or style attributes.
    html = soup(response)
    assert all(script.get("src") for script in html.find_all("script"))
    assert not html.find_all("style")
    assert not html.select("[style]")


def test_admin_gets_its_own_looser_policy_not_the_public_one(client, demo_site):
    response = client.get("/admin/login/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


class TestPageTreeRules:
    """Which page types may be created where (Wagtail's parent_page_types/subpage_types)."""

    def test_allowed_parents(self):
        assert HomePage.allowed_parent_page_models() == [Page]
        assert ServicesIndexPage.allowed_parent_page_models() == [HomePage]
        assert ServicePage.allowed_parent_page_models() == [ServicesIndexPage]
        assert set(ContentPage.allowed_parent_page_models()) == {HomePage, ContentPage}

    def test_allowed_children(self):
        assert set(HomePage.allowed_subpage_models()) == {
            ServicesIndexPage, ContentPage, PanelPage, GetInvolvedIndexPage,
            AccessibilityStatementPage,
        }  # fmt: skip
        assert ServicesIndexPage.allowed_subpage_models() == [ServicePage]
        assert set(ServicePage.allowed_subpage_models()) == {YouSaidWeDidPage, OpportunityPage}
        assert ContentPage.allowed_subpage_models() == [ContentPage]

    def test_where_pages_can_be_created(self, demo_site):
        home = demo_site
        index = ServicesIndexPage.objects.get()
        service = ServicePage.objects.get(slug="maternity")
        about = ContentPage.objects.get(slug="about")
        assert ServicePage.can_create_at(index)
        assert not ServicePage.can_create_at(home)
        assert not ServicePage.can_create_at(service)
        assert ContentPage.can_create_at(home)
        assert ContentPage.can_create_at(about)
        assert not ContentPage.can_create_at(index)
        assert not ContentPage.can_create_at(service)

    def test_only_one_home_page_and_one_services_index(self, demo_site):
        root = Page.get_first_root_node()
        assert not HomePage.can_create_at(root)
        assert not ServicesIndexPage.can_create_at(demo_site)


def test_form_sent_without_csrf_token_gets_an_accessible_403_page(demo_site):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Your form could not be sent"
    assert html.select_one("header.nhsuk-header")
    assert "Nothing you sent has been stored." in html.main.get_text()


def test_server_error_page_stands_alone():
    # The 500 page must render with no database, no context processors and no page tree.
    from django.template.loader import render_to_string

    html = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert html.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    assert html.select_one("a.nhsuk-skip-link")["href"] == "#maincontent"
    assert "111" in html.main.get_text()
    assert not html.find_all("script")


@pytest.mark.parametrize(("stage", "words"), [
    ("policy", "We are still deciding what this service should do"),
    ("design", "We are designing and building this service"),
])  # fmt: skip
def test_service_page_says_each_stage_in_plain_words(client, demo_site, stage, words):
    ServicePage.objects.filter(slug="maternity").update(lifecycle_stage=stage)
    assert words in soup(client.get("/services/maternity/")).main.get_text()


@pytest.mark.parametrize("url", PUBLIC_PAGES.values())
def test_footer_names_the_organisation_not_nhs_england(client, demo_site, settings, url):
    settings.ORGANISATION_NAME = "Riverside and District NHS Foundation Trust"
    footer = soup(client.get(url)).select_one("footer.nhsuk-footer").get_text()
    assert "© Riverside and District NHS Foundation Trust" in footer
    assert "NHS England" not in footer
