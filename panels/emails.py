"""The emails a panel sends its members; every one carries the link to their own page.

Each is written in the member's language (the pages they signed up on), its links to pages in
that language: /cy/ addresses for Welsh.
"""

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from panels import recruitment, retention, services
from panels.choices import MemberStatus
from panels.models import PanelMember


def one_line(text: str) -> str:
    """Text safe for a header: no line breaks (a page title could otherwise add headers)."""
    return " ".join(text.split())


def _links(member: PanelMember) -> dict:
    confirm = services.link_token(member, salt=services.CONFIRM_SALT)
    manage = services.link_token(member, salt=services.MANAGE_SALT)
    return {"confirm_url": _absolute("panels:confirm", confirm),
            "manage_url": _absolute("panels:manage", manage),
            "withdraw_url": _absolute("panels:withdraw", manage)}  # fmt: skip


def _absolute(view: str, token: str) -> str:
    """The full address of a member's link, in the active language (/cy/... for Welsh)."""
    return settings.SITE_BASE_URL.rstrip("/") + reverse(view, args=[token])


def _send(member: PanelMember, *, subject: str, template: str, connection=None, **extra) -> None:
    """Render and send one email in the active language; `subject` is a msgid marked with
    gettext_noop, formatted with the panel's and any study's title."""
    contact = services.read_contact(member)
    # The panel page in the email's language, when it has a live translation.
    panel = member.panel.localized
    context = {"member": member, "panel": panel, "name": contact["name"],
               "organisation": settings.ORGANISATION_NAME, **_links(member), **extra}  # fmt: skip
    body = render_to_string(template, context)
    study = extra.get("study")
    subject = _(subject) % {"panel": panel.title, "study": study.title if study else ""}
    send_mail(one_line(subject), body, settings.DEFAULT_FROM_EMAIL, [contact["email"]],
              fail_silently=False, connection=connection)  # fmt: skip


def _member(member_id: int) -> PanelMember | None:
    return PanelMember.objects.select_related("panel").filter(pk=member_id).first()


def send_confirmation(*, member_id: int, language: str = "") -> bool:
    """Ask a new member to confirm their address, in `language` (else the one they signed up
    in); False if they are gone or already confirmed."""
    member = _member(member_id)
    if member is None:
        return False
    if member.status != MemberStatus.PENDING:
        return send_already_member(member_id=member_id, language=language)
    with translation.override(language or member.language):
        _send(member, subject=gettext_noop("Confirm you want to join: %(panel)s"),
              template="panels/email/confirm.txt")  # fmt: skip
    return True


def send_already_member(*, member_id: int, language: str = "") -> bool:
    """Tell someone who signed up again, in the language they used this time, that they are
    already a member, with their own link."""
    member = _member(member_id)
    if member is None:
        return False
    with translation.override(language or member.language):
        _send(member, subject=gettext_noop("You are already on: %(panel)s"),
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
                with translation.override(invitation.member.language):
                    answer_url = _absolute("panels:invitation",
                                           recruitment.answer_token(invitation))  # fmt: skip
                    _send(invitation.member,
                          subject=gettext_noop("An invitation to take part: %(study)s"),
                          template="panels/email/invitation.txt", connection=connection,
                          study=invitation.recruitment, answer_url=answer_url)  # fmt: skip
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
        with translation.override(member.language):
            renew = services.link_token(member, salt=services.MANAGE_SALT)
            _send(member, subject=gettext_noop("Stay on %(panel)s: renew your consent"),
                  template="panels/email/renewal_warning.txt",
                  lapses_on=retention.lapses_at(member.consent_renewed_at),
                  renew_url=_absolute("panels:renew", renew))  # fmt: skip
    except BaseException:
        retention.release_warning(member_id=member_id, level=level)
        raise
    return True
