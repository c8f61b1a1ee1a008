"""The role matrix (issue 10) and the checks that need only the user and a service id.

The layer beneath website.permissions, which adds the lookups of services and service-owned
rows; the moderation task in website.models asks this module, so neither imports the other.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model

from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName

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
    user: AbstractBaseUser | AnonymousUser, action: str, service: Model | int | None = None
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
        for service_id, role in user.service_roles.values_list("service_id", "role"):
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
    return bool(held_service_ids(user, roles))


def held_service_ids(
    user: AbstractBaseUser | AnonymousUser, roles: Iterable[str] = ALL_ROLES
) -> list[int]:
    """IDs of the services the user holds one of `roles` on (administrators: only those given)."""
    wanted = set(roles)
    return [service_id for service_id, held in roles_by_service(user).items() if held & wanted]


def may_see_overview(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Administrators see every service side by side; service leads, their own services."""
    return holds_any_role(user, MAY_SEE_OVERVIEW)


def has_service_role(
    user: AbstractBaseUser | AnonymousUser,
    service: Model | int,
    roles: Iterable[str] = ALL_ROLES,
) -> bool:
    """Whether the user holds one of `roles` on the service."""
    service_id = service if isinstance(service, int) else service.pk
    if is_administrator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(roles_by_service(user).get(service_id, set()) & set(roles))
