"""The site's default moderation workflow: editors submit, the service's leads approve."""

WORKFLOW_NAME = "Service moderation"
TASK_NAME = "Service lead approval"


def create_moderation_workflow(*, models) -> None:
    """Make the service-lead workflow the default for the whole page tree; safe to repeat.

    `models` looks a model up by label, so data migrations can pass their historical models.
    """
    root = models("wagtailcore.Page").objects.filter(depth=1).first()
    if root is None:
        return
    # Historical models do not set their own content type, so it is given here.
    content_type, _ = models("contenttypes.ContentType").objects.get_or_create(
        app_label="website", model="serviceleadapprovaltask"
    )
    task = models("website.ServiceLeadApprovalTask").objects.filter(name=TASK_NAME).first()
    if task is None:
        task = models("website.ServiceLeadApprovalTask").objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    workflow, _ = models("wagtailcore.Workflow").objects.get_or_create(name=WORKFLOW_NAME)
    models("wagtailcore.WorkflowTask").objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )
    models("wagtailcore.WorkflowPage").objects.update_or_create(
        page=root, defaults={"workflow": workflow}
    )
