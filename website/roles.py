"""Staff groups: which Django group each role maps to and what it may do in the page tree."""

from website.choices import ADMINISTRATOR_GROUP, GROUP_NAMES, ServiceRoleName
from website.moderation import create_moderation_workflow

# Page permissions on the root of the tree. Only administrators hold any: editors and service
# leads get theirs on their own services' pages alone (website.page_rights), and organisation
# pages (home, privacy notice, accessibility statement) are the administrators'.
PAGE_PERMISSIONS = {
    GROUP_NAMES[ServiceRoleName.EDITOR]: [],
    GROUP_NAMES[ServiceRoleName.RESEARCHER]: [],
    GROUP_NAMES[ServiceRoleName.SERVICE_LEAD]: [],
    GROUP_NAMES[ServiceRoleName.SAFEGUARDING_LEAD]: [],
    ADMINISTRATOR_GROUP: [
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
    ],
}  # fmt: skip


def create_staff_groups(*, models) -> None:
    """Create every staff group with admin access and exactly its root page permissions; safe
    to repeat.

    `models` looks a model up by label, so data migrations can pass their historical models.
    """
    content_type = models("contenttypes.ContentType")
    permission = models("auth.Permission")
    admin_type, _ = content_type.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    page_type, _ = content_type.objects.get_or_create(app_label="wagtailcore", model="page")
    root = models("wagtailcore.Page").objects.filter(depth=1).first()
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = models("auth.Group").objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in codenames if root else []:
            perm, _ = permission.objects.get_or_create(
                content_type=page_type, codename=codename, defaults={"name": codename}
            )
            models("wagtailcore.GroupPagePermission").objects.get_or_create(
                group=group, page=root, permission=perm
            )
        if root:
            models("wagtailcore.GroupPagePermission").objects.filter(
                group=group, page=root
            ).exclude(permission__codename__in=codenames).delete()


def ensure_staff_groups() -> None:
    """Create the staff groups and the moderation workflow with the live models (after a test
    flush, or in seed_demo)."""
    from django.apps import apps

    create_staff_groups(models=apps.get_model)
    create_moderation_workflow(models=apps.get_model)
