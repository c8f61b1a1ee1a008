from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Patient and carer feedback, from the form to the daily rollups."""

    name = "feedback"
    verbose_name = "Feedback"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the signals that keep the cached form definitions up to date.
        import feedback.form_definitions  # noqa: F401
