"""Public endpoint of a panel page: the sign-up form (its `join/` route).

The page model routes here, so this module reaches the panel's members through panels.joining
and imports no models.
"""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.models import Page

from panels import joining
from panels.choices import AgeBand
from panels.forms import HONEYPOT_FIELD, SignUpForm
from panels.ratelimit import SIGN_UP_WINDOW_SECONDS, sign_up_allowed
from website.locales import current_language, original


def member_page(
    request: HttpRequest, template: str, context: dict, status: int = 200
) -> HttpResponse:
    """A public panel page for one person, never cached: it carries a CSRF token or their own
    details."""
    if context.get("panel") is not None:
        # Members belong to the English panel page; a Welsh page names its Welsh translation.
        context = context | {"panel": context["panel"].localized}
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def panel_service_choices(panel: Page) -> QuerySet | None:
    """The live services a panel recruits for, to choose from; None for an organisation panel."""
    chosen = panel.services.live().order_by("title")
    return chosen if chosen.exists() else None


@sensitive_post_parameters()
def sign_up(request: HttpRequest, *, panel: Page) -> HttpResponse:
    """The sign-up form (the panel page's `join/` route); a valid POST stores a pending member."""
    check_email = panel.url + panel.reverse_subpage("check_your_email")
    context = {"page": panel, "panel": panel}
    if request.method != "POST":
        form = SignUpForm(services=panel_service_choices(panel))
        return member_page(request, "panels/sign_up.html", context | {"form": form})
    if request.POST.get(HONEYPOT_FIELD):
        return HttpResponseRedirect(check_email)  # looks like a bot: keep nothing, say nothing
    if not sign_up_allowed(request):
        response = member_page(request, "panels/too_many_requests.html", context, status=429)
        response["Retry-After"] = str(SIGN_UP_WINDOW_SECONDS)
        return response
    if request.POST.get("age_band") == AgeBand.UNDER_16:
        return member_page(request, "panels/under_16.html", context)  # nothing is stored
    form = SignUpForm(request.POST, services=panel_service_choices(panel))
    if not form.is_valid():
        return member_page(request, "panels/sign_up.html", context | {"form": form})
    email = form.cleaned_data["email"]
    joining.sign_up(panel=original(panel), contact=form.contact(email=email),
                    about=form.about(), purposes=form.purposes(),
                    language=current_language())  # fmt: skip
    return HttpResponseRedirect(check_email)
