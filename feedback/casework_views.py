"""The safeguarding views in the Wagtail admin: cases, contact requests, and what needs attention.

Flagged responses and contact requests are for the service's safeguarding leads and for
administrators (website.permissions.MAY_ACT_ON_SAFEGUARDING); anyone else gets 404. Contact
details are decrypted only on an explicit POST, audited, and never cached.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from feedback.alerts import send_again
from feedback.casework import CaseError, case_owner_choices, next_statuses, reopen_case, update_case
from feedback.choices import (
    CLOSING_STATUSES,
    OPEN_CASE_STATUSES,
    ContactOutcome,
    SafeguardingStatus,
)
from feedback.contact_requests import record_outcome, show_contact_details
from feedback.models import (
    CASE_ACKNOWLEDGE_WORKING_DAYS,
    CONTACT_OUTCOME_WORKING_DAYS,
    ContactRequest,
    Feedback,
)
from feedback.safeguarding import REASON_LABELS
from website import audit
from website.permissions import (
    MAY_ACT_ON_SAFEGUARDING,
    get_object_or_404,
    holds_any_role,
    is_administrator,
    scope_to_user,
)
from website.workdays import working_days_before

PAGE_SIZE = 50
CASE_VIEWS = {"open": OPEN_CASE_STATUSES, "closed": CLOSING_STATUSES}


def _context(title: str, **context) -> dict:
    # header_title is what Wagtail's generic base puts in <title>.
    return {"page_title": title, "header_title": title, "header_icon": "warning", **context}


def _reasons(feedback: Feedback) -> str:
    return ", ".join(REASON_LABELS.get(r, r) for r in feedback.safeguarding_reasons)


def _case_or_404(request: HttpRequest, pk: int) -> Feedback:
    rows = Feedback.objects.flagged().select_related("service", "case_owner")
    return get_object_or_404(request.user, rows, pk, roles=MAY_ACT_ON_SAFEGUARDING)


def _safeguarding_role_or_404(request: HttpRequest) -> None:
    # The role matrix: these screens do not exist for someone with no safeguarding role at all.
    if not holds_any_role(request.user, MAY_ACT_ON_SAFEGUARDING):
        raise Http404


def safeguarding_list(request: HttpRequest) -> HttpResponse:
    """Flagged responses as cases, open ones first by default, in the user's services."""
    _safeguarding_role_or_404(request)
    show = request.GET.get("show", "open")
    rows = scope_to_user(request.user, Feedback.objects.flagged(), MAY_ACT_ON_SAFEGUARDING)
    if show in CASE_VIEWS:
        rows = rows.filter(safeguarding_status__in=CASE_VIEWS[show])
    rows = rows.with_contact_flag().select_related("service", "case_owner").order_by("received_at")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    cutoff = working_days_before(timezone.now(), CASE_ACKNOWLEDGE_WORKING_DAYS)
    for feedback in page:
        feedback.reason_text = _reasons(feedback)
        feedback.overdue = (
            feedback.safeguarding_status == SafeguardingStatus.NEW
            and feedback.received_at <= cutoff
        )
    return TemplateResponse(request, "feedback/admin/safeguarding_list.html", _context(
        "Safeguarding cases", page=page, show=show,
        views=[("open", "Open"), ("closed", "Closed"), ("all", "All")],
    ))  # fmt: skip


class CaseForm(forms.Form):
    """What a safeguarding lead changes on an open case: any or all of these."""

    status = forms.ChoiceField(required=False, label="Status")
    owner = forms.ModelChoiceField(queryset=None, required=False, label="Owner",
                                   empty_label="Not assigned")  # fmt: skip
    reference = forms.CharField(required=False, max_length=60,
                                label="Incident or referral reference (optional)")  # fmt: skip
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                           label="Note (what you did, whom you told)")  # fmt: skip

    def __init__(self, *args, case: Feedback, **kwargs):
        super().__init__(*args, **kwargs)
        current = (case.safeguarding_status, f"{case.get_safeguarding_status_display()} (now)")
        self.fields["status"].choices = [
            current,
            *((s.value, s.label) for s in next_statuses(case.safeguarding_status)),
        ]
        self.fields["owner"].queryset = case_owner_choices(service_id=case.service_id)
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.initial.setdefault("status", case.safeguarding_status)
        self.initial.setdefault("owner", case.case_owner_id)
        self.initial.setdefault("reference", case.case_reference)


class ReopenForm(forms.Form):
    """Why a closed case is reopened."""

    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           label="Why it is reopened")  # fmt: skip


