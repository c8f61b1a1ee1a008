"""The emails a panel sends its members; every one carries the link to their own page."""

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from panels import recruitment, retention, services
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


def _send(member: PanelMember, *, subject: str, template: str, connection=None, **extra) -> None:
    contact = services.read_contact(member)
    context = {"member": member, "panel": member.panel, "name": contact["name"],
               "organisation": settings.ORGANISATION_NAME, **_links(member), **extra}  # fmt: skip
    body = render_to_string(template, context)
    send_mail(one_line(subject), body, settings.DEFAULT_FROM_EMAIL, [contact["email"]],
              fail_silently=False, connection=connection)  # fmt: skip


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


def send_invitations(*, invitation_ids: list[int]) -> int:
    """Email invitations through one connection, each once: claimed before sending, the unsent
    released if sending fails (so a retry sends those), never sent twice. Returns how many."""
    invitations = recruitment.claim_for_sending(invitation_ids)
    sent = 0
    try:
        with get_connection() as connection:
            for invitation in invitations:
                study = invitation.recruitment
                answer_url = settings.SITE_BASE_URL.rstrip("/") + reverse(
                    "panels:invitation", args=[recruitment.answer_token(invitation)]
                )
                _send(invitation.member, subject=f"An invitation to take part: {study.title}",
                      template="panels/email/invitation.txt", connection=connection,
                      study=study, answer_url=answer_url)  # fmt: skip
                sent += 1
    except BaseException:
        recruitment.release_claims([i.pk for i in invitations[sent:]])
        raise
    return sent


def send_renewal_warning(*, member_id: int, level: int) -> bool:
    """Warn a member, once per level, that their consent lapses soon; False if already sent."""
    member = retention.claim_warning(member_id=member_id, level=level)
    if member is None:
        return False
    try:
        _send(member, subject=f"Stay on {member.panel.title}: renew your consent",
              template="panels/email/renewal_warning.txt",
              lapses_on=retention.lapses_at(member.consent_renewed_at),
              renew_url=settings.SITE_BASE_URL.rstrip("/") + reverse(
                  "panels:renew", args=[services.link_token(member, salt=services.MANAGE_SALT)]
              ))  # fmt: skip
    except BaseException:
        retention.release_warning(member_id=member_id, level=level)
        raise
    return True
