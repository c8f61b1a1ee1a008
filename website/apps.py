from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The site itself; connects the signals that keep page rights in step with roles and that
    email a page's approvers when it is submitted for moderation."""

    name = "website"

    def ready(self) -> None:
        from wagtail.models import TaskState
        from wagtail.signals import task_submitted

        from website import page_rights  # noqa: F401 - connects its receivers
        from website.moderation_mail import submission_notifier

        task_submitted.connect(submission_notifier, sender=TaskState,
                               dispatch_uid="service_lead_task_submitted_email")  # fmt: skip
