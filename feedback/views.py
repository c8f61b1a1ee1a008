"""Public feedback pages (form, thank-you) and the staff pages for paper and phone feedback."""

import functools
import re

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from feedback.forms import HONEYPOT_FIELD, GiveFeedbackForm
from feedback.intake import build_answers, new_receipt, submit_feedback
from feedback.live_services import live_service
from feedback.ratelimit import feedback_verdict
from website.models import ServicePage

# The receipt whose thank-you page shows the urgent-help panel: set by the POST, read once and
# removed, so nothing in the URL or the browser's history says the text disclosed a risk.
SIGNPOST_SESSION_KEY = "feedback_signpost"
RECEIPT_PATTERN = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}$")
DATABASE_RETRY_SECONDS = 60


def database_down_is_503(view):
    """A friendly 503 when the database cannot be reached; the transaction left nothing behind."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DatabaseError:
            # Rendered without the request: the header and footer would need the database.
            response = HttpResponse(render_to_string("feedback/unavailable.html"), status=503)
            response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
            return response

    return wrapper


def _live_service(slug: str) -> ServicePage:
    service = live_service(slug=slug)
    if service is None:
        raise Http404("No such service")
    return service


def form_url(service: ServicePage) -> str:
    """The public feedback form's path for a service."""
    return reverse("feedback:form", kwargs={"service_slug": service.slug})


def _thank_you_url(service_slug: str, receipt: str) -> str:
    return reverse("feedback:thank_you", kwargs={"service_slug": service_slug, "receipt": receipt})


def _take_signpost(request: HttpRequest, receipt: str) -> bool:
    """Whether this receipt's POST asked for the urgent-help panel; the marker goes either way."""
    if SIGNPOST_SESSION_KEY not in request.session:
        return False
    shown = request.session.pop(SIGNPOST_SESSION_KEY) == receipt
    if not request.session.keys():
        # A session made only for the panel goes too: its row and the cookie.
        request.session.flush()
    return shown


def _form_page(request: HttpRequest, service: ServicePage, form: GiveFeedbackForm) -> HttpResponse:
    response = render(request, "feedback/give_feedback.html", {"service": service, "form": form})
    # Never cached: the page carries a CSRF token and, after an error, what the person wrote.
    add_never_cache_headers(response)
    return response


def _too_many_requests(request: HttpRequest, service: ServicePage, retry_after: int):
    context = {"service": service, "minutes": max(1, round(retry_after / 60))}
    response = render(request, "feedback/too_many_requests.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


# Not @never_cache: the pages it renders add the headers themselves, and the redirect after a
# POST is not cacheable anyway, so the busiest response skips the header work.
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
@sensitive_variables()
@database_down_is_503
def give_feedback(request: HttpRequest, service_slug: str) -> HttpResponse:
    """The service's feedback form; a valid POST is stored and redirects to the thank-you page."""
    if request.method != "POST":
        # A GET carrying the form's fields stores nothing: it only shows the empty form.
        service = _live_service(service_slug)
        return _form_page(request, service, GiveFeedbackForm(service=service))

    verdict = feedback_verdict(request)
    service = _live_service(service_slug)
    if request.POST.get(HONEYPOT_FIELD):
        # Looks like a bot: answer as if all went well and keep nothing.
        return HttpResponseRedirect(_thank_you_url(service_slug, new_receipt()))
    if not verdict.allowed:
        return _too_many_requests(request, service, verdict.retry_after)
    form = GiveFeedbackForm(request.POST, service=service)
    if not form.is_valid():
        return _form_page(request, service, form)
    submission = submit_feedback(
        service=service,
        fft_answer=form.cleaned_data["fft_answer"],
        text=form.cleaned_data["text"],
        answers=build_answers(questions=form.questions, values=form.extra_values()),
        submission_key=form.cleaned_data["submission_key"],
        contact=form.contact_details(),
    )
    if submission.flagged:
        request.session[SIGNPOST_SESSION_KEY] = submission.feedback.receipt
    # A URL, not a view name: redirect() would first try (and fail) to reverse it.
    return HttpResponseRedirect(_thank_you_url(service_slug, submission.feedback.receipt))


@never_cache
@require_http_methods(["GET"])
@database_down_is_503
def thank_you(request: HttpRequest, service_slug: str, receipt: str) -> HttpResponse:
    """The receipt reference and where to get help; the urgent panel when the text disclosed a risk.

    The panel comes from the session, once: a reload or a shared link shows the page without it.
    """
    if not RECEIPT_PATTERN.match(receipt):
        raise Http404("No such receipt")
    service = _live_service(service_slug)
    signpost = _take_signpost(request, receipt)
    context = {"service": service, "receipt": receipt, "signpost": signpost}
    return render(request, "feedback/thank_you.html", context)
