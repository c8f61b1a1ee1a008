"""Public endpoint of an opportunity page: the register-interest form (its `register/` route)."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.models import Page

from feedback.ratelimit import hit
from involvement import interest
from involvement.interest_forms import HONEYPOT_FIELD, InterestForm
from website.locales import current_language, original

# Registrations (and the emails they send) per client per window, as for panel sign-ups: enough
# for a family on one connection, too few to flood the table or anyone's inbox.
REGISTER_LIMIT = 10
REGISTER_WINDOW_SECONDS = 600


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    # Never cached: these pages carry a CSRF token.
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


@sensitive_post_parameters()
def register_interest(request: HttpRequest, *, opportunity: Page) -> HttpResponse:
    """The form; a valid POST stores the interest and shows "we have your details"."""
    done = opportunity.url + opportunity.reverse_subpage("registered")
    context = {
        "page": opportunity,
        "opportunity": opportunity,
        "retention_days": interest.INTEREST_RETENTION_DAYS,
    }
    if not opportunity.register_interest or not opportunity.is_open():
        return _page(request, "involvement/interest_closed.html", context, status=404)
    if request.method != "POST":
        return _page(
            request, "involvement/register_interest.html", context | {"form": InterestForm()}
        )
    if request.POST.get(HONEYPOT_FIELD):
        return HttpResponseRedirect(done)  # looks like a bot: keep nothing, say nothing
    verdict = hit(request, scope="interest", limit=REGISTER_LIMIT, window=REGISTER_WINDOW_SECONDS)
    if not verdict.allowed:
        response = _page(request, "involvement/interest_too_many.html", context, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    form = InterestForm(request.POST)
    if not form.is_valid():
        return _page(request, "involvement/register_interest.html", context | {"form": form})
    interest.register_interest(
        opportunity=original(opportunity),
        language=current_language(),
        details=interest.InterestDetails(
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            needs=form.cleaned_data["needs"],
        ),
    )
    return HttpResponseRedirect(done)
