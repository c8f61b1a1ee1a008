from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff sign-in: second factor, lockout, session limits, and the audit of each sign-in."""

    name = "accounts"
    verbose_name = "Staff sign-in"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401 - connects its receivers
