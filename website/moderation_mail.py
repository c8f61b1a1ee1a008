"""Email a page's approvers when it is submitted to the service-lead moderation task.

Wagtail emails the groups of its own group approval task; this does the same for
ServiceLeadApprovalTask, whose approvers come from the page's service roles.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier, Notifier
from wagtail.models import TaskState

from website.models import ServiceLeadApprovalTask


class ServiceLeadSubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted for moderation" email, sent to the service's leads."""

    def can_handle(self, instance, **kwargs):
        return Notifier.can_handle(self, instance, **kwargs) and isinstance(
            instance.task.specific, ServiceLeadApprovalTask
        )

    def get_recipient_users(self, task_state: TaskState, **kwargs):
        recipients = task_state.task.specific.approvers(task_state.workflow_state.content_object)
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            recipients = recipients | get_user_model().objects.filter(is_superuser=True)
        if user := kwargs.get("user"):
            recipients = recipients.exclude(pk=user.pk)
        return recipients


submission_notifier = ServiceLeadSubmissionEmailNotifier()