@never_cache
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One case: the anonymised text, its history, and the change form (closing asks first)."""
    case = _case_or_404(request, pk)
    form = CaseForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        closing = data["status"] in CLOSING_STATUSES and data["status"] != case.safeguarding_status
        if closing and request.POST.get("confirm") != "yes":
            return TemplateResponse(request, "feedback/admin/case_confirm_close.html", _context(
                f"Close case {case.receipt}?", case=case, form=form,
                status_label=dict(form.fields["status"].choices)[data["status"]],
            ))  # fmt: skip
        try:
            changed = update_case(
                feedback=case, user=request.user, status=data["status"], owner=data["owner"],
                reference=data["reference"], note=data["note"], confirmed=closing,
            )  # fmt: skip
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            if changed:
                messages.success(request, f"Case {case.receipt} updated.")
            return redirect("feedback_review:case", pk=case.pk)
    if request.method != "POST":
        audit.record(user=request.user, action="case.viewed", obj=case, service=case.service)
    return TemplateResponse(request, "feedback/admin/case_detail.html", _context(
        f"Safeguarding case {case.receipt}", case=case, form=form,
        reopen_form=ReopenForm(), reasons=_reasons(case),
        events=case.case_events.select_related("user"),
        contact_request=ContactRequest.objects.filter(feedback=case).first(),
        answers=[(a.get("label", ""), ", ".join(v) if isinstance(v := a.get("answer"), list)
                  else v) for a in case.answers],
    ))  # fmt: skip


@require_POST
def case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed case."""
    case = _case_or_404(request, pk)
    form = ReopenForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if reopen_case(feedback=case, user=request.user, note=note):
        messages.success(request, f"Case {case.receipt} reopened.")
    return redirect("feedback_review:case", pk=case.pk)


# --- contact requests --------------------------------------------------------------------------


def _contact_or_404(request: HttpRequest, pk: int) -> ContactRequest:
    rows = ContactRequest.objects.select_related("feedback__service", "outcome_by")
    return get_object_or_404(request.user, rows, pk, roles=MAY_ACT_ON_SAFEGUARDING,
                             service_field="feedback__service")  # fmt: skip


def contact_list(request: HttpRequest) -> HttpResponse:
    """Contact requests in the user's services: those awaiting an outcome first, oldest first."""
    _safeguarding_role_or_404(request)
    rows = scope_to_user(request.user, ContactRequest.objects.all(), MAY_ACT_ON_SAFEGUARDING,
                         service_field="feedback__service")  # fmt: skip
    rows = rows.select_related("feedback__service", "outcome_by").defer("details")
    # Awaiting an outcome first (oldest first), then the latest outcomes.
    rows = rows.order_by(F("outcome_at").desc(nulls_first=True), "created_at")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    cutoff = working_days_before(timezone.now(), CONTACT_OUTCOME_WORKING_DAYS)
    for contact in page:
        contact.overdue = not contact.outcome and contact.created_at <= cutoff
    return TemplateResponse(request, "feedback/admin/contact_list.html",
                            _context("Contact requests", page=page))  # fmt: skip


class OutcomeForm(forms.Form):
    """What came of a contact request."""

    outcome = forms.ChoiceField(choices=ContactOutcome.choices, widget=forms.RadioSelect,
                                label="Outcome")  # fmt: skip


@never_cache
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One contact request: details only after "Show contact details" (a POST, audited)."""
    contact = _contact_or_404(request, pk)
    details = None
    form = OutcomeForm(initial={"outcome": contact.outcome or None})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "show":
            details = show_contact_details(contact_request=contact, user=request.user)
        elif action == "outcome":
            form = OutcomeForm(request.POST)
            if form.is_valid():
                record_outcome(contact_request=contact, user=request.user,
                               outcome=form.cleaned_data["outcome"])  # fmt: skip
                messages.success(request, f"Outcome recorded for {contact.feedback.receipt}.")
                return redirect("feedback_review:contact", pk=contact.pk)
    return TemplateResponse(request, "feedback/admin/contact_detail.html", _context(
        f"Contact request for feedback {contact.feedback.receipt}", contact=contact,
        details=details, form=form, flagged=contact.feedback.flagged,
        retention_days=settings.CONTACT_RETENTION_DAYS,
    ))  # fmt: skip


# --- for administrators: what has not reached a person ------------------------------------------


def _require_administrator(request: HttpRequest) -> None:
    if not is_administrator(request.user):
        raise PermissionDenied


def attention(request: HttpRequest) -> HttpResponse:
    """Alerts that failed, cases not acknowledged in time, contact requests with no outcome."""
    _require_administrator(request)
    related = ("service", "case_owner")
    return TemplateResponse(request, "feedback/admin/attention.html", _context(
        "Safeguarding: needs attention",
        alerts_failed=Feedback.objects.alert_failed().select_related(*related)
        .order_by("received_at"),
        cases_overdue=Feedback.objects.overdue_cases().select_related(*related)
        .order_by("received_at"),
        contacts_overdue=ContactRequest.objects.overdue().select_related("feedback__service")
        .defer("details").order_by("created_at"),
        case_days=CASE_ACKNOWLEDGE_WORKING_DAYS, contact_days=CONTACT_OUTCOME_WORKING_DAYS,
    ))  # fmt: skip


@require_POST
def alert_again(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a failed alert a fresh set of attempts."""
    _require_administrator(request)
    feedback = get_object_or_404(request.user, Feedback.objects.alert_failed(), pk)
    if send_again(feedback=feedback):
        audit.record(user=request.user, action="alert.requeued", obj=feedback,
                     service=feedback.service)  # fmt: skip
        messages.success(request, f"The alert for {feedback.receipt} will be sent again.")
    return redirect("feedback_review:attention")
