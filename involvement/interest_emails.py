"""The emails someone who registered interest gets: a confirmation, then any invitation."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from involvement.interest import INTEREST_RETENTION_DAYS, read_details
from involvement.models import Interest
from panels.emails import one_line


def _send(interest: Interest, *, subject: str, template: str) -> None:
    """Render and send one email in the active language; `subject` is a msgid marked with
    gettext_noop, formatted with the opportunity's title."""
    details = read_details(interest)
    # The opportunity page in the email's language, when it has a live translation.
    opportunity = interest.opportunity.localized
    context = {
        "name": details.name,
        "opportunity": opportunity,
        "opportunity_url": settings.SITE_BASE_URL.rstrip("/") + opportunity.url,
        "organisation": settings.ORGANISATION_NAME,
        "interest": interest,
        "retention_days": INTEREST_RETENTION_DAYS,
    }
    body = render_to_string(template, context)
    subject = _(subject) % {"title": opportunity.title}
    send_mail(
        one_line(subject), body, settings.DEFAULT_FROM_EMAIL, [details.email], fail_silently=False
    )


def _interest(interest_id: int) -> Interest | None:
    return Interest.objects.select_related("opportunity").filter(pk=interest_id).first()


def send_confirmation(*, interest_id: int, language: str = "") -> bool:
    """Tell someone their interest is registered and what happens next, in `language` (else
    the one they first registered in); False if it is gone."""
    interest = _interest(interest_id)
    if interest is None:
        return False
    with translation.override(language or interest.language):
        _send(
            interest,
            subject=gettext_noop("You registered interest: %(title)s"),
            template="involvement/email/interest_confirmation.txt",
        )
    return True


def send_invitation(*, interest_id: int) -> bool:
    """Send the researcher's invitation once; False if it was sent already or nobody is left."""
    # Claimed before sending, so a task run twice sends once; released again if sending fails.
    claimed = Interest.objects.filter(
        pk=interest_id, invited_at__isnull=False, invitation_sent_at__isnull=True
    )
    if not claimed.update(invitation_sent_at=timezone.now()):
        return False
    interest = _interest(interest_id)
    try:
        with translation.override(interest.language):
            _send(
                interest,
                subject=gettext_noop("An invitation to take part: %(title)s"),
                template="involvement/email/interest_invitation.txt",
            )
    except OSError:  # SMTP errors are OSErrors: the task retries, and must find it unsent
        Interest.objects.filter(pk=interest_id).update(invitation_sent_at=None)
        raise
    return True
