"""Researchers' views of panels in the Wagtail admin: counts, members, and audited details.

Researchers see the panels that recruit for a service they research for (an organisation-wide
panel recruits for all); administrators see every panel. Another panel or member answers 404.
Contact details and needs are decrypted only on an explicit POST, audited, and never cached.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from panels import charts, recruitment, recruitment_text, representation, services
from panels.admin_forms import InvitationForm, PopulationUploadForm, RecruitmentForm, ShortlistForm
from panels.choices import (
    AccessNeed,
    AgeBand,
    Availability,
    ContactMethod,
    WayToTakePart,
    ways_from_bits,
)
from panels.models import Invitation, PanelMember, PanelPage, Recruitment
from website.audit import record
from website.permissions import (
    get_object_or_404,
    get_service_or_404,
    holds_any_role,
    is_administrator,
    scope_to_user,
    services_for,
)

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
                            _context("Patient and carer panels", panels=panels,
                                     is_admin=is_administrator(request.user)))  # fmt: skip


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
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ("do_not_contact", "may_contact"):
        services.set_do_not_contact(member=member, user=request.user,
                                    value=action == "do_not_contact")  # fmt: skip
        return redirect("panels_admin:member", member.pk)
    if action == "show":
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


# --- recruitment ---------------------------------------------------------------------------


def _require_recruiter(request: HttpRequest) -> None:
    if not holds_any_role(request.user, recruitment.MAY_RECRUIT):
        raise PermissionDenied


def _recruitment_or_404(request: HttpRequest, pk: int) -> Recruitment:
    queryset = Recruitment.objects.select_related("service")
    return get_object_or_404(request.user, queryset, pk, recruitment.MAY_RECRUIT)


def recruitment_index(request: HttpRequest) -> HttpResponse:
    """The services the user recruits for, each with its recruitments."""
    _require_recruiter(request)
    services_ = services_for(request.user, recruitment.MAY_RECRUIT).order_by("title")
    studies = scope_to_user(request.user, Recruitment.objects.select_related("service"),
                            recruitment.MAY_RECRUIT).order_by("-starts_on", "-pk")  # fmt: skip
    by_service: dict[int, list] = {}
    for study in studies:
        by_service.setdefault(study.service_id, []).append(study)
    rows = [(service, by_service.get(service.pk, [])) for service in services_]
    return TemplateResponse(request, "panels/admin/recruitment_index.html",
                            _context("Recruitment", rows=rows,
                                     cap_days=settings.PANEL_CONTACT_CAP_DAYS))  # fmt: skip


@require_http_methods(["GET", "POST"])
def recruitment_add(request: HttpRequest, service_id: int) -> HttpResponse:
    """A new recruitment for one service the user recruits for."""
    service = get_service_or_404(request.user, service_id, recruitment.MAY_RECRUIT)
    allowed = services_for(request.user, recruitment.MAY_RECRUIT)
    form = RecruitmentForm(request.POST or None, services=allowed, initial={"service": service})
    if request.method == "POST" and form.is_valid():
        study = form.save()
        record(user=request.user, action="panel.recruitment_created", obj=study,
               service=study.service, detail=f"recruitment {study.pk}")  # fmt: skip
        return redirect("panels_admin:recruitment", study.pk)
    return TemplateResponse(request, "panels/admin/recruitment_form.html", _context(
        f"New recruitment for {service.title}", form=form, service=service,
    ))  # fmt: skip


@require_http_methods(["GET", "POST"])
def recruitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a recruitment's details or criteria."""
    study = _recruitment_or_404(request, pk)
    allowed = services_for(request.user, recruitment.MAY_RECRUIT)
    form = RecruitmentForm(request.POST or None, instance=study, services=allowed)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(user=request.user, action="panel.recruitment_changed", obj=study,
               service=study.service, detail=f"recruitment {study.pk}")  # fmt: skip
        return redirect("panels_admin:recruitment", study.pk)
    return TemplateResponse(request, "panels/admin/recruitment_form.html", _context(
        f"Change {study.title}", form=form, service=study.service, study=study,
    ))  # fmt: skip


def _criteria_labels(study: Recruitment) -> dict[str, list[str]]:
    ages, ways, needs = dict(AgeBand.choices), dict(WayToTakePart.choices), dict(AccessNeed.choices)
    return {"age": [ages.get(b, b) for b in study.age_bands],
            "ways": [ways.get(w, w) for w in study.ways],
            "needs": [needs.get(n, n) for n in study.access_needs_met]}  # fmt: skip


