"""Sign-in security in the admin: the second step's URLs and each account's security page."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.widgets.button import Button

from accounts import urls
from website.permissions import is_administrator


@hooks.register("register_admin_urls")
def register_sign_in_urls():
    return [path("sign-in/", include(urls, namespace="accounts"))]


@hooks.register("register_user_listing_buttons")
def user_security_button(user, request_user):
    """Administrators reach each account's two-factor reset and unlock from the users list."""
    if is_administrator(request_user):
        yield Button(
            "Sign-in security",
            reverse("accounts:user_security", args=[user.pk]),
            icon_name="lock",
            priority=50,
        )
