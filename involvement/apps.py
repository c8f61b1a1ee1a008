from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    """Insight boards, published performance, open data, exports and FHIR for each service."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "involvement"
    verbose_name = "Insight and performance"
