"""The one way to write the audit trail: who did what to which object, and when."""

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

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


# The design's retention for the audit log; the PostgreSQL trigger (migration 0007) allows the
# deletion of rows older than this and nothing else.
RETENTION_YEARS = 6


def retention_cutoff(*, now: datetime | None = None) -> datetime:
    """Events before this moment are past retention (a day inside the trigger's own rule)."""
    day_before = (now or timezone.now()) - timedelta(days=1)
    if (day_before.month, day_before.day) == (2, 29):
        day_before -= timedelta(days=1)  # 29 February has no twin six years on
    return day_before.replace(year=day_before.year - RETENTION_YEARS)


def delete_expired_events(*, now: datetime | None = None) -> int:
    """Delete audit events past retention; the only deletion of them the application makes."""
    deleted, _ = AuditEvent.objects.filter(at__lt=retention_cutoff(now=now)).delete()
    return deleted
