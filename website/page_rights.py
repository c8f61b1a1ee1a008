"""Wagtail page permissions per service, granted and revoked with each ServiceRole.

Wagtail keeps page permissions on groups (GroupPagePermission). Each service has one group per
role that edits pages, holding that role's permissions on the service's page alone; a user's
groups are made to match their roles whenever a role is saved or deleted, whichever screen (or
shell) did it. Organisation pages stay with the Administrator group.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wagtail.models import GroupPagePermission

from website.audit import record
from website.choices import GROUP_NAMES, ServiceRoleName
from website.models import ServicePage, ServicePageGroup, ServiceRole
from website.permissions import MAY_EDIT_PAGES, MAY_PUBLISH_PAGES

GROUP_NAME_LENGTH = 150  # auth.Group.name


def page_permissions_for(role: str) -> list[str]:
    """Wagtail page permission codenames a role holds on its own services' pages."""
    # add_page: updates and opportunities are written under the service's page.
    codenames = ["add_page", "change_page"] if role in MAY_EDIT_PAGES else []
    if role in MAY_PUBLISH_PAGES:
        codenames.append("publish_page")
    return codenames


def service_page_group(*, service: ServicePage, role: str) -> Group:
    """The group holding `role`'s page permissions on `service`'s page, made on first use."""
    link = ServicePageGroup.objects.filter(service=service, role=role).select_related("group")
    if found := link.first():
        return found.group
    suffix = f" (service {service.pk}): {ServiceRoleName(role).label}"
    name = service.title[: GROUP_NAME_LENGTH - len(suffix)] + suffix
    group, _ = Group.objects.get_or_create(name=name)
    for codename in page_permissions_for(role):
        permission = Permission.objects.get(content_type__app_label="wagtailcore",
                                            codename=codename)  # fmt: skip
        GroupPagePermission.objects.get_or_create(group=group, page=service, permission=permission)
    ServicePageGroup.objects.create(service=service, role=role, group=group)
    return group


def sync_groups(*, user_id: int) -> None:
    """Make a user's staff and page groups match the roles they hold now."""
    roles = list(ServiceRole.objects.filter(user_id=user_id).select_related("service"))
    wanted = {
        service_page_group(service=role.service, role=role.role).pk
        for role in roles
        if page_permissions_for(role.role)
    }
    wanted |= set(
        Group.objects.filter(
            name__in={GROUP_NAMES[ServiceRoleName(r.role)] for r in roles}
        ).values_list("pk", flat=True)
    )
    managed = set(ServicePageGroup.objects.values_list("group_id", flat=True))
    managed |= set(Group.objects.filter(name__in=GROUP_NAMES.values()).values_list("pk", flat=True))
    memberships = Group.user_set.through.objects
    held = set(memberships.filter(user_id=user_id, group_id__in=managed)
               .values_list("group_id", flat=True))  # fmt: skip
    memberships.filter(user_id=user_id, group_id__in=held - wanted).delete()
    memberships.bulk_create(
        [memberships.model(user_id=user_id, group_id=pk) for pk in wanted - held]
    )


def _describe(role: ServiceRole) -> str:
    return f"{role.role} for user {role.user_id}"


@receiver(pre_save, sender=ServiceRole)
def _remember_previous(sender, instance: ServiceRole, **kwargs) -> None:
    instance._previous = (
        ServiceRole.objects.filter(pk=instance.pk).first() if instance.pk is not None else None
    )


@receiver(post_save, sender=ServiceRole)
def _role_saved(sender, instance: ServiceRole, created: bool, **kwargs) -> None:
    previous = getattr(instance, "_previous", None)
    actor = getattr(instance, "_audit_user", None)
    key = (instance.user_id, instance.service_id, instance.role)
    if previous is not None and previous.user_id != instance.user_id:
        sync_groups(user_id=previous.user_id)
    sync_groups(user_id=instance.user_id)
    if previous is not None and (previous.user_id, previous.service_id, previous.role) == key:
        return  # saved unchanged: nothing granted or revoked
    if previous is not None:
        record(user=actor, action="role.revoked", obj=instance, service=previous.service,
               detail=_describe(previous))  # fmt: skip
    record(user=actor, action="role.granted", obj=instance, service=instance.service,
           detail=_describe(instance))  # fmt: skip


@receiver(post_delete, sender=ServiceRole)
def _role_deleted(sender, instance: ServiceRole, **kwargs) -> None:
    sync_groups(user_id=instance.user_id)
    record(user=getattr(instance, "_audit_user", None), action="role.revoked", obj=instance,
           service=instance.service, detail=_describe(instance))  # fmt: skip
