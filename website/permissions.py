"""Per-service permissions: the one place every staff view, export, API and admin list asks.

The role matrix below is the whole policy (issue 10); the README's table is this one. Another
service's object answers 404, not 403, so staff cannot learn what exists elsewhere.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, QuerySet
from django.http import Http404

from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.locales import in_default_language
from website.models import ServicePage, ServiceRole

ALL_ROLES = tuple(ServiceRoleName)
EDITOR = ServiceRoleName.EDITOR
RESEARCHER = ServiceRoleName.RESEARCHER
SERVICE_LEAD = ServiceRoleName.SERVICE_LEAD
SAFEGUARDING_LEAD = ServiceRoleName.SAFEGUARDING_LEAD

# What staff do, in the users' words; each is a row of the role matrix.
EDIT_PAGES = "Edit own services' pages, submit for moderation"
PUBLISH_PAGES = "Publish own services' pages, approve moderation"
READ_BOARD = "Insight board, exports of counts"
EXPORT_FREE_TEXT = "Export of feedback with its comments"
READ_FREE_TEXT = "Free-text comments, feedback list"
ACT_ON_SAFEGUARDING = "Flagged items, contact requests"
ENTER_FEEDBACK = "Staff entry of paper/phone feedback"
SEE_OVERVIEW = "Organisation overview (own services only)"
ADMINISTER = "Roles, users, settings, API tokens, audit trail"
SEE_INTEREST = "People who registered interest in an opportunity, inviting them"
RECORD_DECISIONS = "Decision records, yearly involvement report"
SEE_PANEL_MEMBERS = "Panel members (details audited), panel representation"
RECRUIT = "Recruitment (match, shortlist, invite, attendance, payments)"

# The role matrix: which roles may do each thing on the services they hold that role on.
# Administrators (and superusers) may do every row on every service and are not listed.
#                     Editor  Researcher  Service lead  Safeguarding lead
ROLE_MATRIX: dict[str, tuple[ServiceRoleName, ...]] = {
    EDIT_PAGES:          (EDITOR,             SERVICE_LEAD),
    PUBLISH_PAGES:       (                    SERVICE_LEAD,),
    READ_BOARD:          (        RESEARCHER, SERVICE_LEAD),
    EXPORT_FREE_TEXT:    (                    SERVICE_LEAD,),
    READ_FREE_TEXT:      (                    SERVICE_LEAD, SAFEGUARDING_LEAD),
    ACT_ON_SAFEGUARDING: (                                  SAFEGUARDING_LEAD,),
    ENTER_FEEDBACK:      (EDITOR,             SERVICE_LEAD),
    SEE_OVERVIEW:        (                    SERVICE_LEAD,),
    ADMINISTER:          (),
    SEE_INTEREST:        (        RESEARCHER,),
    RECORD_DECISIONS:    (        RESEARCHER, SERVICE_LEAD),
    SEE_PANEL_MEMBERS:   (        RESEARCHER,),
    RECRUIT:             (        RESEARCHER,),
}  # fmt: skip

# The role sets views pass to the helpers below, named for what they allow.
MAY_EDIT_PAGES = ROLE_MATRIX[EDIT_PAGES]
MAY_PUBLISH_PAGES = ROLE_MATRIX[PUBLISH_PAGES]
MAY_READ_BOARDS = ROLE_MATRIX[READ_BOARD]
MAY_EXPORT = ROLE_MATRIX[READ_BOARD]  # counts only: the FFT return
MAY_EXPORT_FREE_TEXT = ROLE_MATRIX[EXPORT_FREE_TEXT]
MAY_READ_FREE_TEXT = ROLE_MATRIX[READ_FREE_TEXT]
# Hiding and re-theming a response is part of reading the feedback list.
MAY_MODERATE = ROLE_MATRIX[READ_FREE_TEXT]
MAY_ACT_ON_SAFEGUARDING = ROLE_MATRIX[ACT_ON_SAFEGUARDING]
MAY_SEE_CONTACT_REQUESTS = ROLE_MATRIX[ACT_ON_SAFEGUARDING]
MAY_ENTER_FEEDBACK = ROLE_MATRIX[ENTER_FEEDBACK]
MAY_SEE_OVERVIEW = ROLE_MATRIX[SEE_OVERVIEW]
MAY_SEE_INTEREST = ROLE_MATRIX[SEE_INTEREST]
MAY_RECORD_DECISIONS = ROLE_MATRIX[RECORD_DECISIONS]
# Panels: members of the panels that recruit for a service (organisation-wide panels recruit for
# every service), and recruitment for that service.
MAY_SEE_MEMBERS = ROLE_MATRIX[SEE_PANEL_MEMBERS]
MAY_RECRUIT = ROLE_MATRIX[RECRUIT]
# A service's feedback form is part of its pages.
MAY_EDIT_FEEDBACK_FORMS = ROLE_MATRIX[EDIT_PAGES]


def may(
    user: AbstractBaseUser | AnonymousUser, action: str, service: ServicePage | int | None = None
) -> bool:
    """Whether the user may do `action` (a row of ROLE_MATRIX) on the service, or on any."""
    roles = ROLE_MATRIX[action]
    if service is None:
        return holds_any_role(user, roles) if roles else is_administrator(user)
    return has_service_role(user, service, roles)


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


def roles_by_service(user: AbstractBaseUser | AnonymousUser) -> dict[int, set[str]]:
    """Service id -> the roles the user holds on it (administrators: only those given)."""
    if not user.is_authenticated or not user.is_active:
        return {}
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
    return any(held & wanted for held in roles_by_service(user).values())


def may_see_overview(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Administrators see every service side by side; service leads, their own services."""
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
    services = in_default_language(ServicePage.objects.all())  # never a page's translation
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
    return bool(roles_by_service(user).get(service_id, set()) & set(roles))


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
