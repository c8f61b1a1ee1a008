"""Staff screens in the Wagtail admin for reading, acting on and entering feedback, per service.

Every view scopes rows through website.permissions, so another service's feedback answers 404.
Flagged responses appear here only to those who act on safeguarding (feedback/casework_views.py
holds their screens); to anyone else they do not exist. Free text is shown only through Django's
autoescaping: it is plain text and stays plain text.
"""

import io

import segno

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from feedback.choices import Status
from feedback.filters import FeedbackFilter
from feedback.forms import GiveFeedbackForm, StaffFeedbackForm
from feedback.intake import build_answers, submit_feedback
from feedback.models import ContactRequest, Feedback, Theme
from feedback.moderation import requeue_failed, retag_feedback, set_hidden
from feedback.safeguarding import REASON_LABELS
from feedback.views import database_down_is_503, form_url
from website.audit import record
from website.models import ServicePage
from website.permissions import (
    MAY_ACT_ON_SAFEGUARDING,
    MAY_ENTER_FEEDBACK,
    MAY_MODERATE,
    MAY_READ_FREE_TEXT,
    get_object_or_404,
    get_service_or_404,
    has_service_role,
    is_administrator,
    scope_to_user,
    services_for,
)

PAGE_SIZE = 50


class RetagForm(forms.Form):
    """The themes a member of staff says a response is about."""

    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _sees_flagged(request: HttpRequest, service_id: int) -> bool:
    return has_service_role(request.user, service_id, MAY_ACT_ON_SAFEGUARDING)


def _feedback_or_404(request: HttpRequest, pk: int, roles=MAY_MODERATE) -> Feedback:
    """A response the user may act on in `roles`; a flagged one only for safeguarding."""
    feedback = get_object_or_404(request.user, Feedback.objects.select_related("service"), pk,
                                 roles=roles)  # fmt: skip
    if feedback.flagged and not _sees_flagged(request, feedback.service_id):
        raise Http404("Not found")
    return feedback


def service_index(request: HttpRequest) -> HttpResponse:
    """The services whose feedback the user may read."""
    return TemplateResponse(request, "feedback/admin/service_index.html", {
        "page_title": "Feedback",
        "header_title": "Feedback",
        "services": services_for(request.user, MAY_READ_FREE_TEXT).order_by("title"),
        "is_administrator": is_administrator(request.user),
        "does_safeguarding": is_administrator(request.user)
        or services_for(request.user, MAY_ACT_ON_SAFEGUARDING).exists(),
    })  # fmt: skip


def feedback_list(request: HttpRequest, service_id: int) -> HttpResponse:
    """One service's feedback, newest first (best match first when searching), with filters.

    Flagged rows are listed only for safeguarding; anyone else is told how many matched,
    except when searching, as that would say what their text holds.
    """
    service = get_service_or_404(request.user, service_id, MAY_READ_FREE_TEXT)
    service_rows = Feedback.objects.filter(service=service)
    sees_flagged = _sees_flagged(request, service.pk)
    rows = service_rows if sees_flagged else service_rows.unflagged()
    filterset = FeedbackFilter(request.GET or None, queryset=rows.with_contact_flag())
    page = _page(request, filterset.qs.prefetch_related("themes"))
    withheld = 0
    if not sees_flagged and not filterset.searching:
        withheld = FeedbackFilter(request.GET or None, queryset=service_rows.flagged()).qs.count()
    query = request.GET.copy()
    query.pop("page", None)
    if page.object_list:
        record(user=request.user, action="feedback.list_viewed", service=service,
               detail=f"page {page.number} of {page.paginator.num_pages}")  # fmt: skip
    return TemplateResponse(request, "feedback/admin/feedback_list.html", {
        "page_title": f"Feedback for {service.title}",
        "service": service,
        "filter": filterset,
        "form": filterset.form,
        "page": page,
        "matching": page.paginator.count + withheld,
        "withheld": withheld,
        "query": query.urlencode(),
    })  # fmt: skip


def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One response: its anonymised text (escaped), answers, analysis and the staff actions.

    A flagged response is a safeguarding case: its page is the case's.
    """
    feedback = get_object_or_404(
        request.user, Feedback.objects.select_related("service"), pk, MAY_READ_FREE_TEXT
    )
    if feedback.flagged:
        if not _sees_flagged(request, feedback.service_id):
            raise Http404("Not found")
        return redirect("feedback_review:case", pk=feedback.pk)
    can_moderate = (
        is_administrator(request.user)
        or scope_to_user(
            request.user, Feedback.objects.filter(pk=feedback.pk), MAY_MODERATE
        ).exists()
    )
    return TemplateResponse(request, "feedback/admin/feedback_detail.html", {
        "page_title": f"Feedback {feedback.receipt}",
        "feedback": feedback,
        "themes": list(feedback.themes.all()),
        "answers": [
            (a.get("label", ""), ", ".join(v) if isinstance(v := a.get("answer"), list) else v)
            for a in feedback.answers
        ],
        "reasons": [REASON_LABELS.get(r, r) for r in feedback.safeguarding_reasons],
        "retag_form": RetagForm(initial={"themes": feedback.themes.all()}),
        "can_moderate": can_moderate,
        "contact_requested": ContactRequest.objects.filter(feedback=feedback).exists(),
    })  # fmt: skip


def _detail(feedback: Feedback):
    return redirect("feedback_review:detail", pk=feedback.pk)


@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide a response from staff lists and examples, or show it again (`hidden` = 0)."""
    feedback = _feedback_or_404(request, pk)
    hidden = request.POST.get("hidden", "1") != "0"
    set_hidden(feedback=feedback, hidden=hidden)
    messages.success(request, f"Feedback {feedback.receipt} {'hidden' if hidden else 'shown'}.")
    return _detail(feedback)


