"""Per-service permissions: the one place every staff view, export, API and admin list asks.

The role matrix (website.role_matrix, asked for here too) is the whole policy (issue 10); the
README's table is that one. Another service's object answers 404, not 403, so staff cannot learn
what exists elsewhere.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, QuerySet
from django.http import Http404

from website.locales import in_default_language
from website.models import ServicePage, ServiceRole
from website.role_matrix import (
    ACT_ON_SAFEGUARDING,
    ADMINISTER,
    ALL_ROLES,
    EDIT_PAGES,
    ENTER_FEEDBACK,
    EXPORT_FREE_TEXT,
    MAY_ACT_ON_SAFEGUARDING,
    MAY_EDIT_FEEDBACK_FORMS,
    MAY_EDIT_PAGES,
    MAY_ENTER_FEEDBACK,
    MAY_EXPORT,
    MAY_EXPORT_FREE_TEXT,
    MAY_MODERATE,
    MAY_PUBLISH_PAGES,
    MAY_READ_BOARDS,
    MAY_READ_FREE_TEXT,
    MAY_RECORD_DECISIONS,
    MAY_RECRUIT,
    MAY_SEE_INTEREST,
    MAY_SEE_MEMBERS,
    MAY_SEE_OVERVIEW,
    PUBLISH_PAGES,
    READ_BOARD,
    READ_FREE_TEXT,
    RECORD_DECISIONS,
    RECRUIT,
    ROLE_MATRIX,
    SEE_INTEREST,
    SEE_OVERVIEW,
    SEE_PANEL_MEMBERS,
    has_service_role,
    holds_any_role,
    is_administrator,
    may,
    may_see_overview,
    roles_by_service,
)

# Callers ask this module for the matrix and the user-only checks too, beside the lookups below.
__all__ = [
    "ACT_ON_SAFEGUARDING",
    "ADMINISTER",
    "ALL_ROLES",
    "EDIT_PAGES",
    "ENTER_FEEDBACK",
    "EXPORT_FREE_TEXT",
    "MAY_ACT_ON_SAFEGUARDING",
    "MAY_EDIT_FEEDBACK_FORMS",
    "MAY_EDIT_PAGES",
    "MAY_ENTER_FEEDBACK",
    "MAY_EXPORT",
    "MAY_EXPORT_FREE_TEXT",
    "MAY_MODERATE",
    "MAY_PUBLISH_PAGES",
    "MAY_READ_BOARDS",
    "MAY_READ_FREE_TEXT",
    "MAY_RECORD_DECISIONS",
    "MAY_RECRUIT",
    "MAY_SEE_INTEREST",
    "MAY_SEE_MEMBERS",
    "MAY_SEE_OVERVIEW",
    "PUBLISH_PAGES",
    "READ_BOARD",
    "READ_FREE_TEXT",
    "RECORD_DECISIONS",
    "RECRUIT",
    "ROLE_MATRIX",
    "SEE_INTEREST",
    "SEE_OVERVIEW",
    "SEE_PANEL_MEMBERS",
    "get_object_or_404",
    "get_service_or_404",
    "has_service_role",
    "holds_any_role",
    "is_administrator",
    "may",
    "may_see_overview",
    "roles_by_service",
    "scope_to_user",
    "service_ids_for",
    "services_for",
]


def service_ids_for(
    user: AbstractBaseUser | AnonymousUser, roles: Iterable[str] = ALL_ROLES
) -> QuerySet | None:
    """IDs of the services the user holds one of `roles` on; None means every service."""
    if is_administrator(user):
        return None
    if not user.is_authenticated or not user.is_active:
        return ServiceRole.objects.none().values_list("service_id", flat=True)
    return (
        ServiceRole.objects.filter(user=user, role__in=list(roles))
        .values_list("service_id", flat=True)
        .distinct()
    )


def services_for(
    user: AbstractBaseUser | AnonymousUser, roles: Iterable[str] = ALL_ROLES
) -> QuerySet[ServicePage]:
    """The services the user may act on in one of `roles`."""
    ids = service_ids_for(user, roles)
    services = in_default_language(ServicePage.objects.all())  # never a page's translation
    return services if ids is None else services.filter(id__in=ids)


def get_service_or_404(
    user: AbstractBaseUser | AnonymousUser, service_id: int | str, roles: Iterable[str] = ALL_ROLES
) -> ServicePage:
    """The service, if the user holds one of `roles` on it; otherwise 404."""
    try:
        pk = int(service_id)
        if not has_service_role(user, pk, roles):
            raise ServicePage.DoesNotExist
        return ServicePage.objects.get(pk=pk)
    except (ServicePage.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such service") from exc


def scope_to_user(
    user: AbstractBaseUser | AnonymousUser,
    queryset: QuerySet,
    roles: Iterable[str] = ALL_ROLES,
    service_field: str = "service",
) -> QuerySet:
    """Limit a queryset of service-owned rows to the services the user holds a role on."""
    ids = service_ids_for(user, roles)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{service_field}_id__in": ids})


def get_object_or_404(
    user: AbstractBaseUser | AnonymousUser,
    queryset: QuerySet,
    pk: int | str,
    roles: Iterable[str] = ALL_ROLES,
    service_field: str = "service",
) -> Model:
    """One service-owned row, if the user holds a role on its service; otherwise 404."""
    try:
        return scope_to_user(user, queryset, roles, service_field).get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found") from exc
