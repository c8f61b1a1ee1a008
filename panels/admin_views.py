"""Researchers' views of panels in the Wagtail admin: counts, members, and audited details.

Researchers see the panels that recruit for a service they research for (an organisation-wide
panel recruits for all); administrators see every panel. Another panel or member answers 404.
Contact details and needs are decrypted only on an explicit POST, audited, and never cached.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from panels import services
from panels.choices import (
    AccessNeed,
    Availability,
    ContactMethod,
    WayToTakePart,
    ways_from_bits,
)
from panels.models import PanelMember, PanelPage
from website.audit import record
from website.permissions import holds_any_role

PER_PAGE = 50  # a screenful of rows; the list is for finding one member, not for reading all


def _context(title: str, **context) -> dict:
    # header_title is what Wagtail's generic base puts in <title>.
    return {"page_title": title, "header_title": title, "header_icon": "group", **context}


def _require_researcher(request: HttpRequest) -> None:
    if not holds_any_role(request.user, services.MAY_SEE_MEMBERS):
        raise PermissionDenied


def _panel_or_404(request: HttpRequest, panel_id: int) -> PanelPage:
    panel = services.panels_for(request.user).filter(pk=panel_id).first()
    if panel is None:
        raise Http404("No such panel")
    return panel


def _member_or_404(request: HttpRequest, pk: int) -> PanelMember:
    member = services.members_for(request.user).select_related("panel").filter(pk=pk).first()
    if member is None:
        raise Http404("No such member")
    return member


def panel_index(request: HttpRequest) -> HttpResponse:
    """The panels the user may see, with their members counted by status."""
    _require_researcher(request)
    panels = services.panel_counts(services.panels_for(request.user)).order_by("title")
    return TemplateResponse(request, "panels/admin/panel_index.html",
                            _context("Patient and carer panels", panels=panels))  # fmt: skip


def member_list(request: HttpRequest, panel_id: int) -> HttpResponse:
    """One panel's confirmed members: bands and flags only, never contact details."""
    _require_researcher(request)
    panel = _panel_or_404(request, panel_id)
    members = (
        PanelMember.objects.confirmed()
        .filter(panel=panel)
        .defer("contact", "details")
        .order_by("-confirmed_at", "pk")
    )
    counts = services.panel_counts(PanelPage.objects.filter(pk=panel.pk)).get()
    page = Paginator(members, PER_PAGE).get_page(request.GET.get("page"))
    record(user=request.user, action="panel.members_listed", obj=panel, detail=f"panel {panel.pk}")
    return TemplateResponse(request, "panels/admin/member_list.html", _context(
        f"Members of {panel.title}", panel=panel, page=page, counts=counts,
    ))  # fmt: skip


@never_cache
@require_http_methods(["GET", "POST"])
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One member: bands and flags; contact details and needs after "Show" (a POST, audited)."""
    _require_researcher(request)
    member = _member_or_404(request, pk)
    shown = None
    if request.method == "POST" and request.POST.get("action") == "show":
        shown = services.show_contact(member=member, user=request.user)
        needs, times = dict(AccessNeed.choices), dict(Availability.choices)
        details = shown["details"]
        details["access_needs"] = [needs.get(n, n) for n in details.get("access_needs", [])]
        details["availability"] = [times.get(t, t) for t in details.get("availability", [])]
        shown["contact_method"] = dict(ContactMethod.choices).get(shown["contact_method"], "")
    else:
        services.viewed_member(member=member, user=request.user)
    labels = dict(WayToTakePart.choices)
    return TemplateResponse(request, "panels/admin/member_detail.html", _context(
        f"Panel member {str(member.reference)[:8]}", member=member, shown=shown,
        ways=[labels[w] for w in ways_from_bits(member.ways)],
        member_services=member.services.order_by("title"),
    ))  # fmt: skip
