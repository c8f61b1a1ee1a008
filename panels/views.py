"""Public panel pages: the member's own pages reached by a signed link in an email (joining:
panels.sign_up_views).

A forged, altered or expired link shows one clear page and changes nothing.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from panels import recruitment, retention, services
from panels.choices import AgeBand, ContactMethod, MemberStatus, WayToTakePart, ways_from_bits
from panels.forms import AnswerForm, DetailsForm
from panels.models import PanelMember
from panels.sign_up_views import member_page, panel_service_choices


def _link_problem(request: HttpRequest) -> HttpResponse:
    return member_page(request, "panels/link_problem.html", {}, status=404)


def _member(token: str, *, salt: str) -> PanelMember | None:
    max_age = services.CONFIRM_MAX_AGE if salt == services.CONFIRM_SALT else (
        services.MANAGE_MAX_AGE
    )  # fmt: skip
    return services.member_from_token(token, salt=salt, max_age=max_age)


def manage_url(member: PanelMember) -> str:
    """The path of a member's own page (signed)."""
    return reverse("panels:manage", args=[services.link_token(member, salt=services.MANAGE_SALT)])


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm an email address: a button, so a mail scanner opening the link confirms nothing."""
    member = _member(token, salt=services.CONFIRM_SALT)
    if member is None:
        return _link_problem(request)
    context = {"panel": member.panel, "member": member}
    if request.method == "POST":
        services.confirm(member=member)
        return member_page(
            request, "panels/confirmed.html", context | {"manage_url": manage_url(member)}
        )
    if member.status != MemberStatus.PENDING:
        return HttpResponseRedirect(manage_url(member))
    return member_page(request, "panels/confirm.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """A member's own page: what we hold, and pausing or resuming."""
    member = _member(token, salt=services.MANAGE_SALT)
    if member is None:
        return _link_problem(request)
    if member.status == MemberStatus.PENDING:
        confirm_token = services.link_token(member, salt=services.CONFIRM_SALT)
        return HttpResponseRedirect(reverse("panels:confirm", args=[confirm_token]))
    if request.method == "POST" and request.POST.get("action") in ("pause", "resume"):
        services.set_paused(member=member, paused=request.POST["action"] == "pause")
        return HttpResponseRedirect(request.path)
    contact = services.read_contact(member)
    form = DetailsForm(initial=DetailsForm.initial_for(
        contact=contact, details=services.read_details(member), member=member,
    ))  # fmt: skip
    labels = dict(WayToTakePart.choices)
    context = {"panel": member.panel, "member": member, "token": token, "form": form,
               "email": contact["email"], "paused": member.status == MemberStatus.PAUSED,
               "member_contact_method": ContactMethod(contact["contact_method"]).label,
               "ways": [labels[w] for w in ways_from_bits(member.ways)]}  # fmt: skip
    return member_page(request, "panels/manage.html", context)


@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def update(request: HttpRequest, token: str) -> HttpResponse:
    """A member changes what they told us."""
    member = _member(token, salt=services.MANAGE_SALT)
    if member is None or member.status == MemberStatus.PENDING:
        return _link_problem(request)
    service_choices = panel_service_choices(member.panel)
    if request.method == "POST":
        form = DetailsForm(request.POST, services=service_choices)
        if form.is_valid() and form.cleaned_data["age_band"] == AgeBand.UNDER_16:
            form.add_error("age_band", _("You must be 16 or over to be on a panel"))
        if form.is_valid():
            contact = form.contact(email=services.read_contact(member)["email"])
            services.update_member(member=member, contact=contact, about=form.about())
            return HttpResponseRedirect(reverse("panels:manage", args=[token]) + "?updated=1")
    else:
        form = DetailsForm(services=service_choices, initial=DetailsForm.initial_for(
            contact=services.read_contact(member), details=services.read_details(member),
            member=member,
        ))  # fmt: skip
    context = {"panel": member.panel, "member": member, "token": token, "form": form}
    return member_page(request, "panels/update.html", context)


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """Leave the panel: a confirmation page, then everything but the consent record is gone."""
    member = _member(token, salt=services.MANAGE_SALT)
    if member is None:
        return _link_problem(request)
    panel = member.panel
    if request.method == "POST":
        services.withdraw(member=member)
        return member_page(request, "panels/withdrawn.html", {"panel": panel})
    return member_page(request, "panels/withdraw.html", {"panel": panel, "token": token})


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitee says yes or no from the link in their invitation, without an account."""
    invite = recruitment.invitation_from_token(token)
    if invite is None:
        return _link_problem(request)
    context = {"invitation": invite, "study": invite.recruitment, "panel": invite.member.panel,
               "open": recruitment.may_answer(invite),
               "manage_url": manage_url(invite.member)}  # fmt: skip
    form = AnswerForm()
    if request.method == "POST" and context["open"]:
        form = AnswerForm(request.POST)
        if form.is_valid():
            recruitment.answer(invitation=invite, accept=form.cleaned_data["answer"] == "yes")
            return member_page(request, "panels/invitation_answered.html", context)
    return member_page(request, "panels/invitation.html", context | {"form": form})


@require_http_methods(["GET", "POST"])
def renew(request: HttpRequest, token: str) -> HttpResponse:
    """A member renews their consent from the link in a renewal warning."""
    member = _member(token, salt=services.MANAGE_SALT)
    if member is None or member.status == MemberStatus.PENDING:
        return _link_problem(request)
    context = {"panel": member.panel, "member": member, "token": token}
    if request.method == "POST":
        retention.renew_consent(member=member)
        return member_page(request, "panels/renewed.html", context)
    return member_page(request, "panels/renew.html", context)
