from django.db import migrations

from website.roles import create_staff_groups


def create_groups(apps, schema_editor):
    create_staff_groups(models=apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
