"""The emails a panel sends its members; every one carries the link to their own page."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from panels import services
from panels.choices import MemberStatus
from panels.models import PanelMember


def one_line(text: str) -> str:
    """Text safe for a header: no line breaks (a page title could otherwise add headers)."""
    return " ".join(text.split())


def _links(member: PanelMember) -> dict:
    base = settings.SITE_BASE_URL.rstrip("/")
    confirm = services.link_token(member, salt=services.CONFIRM_SALT)
    manage = services.link_token(member, salt=services.MANAGE_SALT)
    return {"confirm_url": base + reverse("panels:confirm", args=[confirm]),
            "manage_url": base + reverse("panels:manage", args=[manage]),
            "withdraw_url": base + reverse("panels:withdraw", args=[manage])}  # fmt: skip


def _send(member: PanelMember, *, subject: str, template: str) -> None:
    contact = services.read_contact(member)
    context = {"member": member, "panel": member.panel, "name": contact["name"],
               "organisation": settings.ORGANISATION_NAME, **_links(member)}  # fmt: skip
    body = render_to_string(template, context)
    send_mail(one_line(subject), body, settings.DEFAULT_FROM_EMAIL, [contact["email"]],
              fail_silently=False)  # fmt: skip


def send_confirmation(*, member_id: int) -> bool:
    """Ask a new member to confirm their address; False if they are gone or already confirmed."""
    member = PanelMember.objects.select_related("panel").filter(pk=member_id).first()
    if member is None:
        return False
    if member.status != MemberStatus.PENDING:
        return send_already_member(member_id=member_id)
    _send(member, subject=f"Confirm you want to join: {member.panel.title}",
          template="panels/email/confirm.txt")  # fmt: skip
    return True


def send_already_member(*, member_id: int) -> bool:
    """Tell someone who signed up again that they are already a member, with their own link."""
    member = PanelMember.objects.select_related("panel").filter(pk=member_id).first()
    if member is None:
        return False
    _send(member, subject=f"You are already on: {member.panel.title}",
          template="panels/email/already_member.txt")  # fmt: skip
    return True
