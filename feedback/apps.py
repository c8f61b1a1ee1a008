from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Patient and carer feedback, from the form to the daily rollups."""

    name = "feedback"
    verbose_name = "Feedback"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the one receiver that tells cached public forms a service or form changed.
        import feedback.live_services  # noqa: F401
