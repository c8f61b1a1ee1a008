"""The database cache table where django-axes counts failed sign-ins (see AXES_CACHE)."""

from django.core.management import call_command
from django.db import migrations

TABLE = "accounts_signin_attempts"


def create_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    # createcachetable has no reverse command and the table has no model: plain SQL undoes it.
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_table, drop_table)]