@never_cache
@require_http_methods(["GET", "POST"])
def recruitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The matching count, then the shortlist, invitations and what happened."""
    study = _recruitment_or_404(request, pk)
    shortlist_form = ShortlistForm(initial={"size": study.target_number})
    message = ""
    if request.method == "POST" and request.POST.get("action") == "shortlist":
        shortlist_form = ShortlistForm(request.POST)
        if shortlist_form.is_valid():
            added = recruitment.shortlist(recruitment=study, user=request.user,
                                          size=shortlist_form.cleaned_data["size"])  # fmt: skip
            messages.success(request, f"{added} member{pluralize(added)} added to the shortlist.")
            return redirect("panels_admin:recruitment", study.pk)
    elif request.method == "POST" and request.POST.get("action") == "invite":
        outcome = recruitment.invite(recruitment=study, user=request.user)
        message = f"{outcome.invited} invitation{pluralize(outcome.invited)} sent."
        if outcome.held_back:
            days = recruitment_text.in_the_last(settings.PANEL_CONTACT_CAP_DAYS)
            message += (f" {outcome.held_back} shortlisted member{pluralize(outcome.held_back)} "
                        f"not invited: invited to a study {days}, paused or not to be "
                        "contacted.")  # fmt: skip
        messages.success(request, message)
        return redirect("panels_admin:recruitment", study.pk)
    invitations = study.invitations.select_related("member").order_by("status", "pk")
    tally = recruitment.invitation_tally(study)
    matching = recruitment.match_count(recruitment=study)
    return TemplateResponse(request, "panels/admin/recruitment_detail.html", _context(
        study.title, study=study, shortlist_form=shortlist_form, invitations=invitations,
        shortlisted=tally.shortlisted, criteria=_criteria_labels(study),
        matching=recruitment_text.matching_sentence(
            matching, cap_days=settings.PANEL_CONTACT_CAP_DAYS),
        invitation_sentences=recruitment_text.invitation_sentences(tally),
        paid=study.invitations.aggregate(payments=Sum("payment_made"),
                                         expenses=Sum("expenses_paid")),
    ))  # fmt: skip


@require_http_methods(["GET", "POST"])
def invitation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an invitee's answer (if given another way), attendance and payments."""
    queryset = Invitation.objects.select_related("recruitment__service", "member")
    invite = get_object_or_404(request.user, queryset, pk, recruitment.MAY_RECRUIT,
                               service_field="recruitment__service")  # fmt: skip
    form = InvitationForm(request.POST or None, instance=invite)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(user=request.user, action="panel.invitation_updated", obj=invite,
               service=invite.recruitment.service,
               detail=f"recruitment {invite.recruitment_id}: {invite.status}")  # fmt: skip
        return redirect("panels_admin:recruitment", invite.recruitment_id)
    return TemplateResponse(request, "panels/admin/invitation_form.html", _context(
        f"Invitation {str(invite.reference)[:8]}", form=form, invitation=invite,
    ))  # fmt: skip


# --- representation ------------------------------------------------------------------------


def _representation(request, *, title: str, members, back_url: str, back_label: str):
    breakdowns, counted = representation.breakdowns(members)
    return TemplateResponse(request, "panels/admin/representation.html", _context(
        title, breakdowns=breakdowns, counted=representation.show_count(counted),
        note=representation.SUPPRESSION_NOTE, gap_points=representation.GAP_POINTS,
        back_url=back_url, back_label=back_label,
        charts=[charts.representation_chart(b) for b in breakdowns],
    ))  # fmt: skip


def panel_representation(request: HttpRequest, panel_id: int) -> HttpResponse:
    """A panel's confirmed members beside the population."""
    _require_researcher(request)
    panel = _panel_or_404(request, panel_id)
    members = PanelMember.objects.confirmed().filter(panel=panel)
    return _representation(request, title=f"Who is on {panel.title}", members=members,
                           back_url=reverse("panels_admin:members", args=[panel.pk]),
                           back_label=f"Members of {panel.title}")  # fmt: skip


def shortlist_representation(request: HttpRequest, pk: int) -> HttpResponse:
    """A recruitment's shortlist (everyone on it, whatever their answer) beside the population."""
    study = _recruitment_or_404(request, pk)
    members = PanelMember.objects.filter(invitations__recruitment=study)
    return _representation(request, title=f"Who is on the shortlist of {study.title}",
                           members=members,
                           back_url=reverse("panels_admin:recruitment", args=[study.pk]),
                           back_label=study.title)  # fmt: skip


@require_http_methods(["GET", "POST"])
def population_figures(request: HttpRequest) -> HttpResponse:
    """Administrators upload local population figures (CSV) or go back to the census."""
    if not is_administrator(request.user):
        raise PermissionDenied
    form = PopulationUploadForm()
    errors: list[str] = []
    if request.method == "POST" and request.POST.get("action") == "reset":
        representation.clear_local_figures()
        record(user=request.user, action="panel.population_reset")
        messages.success(request, "Local figures removed: the census figures are used.")
        return redirect("panels_admin:population")
    if request.method == "POST":
        form = PopulationUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = representation.parse_population_csv(form.cleaned_data["file"].read())
            errors = result.errors
            if not errors:
                source = form.cleaned_data["source"]
                saved = representation.save_local_figures(figures=result.figures, source=source)
                record(user=request.user, action="panel.population_uploaded",
                       detail=f"{saved} figures")  # fmt: skip
                messages.success(request, f"{saved} local figures saved.")
                return redirect("panels_admin:population")
    figures = representation.population()
    tables = [(d, figures.get(name, ({}, ""))) for name, d in representation.DIMENSIONS.items()]
    return TemplateResponse(request, "panels/admin/population.html", _context(
        "Population figures", form=form, errors=errors, tables=tables,
    ))  # fmt: skip
