"""The site search results page (/search/)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from website.search import RESULTS_PER_PAGE, clean_query, search_pages


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Results for ?q=, ten a page; a query that cannot be searched says why."""
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    page_obj = None
    if query.text:
        paginator = Paginator(search_pages(query=query.text), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
    return render(request, "website/search.html", {
        "query": query, "typed": raw[:200], "page_obj": page_obj})  # fmt: skip
