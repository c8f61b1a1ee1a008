from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Patient and carer feedback, from the form to the daily rollups."""

    name = "feedback"
    verbose_name = "Feedback"
    default_auto_field = "django.db.models.BigAutoField"
