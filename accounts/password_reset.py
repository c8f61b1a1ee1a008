"""Wagtail's password reset, with its email sent by a Celery worker (the `email` queue).

Only the account's id goes through the broker; the worker makes the one-time link itself, so no
reset token ever sits in Redis.
"""

import logging

from celery import current_app
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.admin.forms.auth import PasswordResetForm

logger = logging.getLogger(__name__)

RESET_TASK = "accounts.tasks.send_password_reset"
SUBJECT_TEMPLATE = "wagtailadmin/account/password_reset/email_subject.txt"
BODY_TEMPLATE = "wagtailadmin/account/password_reset/email.txt"


class QueuedPasswordResetForm(PasswordResetForm):
    """Wagtail's form; `save` queues one email per matching account instead of sending it."""

    def save(self, *args, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            transaction.on_commit(lambda user_id=user.pk: enqueue_password_reset(user_id))


def enqueue_password_reset(user_id: int) -> bool:
    """Queue the reset email; False (and one log line) if the broker is down."""
    try:
        current_app.signature(RESET_TASK, args=(user_id,)).apply_async()
    except (KombuOperationalError, RedisError, OSError) as exc:
        logger.warning("Password reset email not queued (%s)", type(exc).__name__)
        return False
    return True


def send_password_reset(*, user_id: int) -> bool:
    """Send the reset email to one account, if it may still reset its password."""
    user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return False
    context = {
        "email": user.email,
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "domain": settings.SITE_BASE_URL.split("://", 1)[-1],
        "site_name": settings.WAGTAIL_SITE_NAME,
        "protocol": settings.SITE_BASE_URL.split("://", 1)[0],
    }
    PasswordResetForm().send_mail(
        SUBJECT_TEMPLATE, BODY_TEMPLATE, context, settings.DEFAULT_FROM_EMAIL, user.email
    )
    return True
