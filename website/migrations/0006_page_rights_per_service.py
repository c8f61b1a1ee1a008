"""Page rights move from the root to each service's page; the service-lead workflow is the default.

Editors and service leads lose their page permissions on the root; each existing role gets its
service's page group (as website.page_rights does for every role saved from now on).
"""

from django.db import migrations

from website.moderation import create_moderation_workflow
from website.roles import create_staff_groups

GROUP_NAMES = {"editor": "Editor", "researcher": "Researcher", "service_lead": "Service lead",
               "safeguarding_lead": "Safeguarding lead"}  # fmt: skip
PAGE_RIGHTS = {"editor": ["change_page"], "service_lead": ["change_page", "publish_page"]}
ROLE_LABELS = {"editor": "Editor", "service_lead": "Service lead"}


def forwards(apps, schema_editor):
    create_staff_groups(models=apps.get_model)
    create_moderation_workflow(models=apps.get_model)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    ServicePageGroup = apps.get_model("website.ServicePageGroup")
    for role in apps.get_model("website.ServiceRole").objects.select_related("service", "user"):
        role_group = Group.objects.filter(name=GROUP_NAMES[role.role]).first()
        if role_group:
            role.user.groups.add(role_group)
        if role.role not in PAGE_RIGHTS:
            continue
        link = ServicePageGroup.objects.filter(service=role.service, role=role.role).first()
        if link is None:
            suffix = f" (service {role.service.pk}): {ROLE_LABELS[role.role]}"
            group, _ = Group.objects.get_or_create(name=role.service.title[: 150 - len(suffix)] + suffix)
            for codename in PAGE_RIGHTS[role.role]:
                permission = Permission.objects.get(content_type__app_label="wagtailcore",
                                                    codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page_id=role.service.pk,
                                                          permission=permission)
            link = ServicePageGroup.objects.create(service=role.service, role=role.role, group=group)
        role.user.groups.add(link.group_id)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0005_page_rights_moderation_audit_protect"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
