"""Researchers' screens for interest in opportunities, in the Wagtail admin.

Researchers see the opportunities of services they research for (administrators, all); another
opportunity answers 404. Names and email addresses are decrypted only on an explicit POST,
recorded in the audit trail as "interest.viewed", and never cached.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from involvement import interest_staff
from website.permissions import MAY_SEE_INTEREST, holds_any_role

INVITATION_MAX_LENGTH = 2000


def _context(title: str, **context) -> dict:
    # header_title is what Wagtail's generic base puts in <title>.
    return {"page_title": title, "header_title": title, "header_icon": "user", **context}


def _require_researcher(request: HttpRequest) -> None:
    if not holds_any_role(request.user, MAY_SEE_INTEREST):
        raise PermissionDenied


def _invited_message(result: interest_staff.InviteResult) -> str:
    parts = [f"{result.emailed} invited by email"]
    if result.through_panel:
        parts.append(f"{result.through_panel} invited through the panel recruitment")
    if result.held_back:
        parts.append(f"{result.held_back} on the panel held back (paused, do not contact, or "
                     "invited too recently)")  # fmt: skip
    return "; ".join(parts) + "."


def opportunity_index(request: HttpRequest) -> HttpResponse:
    """The opportunities the user may see, with how many registered and were invited."""
    _require_researcher(request)
    opportunities = interest_staff.with_interest_counts(
        interest_staff.opportunities_for(request.user).select_related("service")
    ).order_by("-closing_date", "title")
    return TemplateResponse(
        request,
        "involvement/admin/interest_index.html",
        _context("Interest in opportunities", opportunities=opportunities),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def interest_list(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """Who registered (references and dates); "Show details" decrypts them, audited; invite."""
    _require_researcher(request)
    opportunity = interest_staff.opportunities_for(request.user).filter(pk=opportunity_id).first()
    if opportunity is None:
        raise Http404("No such opportunity")
    shown, error = None, ""
    recruitments = interest_staff.open_recruitments(opportunity)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "show":
        shown = interest_staff.show_details(opportunity=opportunity, user=request.user)
    elif action == "invite":
        chosen = [int(v) for v in request.POST.getlist("interest") if v.isdigit()]
        message = request.POST.get("message", "").replace("\x00", "").strip()
        chosen_recruitment = request.POST.get("recruitment", "")
        # Only this service's open recruitments: any other number is ignored, never used.
        recruitment = (recruitments.filter(pk=int(chosen_recruitment)).first()
                       if chosen_recruitment.isdigit() else None)  # fmt: skip
        if not chosen:
            error = "Select at least one person to invite"
        elif not message:
            error = "Enter the invitation: when, where and how to take part"
        elif len(message) > INVITATION_MAX_LENGTH:
            error = f"The invitation must be {INVITATION_MAX_LENGTH} characters or fewer"
        else:
            result = interest_staff.invite(opportunity=opportunity, interest_ids=chosen,
                                     message=message, user=request.user,
                                     recruitment=recruitment)  # fmt: skip
            messages.success(request, _invited_message(result))
            return HttpResponseRedirect(
                reverse("involvement_admin:interest", args=[opportunity.pk])
            )
    rows = opportunity.interest.defer("contact").order_by("registered_at", "pk")
    return TemplateResponse(
        request,
        "involvement/admin/interest_list.html",
        _context(
            f"Interest in {opportunity.title}",
            opportunity=opportunity,
            rows=rows,
            shown=shown,
            error=error,
            message=request.POST.get("message", ""),
            max_length=INVITATION_MAX_LENGTH,
            recruitments=recruitments,
        ),
    )