@require_POST
def retag(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace a response's themes."""
    feedback = _feedback_or_404(request, pk)
    form = RetagForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose themes from the list.")
        return _detail(feedback)
    retag_feedback(feedback=feedback, theme_ids=[t.pk for t in form.cleaned_data["themes"]],
                   user=request.user)  # fmt: skip
    messages.success(request, f"Themes of feedback {feedback.receipt} updated.")
    return _detail(feedback)


def _require_administrator(request: HttpRequest) -> None:
    if not is_administrator(request.user):
        raise PermissionDenied


def failed_list(request: HttpRequest) -> HttpResponse:
    """Responses the worker gave up on, for administrators to re-queue."""
    _require_administrator(request)
    rows = Feedback.objects.filter(status=Status.FAILED).select_related("service")
    return TemplateResponse(request, "feedback/admin/failed_list.html", {
        "page_title": "Feedback that failed to process",
        "page": _page(request, rows.order_by("received_at")),
    })  # fmt: skip


@require_POST
def requeue(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a failed response a fresh set of attempts."""
    _require_administrator(request)
    feedback = get_object_or_404(request.user, Feedback.objects.all(), pk)
    if requeue_failed(feedback=feedback):
        messages.success(request, f"Feedback {feedback.receipt} queued again.")
    return redirect(reverse("feedback_review:failed"))


# --- entering paper, phone and in-person feedback ---------------------------------------------


def staff_choose_service(request: HttpRequest) -> HttpResponse:
    """The services this person may enter feedback for, with links to each one's paper form."""
    services = services_for(request.user, MAY_ENTER_FEEDBACK).live().order_by("title")
    return render(request, "feedback/staff_choose_service.html", {"services": services})


@sensitive_post_parameters()
@sensitive_variables()
@database_down_is_503
def staff_entry(request: HttpRequest, service_id: int) -> HttpResponse:
    """Type in paper, phone or in-person feedback for one service; it takes the web's path."""
    service = get_service_or_404(request.user, service_id, MAY_ENTER_FEEDBACK)
    if request.method != "POST":
        form = StaffFeedbackForm(service=service)
        return render(request, "feedback/staff_entry.html", {"service": service, "form": form})
    form = StaffFeedbackForm(request.POST, service=service)
    if not form.is_valid():
        return render(request, "feedback/staff_entry.html", {"service": service, "form": form})
    submission = submit_feedback(
        service=service,
        fft_answer=form.cleaned_data["fft_answer"],
        text=form.cleaned_data["text"],
        answers=build_answers(questions=form.questions, values=form.extra_values()),
        submission_key=form.cleaned_data["submission_key"],
        channel=form.cleaned_data["channel"],
        given_on=form.cleaned_data["given_on"],
        language=form.cleaned_data["language"],
        entered_by=request.user,
        contact=form.contact_details(),
    )
    verb = "saved" if submission.created else "was already saved"
    messages.success(request, f"Feedback {verb}. Receipt {submission.feedback.receipt}.")
    return redirect("feedback_staff:entry", service_id=service.pk)


def absolute_form_url(service: ServicePage) -> str:
    """The web form's full address, for printed forms and QR codes."""
    return settings.SITE_BASE_URL.rstrip("/") + form_url(service)


def paper_form(request: HttpRequest, service_id: int) -> HttpResponse:
    """A printable paper version of the service's form, with a QR code to the web form."""
    service = get_service_or_404(request.user, service_id, MAY_ENTER_FEEDBACK)
    form = GiveFeedbackForm(service=service)
    url = absolute_form_url(service)
    qr_svg = segno.make(url, error="m").svg_inline(scale=4, title=f"QR code for {url}")
    context = {"service": service, "form": form, "url": url, "qr_svg": qr_svg}
    return render(request, "feedback/paper_form.html", context)


def qr_code(request: HttpRequest, service_id: int, fmt: str) -> HttpResponse:
    """The QR code linking to the service's web form, as PNG or SVG, for posters and cards."""
    service = get_service_or_404(request.user, service_id, MAY_ENTER_FEEDBACK)
    qr = segno.make(absolute_form_url(service), error="m")
    buffer = io.BytesIO()
    if fmt == "svg":
        qr.save(buffer, kind="svg", scale=10, title="Give feedback about " + service.title)
        content_type = "image/svg+xml"
    else:
        qr.save(buffer, kind="png", scale=10)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="feedback-qr-{service.slug}.{fmt}"'
    return response
