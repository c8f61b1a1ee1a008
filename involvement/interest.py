"""Registering interest in an opportunity: the details someone gives and their confirmation.

Details are encrypted at rest, decrypted only for the person's own emails and for an audited
view by a researcher of the opportunity's service (involvement.interest_staff), and deleted
INTEREST_RETENTION_DAYS after the opportunity ends. The opportunity page's `register/` route
asks this module, so it reaches the rows through the opportunity and imports no models.
"""

import logging
from dataclasses import dataclass

from celery import current_app

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.crypto import salted_hmac

from wagtail.models import Page

from feedback.queue import BROKER_ERRORS
from website.choices import Language
from website.crypto import decrypt_json, encrypt_json

logger = logging.getLogger(__name__)

# The design's retention for interest: long enough to invite people and follow up afterwards.
INTEREST_RETENTION_DAYS = 90
SEND_CONFIRMATION = "involvement.tasks.send_interest_confirmation"


@dataclass(frozen=True)
class InterestDetails:
    """What someone told us when registering interest; encrypted at rest."""

    name: str
    email: str
    needs: str = ""


def email_key(address: str) -> str:
    """A keyed hash that is the same for one mailbox however its letters are cased."""
    return salted_hmac(
        "involvement.interest", address.strip().lower(), algorithm="sha256"
    ).hexdigest()


def queue_email(task_name: str, interest_id: int, *args: str) -> None:
    """Queue one email about an interest; with the broker down the page still answers."""
    try:
        current_app.signature(task_name, args=(interest_id, *args)).apply_async()
    except BROKER_ERRORS as exc:
        # The person sees the same page; registering again sends the email again.
        logger.warning(
            "Broker unavailable (%s); %s for interest %s not sent",
            type(exc).__name__,
            task_name.rsplit(".", 1)[-1],
            interest_id,
        )


def register_interest(
    *, opportunity: Page, details: InterestDetails, language: str = Language.ENGLISH
) -> Model:
    """Store someone's interest (once per address) and queue their confirmation email, in
    `language`: the language of the page the form was on.

    A second registration with the same address changes nothing and sends the email again, so
    the page shown never tells anyone whether an address was already registered.
    """
    key = email_key(details.email)
    existing = opportunity.interest.filter(email_key=key).first()
    if existing is None:
        try:
            with transaction.atomic():
                existing = opportunity.interest.create(
                    email_key=key, contact=encrypt_json(details.__dict__),
                    language=language,
                )  # fmt: skip
        except IntegrityError:  # the same registration twice at once: the first one stands
            existing = opportunity.interest.get(email_key=key)
    interest_id = existing.pk
    transaction.on_commit(lambda: queue_email(SEND_CONFIRMATION, interest_id, language))
    return existing


def read_details(interest: Model) -> InterestDetails:
    """The person's details, decrypted (for their own emails or an audited view)."""
    return InterestDetails(**decrypt_json(interest.contact))
