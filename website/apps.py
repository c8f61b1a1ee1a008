from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The site itself; connects the signals that keep page rights in step with roles."""

    name = "website"

    def ready(self) -> None:
        from website import page_rights  # noqa: F401 - connects its receivers
