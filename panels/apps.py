from django.apps import AppConfig


class PanelsConfig(AppConfig):
    """Patient and carer panels: people who join to take part in research and involvement."""

    name = "panels"
    verbose_name = "Patient and carer panels"
    default_auto_field = "django.db.models.BigAutoField"
