"""The one way to write the audit trail: who did what to which object, and when."""

from django.db import models

from website.models import AuditEvent, ServicePage


def record(
    *,
    user,
    action: str,
    obj: models.Model | None = None,
    service: ServicePage | None = None,
    outcome: str = "ok",
    detail: str = "",
) -> AuditEvent:
    """Append one audit event; `detail` names the action's scope, never personal data."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AuditEvent.objects.create(
        user=user,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        service=service,
        outcome=outcome,
        detail=detail[:200],
    )
