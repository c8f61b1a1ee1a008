"""Per-service permissions: the one place every staff view, export and API asks.

Another service's object answers 404, not 403, so staff cannot learn what exists elsewhere.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, QuerySet
from django.http import Http404

from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.models import ServicePage, ServiceRole

ALL_ROLES = tuple(ServiceRoleName)

# Role sets, named for what they allow on a service; administrators may do all of it.
MAY_READ_BOARDS = ALL_ROLES
MAY_EXPORT = (ServiceRoleName.SERVICE_LEAD,)
# Leads compare their services with every other: aggregates only, no comments.
MAY_SEE_OVERVIEW = (ServiceRoleName.SERVICE_LEAD,)
MAY_MODERATE = (ServiceRoleName.SERVICE_LEAD, ServiceRoleName.SAFEGUARDING_LEAD)
MAY_ACT_ON_SAFEGUARDING = (ServiceRoleName.SAFEGUARDING_LEAD, ServiceRoleName.SERVICE_LEAD)
MAY_EDIT_FEEDBACK_FORMS = (ServiceRoleName.EDITOR, ServiceRoleName.SERVICE_LEAD)


def is_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Administrators (and superusers) act on every service."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Asked many times while one page is built; the user object lives for one request.
    cached = getattr(user, "_involve_is_administrator", None)
    if cached is None:
        cached = user.groups.filter(name=ADMINISTRATOR_GROUP).exists()
        user._involve_is_administrator = cached
    return cached


def _roles_by_service(user: AbstractBaseUser) -> dict[int, set[str]]:
    # Asked by every menu item and view while one page is built; the user object lives for one
    # request, like the administrator flag above.
    cached = getattr(user, "_involve_roles_by_service", None)
    if cached is None:
        cached = {}
        for service_id, role in ServiceRole.objects.filter(user=user).values_list(
            "service_id", "role"
        ):
            cached.setdefault(service_id, set()).add(role)
        user._involve_roles_by_service = cached
    return cached


def holds_any_role(
    user: AbstractBaseUser | AnonymousUser, roles: Iterable[str] = ALL_ROLES
) -> bool:
    """Whether the user holds one of `roles` on some service (administrators: always)."""
    if is_administrator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    wanted = set(roles)
    return any(held & wanted for held in _roles_by_service(user).values())


def may_see_overview(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Administrators and service leads see every service side by side (aggregates only)."""
    return holds_any_role(user, MAY_SEE_OVERVIEW)


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
    services = ServicePage.objects.all()
    return services if ids is None else services.filter(id__in=ids)


def has_service_role(
    user: AbstractBaseUser | AnonymousUser,
    service: ServicePage | int,
    roles: Iterable[str] = ALL_ROLES,
) -> bool:
    """Whether the user holds one of `roles` on the service."""
    service_id = service if isinstance(service, int) else service.pk
    if is_administrator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(_roles_by_service(user).get(service_id, set()) & set(roles))


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
