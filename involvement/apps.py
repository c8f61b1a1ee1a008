from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    """Insight boards, published performance, open data, exports and FHIR for each service."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "involvement"
    verbose_name = "Insight and performance"

    def ready(self):
        # Outcome emails: the publish signal, and tasks outside tasks.py (autodiscovery's name).
        from involvement import outcome_signals, outcome_tasks  # noqa: F401
