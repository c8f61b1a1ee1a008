"""Audit every sign-in, sign-out, failed sign-in and lockout (issue 10 item 7)."""

import time

from axes.signals import user_locked_out

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.middleware import SIGNED_IN_AT
from website import audit


def _account_named(username) -> object | None:
    if not username:
        return None
    model = get_user_model()
    return model.objects.filter(**{model.USERNAME_FIELD: username}).first()


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def signed_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()
    audit.record(user=user, action="login.succeeded", obj=user)


@receiver(user_logged_out, dispatch_uid="accounts.signed_out")
def signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(user=user, action="logout", obj=user)


@receiver(user_login_failed, dispatch_uid="accounts.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # The username itself stays out of the trail; the account, if there is one, is the object.
    account = _account_named(credentials.get(get_user_model().USERNAME_FIELD))
    audit.record(user=None, action="login.failed", obj=account, outcome="refused")


@receiver(user_locked_out, dispatch_uid="accounts.locked_out")
def locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    audit.record(user=None, action="login.locked", obj=_account_named(username), outcome="refused")
