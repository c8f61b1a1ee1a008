"""Site search: live public pages, an accessible results page, and queries it cannot search."""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import PageViewRestriction

from website.models import ServicePage
from website.search import MAX_QUERY_LENGTH, clean_query

pytestmark = pytest.mark.django_db


def results(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, [a.get_text(strip=True) for a in soup.select("main ul.nhsuk-list h3 a")]


def test_finds_a_service_by_a_word_in_its_summary(client, demo_site):
    maternity = ServicePage.objects.get(slug="maternity")
    maternity.summary = "Antenatal checks, birth and postnatal care."
    maternity.save_revision().publish()
    soup, titles = results(client, "antenatal")
    assert titles == ["Maternity services"]
    assert soup.select_one("label[for=search-query]")
    assert soup.find("h2", id="results-heading").text == "1 result"


def test_drafts_and_private_pages_are_never_found(client, demo_site):
    maternity = ServicePage.objects.get(slug="maternity")
    maternity.summary = "Antenatal checks."
    maternity.save_revision().publish()
    pharmacy = ServicePage.objects.get(slug="pharmacy")
    pharmacy.summary = "Antenatal vitamins."
    pharmacy.save_revision().publish()
    PageViewRestriction.objects.create(page=pharmacy, restriction_type="login")
    maternity.unpublish()
    _soup, titles = results(client, "antenatal")
    assert titles == []


@pytest.mark.parametrize(("query", "message"), [
    ("a" * 10_000, f"Use {MAX_QUERY_LENGTH} characters or fewer"),
    ("maternity " * 1_000, f"Use {MAX_QUERY_LENGTH} characters or fewer"),
    ("?!*&%$£\"'<>", "Enter words or numbers to search for"),
    ("   ...   ", "Enter words or numbers to search for"),
])  # fmt: skip
def test_a_query_that_cannot_be_searched_gets_a_clear_page(client, demo_site, query, message):
    soup, titles = results(client, query)
    assert titles == []
    summary = soup.select_one(".nhsuk-error-summary")
    assert message in summary.get_text()
    assert summary.a["href"] == "#search-query"
    assert soup.title.text.strip().startswith("Error:")
    assert soup.find("input", id="search-query")["aria-describedby"] == "search-query-error"


def test_an_empty_query_shows_the_form_only(client, demo_site):
    soup, titles = results(client, "")
    assert titles == [] and not soup.select_one(".nhsuk-error-summary")
    assert soup.find("form", role="search")


def test_markup_in_a_query_is_shown_as_text(client, demo_site):
    response = client.get("/search/", {"q": "<script>alert(1)</script> care"})
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; care" in response.content


@pytest.mark.parametrize(("raw", "text"), [("  birth   care ", "birth care"), ("x", "x")])
def test_clean_query_collapses_whitespace(raw, text):
    assert clean_query(raw).text == text
