"""Public "You said, we did" endpoints: the index of updates, and asking to hear what changed."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from involvement import outcomes, updates
from involvement.outcome_forms import HearOutcomeForm
from website.locales import current_language


@require_GET
def you_said_we_did_index(request: HttpRequest) -> HttpResponse:
    """Every published update, newest first, filtered by service and theme (plain GET form)."""
    filters = updates.index_filters(
        service_slug=request.GET.get("service", "")[:100],
        theme_slug=request.GET.get("theme", "")[:100],
    )
    paginator = Paginator(updates.filtered_updates(filters=filters), updates.INDEX_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = {"service": filters.service.slug if filters.service else "",
             "theme": filters.theme.slug if filters.theme else ""}  # fmt: skip
    return render(request, "involvement/you_said_we_did_index.html", {
        "filters": filters, "page_obj": page, "updates": updates.with_services(page),
        "query": "&".join(f"{k}={v}" for k, v in query.items() if v)})  # fmt: skip


@never_cache
@require_POST
def hear_outcome(request: HttpRequest) -> HttpResponse:
    """Keep an address, apart from the feedback, to email once when an update is published."""
    form = HearOutcomeForm(request.POST)
    service = outcomes.service_from_token(request.POST.get("token", ""))
    if service is None:
        return render(request, "involvement/hear_outcome_problem.html", status=400)
    if not form.is_valid():
        return render(request, "involvement/hear_outcome.html",
                      {"form": form, "service": service}, status=400)  # fmt: skip
    outcomes.subscribe(service=service, email=form.cleaned_data["email"],
                       language=current_language())  # fmt: skip
    return render(request, "involvement/hear_outcome_done.html", {"service": service})
