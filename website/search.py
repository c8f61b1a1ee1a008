"""Site search over the public pages, with Wagtail's database search backend (SQLite and
PostgreSQL alike). Queries are never stored or logged: people type names and conditions."""

from dataclasses import dataclass

from wagtail.models import Locale, Page

# Longer queries are refused with a clear message rather than searched: nobody types more to
# find a page, and the database backend's cost grows with the number of terms.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


@dataclass(frozen=True)
class SearchQuery:
    """A query as typed, cleaned, and why it cannot be searched (empty when it can)."""

    text: str
    problem: str = ""


def clean_query(raw: str) -> SearchQuery:
    """Whitespace collapsed; refused when too long or without a letter or digit."""
    text = " ".join(raw.split())
    if len(text) > MAX_QUERY_LENGTH:
        return SearchQuery(
            text="",
            problem=f"Your search is too long. Use {MAX_QUERY_LENGTH} characters or fewer.",
        )
    if text and not any(ch.isalnum() for ch in text):
        return SearchQuery(text="", problem="Enter words or numbers to search for.")
    return SearchQuery(text=text)


def search_pages(*, query: str):
    """Live public pages in the current language matching `query`, best first."""
    pages = Page.objects.live().public().filter(depth__gt=1, locale=Locale.get_active())
    return pages.specific().search(query)
