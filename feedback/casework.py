"""Safeguarding casework: each flagged response is a case a named safeguarding lead owns.

A case moves new -> acknowledged -> referred -> closed (or "not a safeguarding concern"), can be
reopened, and keeps its history in CaseEvent; every change is also written to the audit trail
(without the note, which may describe a person).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from feedback.choices import (
    CLOSING_STATUSES,
    OPEN_CASE_STATUSES,
    CaseAction,
    SafeguardingStatus,
)
from feedback.models import CaseEvent, Feedback
from website import audit
from website.choices import ServiceRoleName


class CaseError(ValueError):
    """A change a case cannot take (a closed case, an owner who is not a lead, no confirmation)."""


def case_owner_choices(*, service_id: int) -> QuerySet:
    """The active safeguarding leads of the service: the people a case can be assigned to."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            service_roles__service_id=service_id,
            service_roles__role=ServiceRoleName.SAFEGUARDING_LEAD,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def next_statuses(status: str) -> list[SafeguardingStatus]:
    """The statuses an open case can move to; a closed one must be reopened first."""
    if status not in OPEN_CASE_STATUSES:
        return []
    return [s for s in SafeguardingStatus if s not in (SafeguardingStatus.NOT_FLAGGED, status)
            and s != SafeguardingStatus.NEW]  # fmt: skip


def _name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


def _event(
    feedback: Feedback, user, action: str, *, detail: str = "", shown: str = "", note: str = ""
) -> None:
    """One history entry (`shown` to staff, with the note) and one audit event (`detail`)."""
    CaseEvent.objects.create(feedback=feedback, user=user, action=action,
                             status=feedback.safeguarding_status, detail=shown[:200],
                             note=note)  # fmt: skip
    audit.record(user=user, action=f"case.{action}", obj=feedback, service=feedback.service,
                 detail=detail)  # fmt: skip


def update_case(
    *,
    feedback: Feedback,
    user: AbstractBaseUser,
    status: str = "",
    owner: AbstractBaseUser | None = None,
    reference: str | None = None,
    note: str = "",
    confirmed: bool = False,
) -> list[str]:
    """Apply what a safeguarding lead changed on an open case; returns what changed.

    Closing (closed, or not a safeguarding concern) needs `confirmed`: the screen asks first.
    """
    with transaction.atomic():
        case = Feedback.objects.select_for_update().select_related("service").get(pk=feedback.pk)
        if case.safeguarding_status not in OPEN_CASE_STATUSES:
            raise CaseError("This case is closed: reopen it to change it.")
        if status and status != case.safeguarding_status:
            if status not in next_statuses(case.safeguarding_status):
                raise CaseError("Choose a status from the list.")
            if status in CLOSING_STATUSES and not confirmed:
                raise CaseError("Confirm that you want to close this case.")
        if (
            owner is not None
            and not case_owner_choices(service_id=case.service_id).filter(pk=owner.pk).exists()
        ):
            raise CaseError("The owner must be a safeguarding lead of this service.")
        changed = []
        if owner is not None and owner.pk != case.case_owner_id:
            case.case_owner = owner
            changed.append("owner")
            _event(case, user, CaseAction.ASSIGNED, detail=f"owner user {owner.pk}",
                   shown=_name(owner))  # fmt: skip
        if reference is not None and reference.strip() != case.case_reference:
            case.case_reference = reference.strip()
            changed.append("reference")
            _event(case, user, CaseAction.REFERENCE, detail=f"reference {case.case_reference}",
                   shown=case.case_reference or "removed")  # fmt: skip
        if status and status != case.safeguarding_status:
            before = case.safeguarding_status
            case.safeguarding_status = status
            if case.case_acknowledged_at is None:
                # Any decision on a new case shows a person has read it.
                case.case_acknowledged_at = timezone.now()
            changed.append("status")
            _event(case, user, CaseAction.STATUS, detail=f"{before} -> {status}", note=note)
        elif note.strip():
            changed.append("note")
            _event(case, user, CaseAction.NOTE, note=note.strip())
        case.save(update_fields=["case_owner", "case_reference", "safeguarding_status",
                                 "case_acknowledged_at"])  # fmt: skip
    _copy_case(case, feedback)
    return changed


def reopen_case(*, feedback: Feedback, user: AbstractBaseUser, note: str = "") -> bool:
    """Reopen a closed case as acknowledged (someone has read it); False if it was open."""
    with transaction.atomic():
        case = Feedback.objects.select_for_update().select_related("service").get(pk=feedback.pk)
        if case.safeguarding_status not in CLOSING_STATUSES:
            return False
        before = case.safeguarding_status
        case.safeguarding_status = SafeguardingStatus.ACKNOWLEDGED
        case.save(update_fields=["safeguarding_status"])
        _event(case, user, CaseAction.REOPENED, detail=f"{before} -> acknowledged", note=note)
    _copy_case(case, feedback)
    return True


def _copy_case(case: Feedback, feedback: Feedback) -> None:
    for name in ("safeguarding_status", "case_owner_id", "case_reference", "case_acknowledged_at"):
        setattr(feedback, name, getattr(case, name))
