"""The easy read and children's feedback forms: one question a screen, stored only when sent."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from feedback import inclusive_forms as inclusive
from feedback.forms import HONEYPOT_FIELD
from feedback.inclusive_forms import CHECK, FormVersion
from feedback.intake import new_receipt, submit_feedback
from feedback.live_services import live_service
from feedback.ratelimit import feedback_verdict
from feedback.views import (
    SIGNPOST_SESSION_KEY,
    _thank_you_url,
    _too_many_requests,
    database_down_is_503,
)
from website.models import ServicePage

# "Back" and each "Change" button post this field, naming where to go.
GOTO_FIELD = "goto"


def _screen(
    request: HttpRequest,
    *,
    service: ServicePage,
    version: FormVersion,
    step: str,
    state: dict,
    form=None,
    restarted: bool = False,
) -> HttpResponse:
    if form is None:
        form = inclusive.step_form(step, state=state)
    context = {
        "service": service,
        "version": version,
        "words": version.words(service=service.title),
        "step": step,
        "step_title": inclusive.STEP_TITLES[step],
        "step_number": version.steps.index(step) + 1,
        "step_count": len(version.steps),
        "first_step": step == version.steps[0],
        "form": form,
        "state_token": inclusive.sign_state(state, version=version, service_id=service.pk),
        "rows": inclusive.summary_rows(version, state) if step == CHECK else [],
        "restarted": restarted,
    }
    response = render(request, "feedback/inclusive_form.html", context)
    # Never cached: it carries a CSRF token and the answers so far.
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
@sensitive_variables()
@database_down_is_503
def inclusive_form(request: HttpRequest, service_slug: str, version_slug: str) -> HttpResponse:
    """One screen of an adapted form; the last screen's POST stores the response and thanks."""
    version = inclusive.VERSIONS[version_slug]
    service = live_service(slug=service_slug)
    if service is None:
        raise Http404("No such service")
    screen = {"service": service, "version": version}
    first = version.steps[0]
    if request.method != "POST":
        return _screen(request, **screen, step=first, state=inclusive.new_state())

    state = inclusive.read_state(request.POST.get("state", ""), version=version,
                                 service_id=service.pk)  # fmt: skip
    if state is None:
        # Too old or altered: start again and say so; nothing had been stored.
        return _screen(request, **screen, step=first, state=inclusive.new_state(), restarted=True)
    step = request.POST.get("step", "")
    if step not in version.steps:
        step = first
    goto = request.POST.get(GOTO_FIELD, "")
    if goto:
        return _go_to(request, screen=screen, state=state, step=step, goto=goto)
    if step == CHECK:
        missing = inclusive.first_missing_step(state)
        if missing:
            return _screen(request, **screen, step=missing, state=state)
        return _send(request, service=service, version=version, state=state)
    form = inclusive.step_form(step, data=request.POST)
    if not form.is_valid():
        # The pictures are shown again with the error; the answers so far stay in the state.
        return _screen(request, **screen, step=step, state=state, form=form)
    state.update(form.cleaned_data)
    following = CHECK if state.get("review") else inclusive.next_step(version, step)
    return _screen(request, **screen, step=following, state=state)


def _go_to(request: HttpRequest, *, screen: dict, state: dict, step: str, goto: str):
    """Go "Back", or "Change" from the check screen; what this screen holds is kept if valid."""
    version = screen["version"]
    form = inclusive.step_form(step, data=request.POST) if step != CHECK else None
    if form is not None and form.is_valid():
        state.update(form.cleaned_data)
    if goto in version.steps:
        # From the check screen: once changed, "Continue" comes straight back to it.
        state["review"] = True
        target = goto
    else:
        target = inclusive.previous_step(version, step) or version.steps[0]
    return _screen(request, **screen, step=target, state=state)


def _send(request: HttpRequest, *, service: ServicePage, version: FormVersion, state: dict):
    """Store the response through the same intake as the web form, then thank the person."""
    verdict = feedback_verdict(request)
    if request.POST.get(HONEYPOT_FIELD):
        # Looks like a bot: answer as if all went well and keep nothing.
        return HttpResponseRedirect(_thank_you_url(service.slug, new_receipt()))
    if not verdict.allowed:
        return _too_many_requests(request, service, verdict.retry_after)
    submission = submit_feedback(
        service=service,
        fft_answer=state["fft_answer"],
        text=state.get("text", ""),
        submission_key=inclusive.submission_key(state),
        channel=version.channel,
        assisted=inclusive.assisted(state),
    )
    if submission.flagged:
        request.session[SIGNPOST_SESSION_KEY] = submission.feedback.receipt
    return HttpResponseRedirect(_thank_you_url(service.slug, submission.feedback.receipt))
