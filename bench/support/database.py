"""An empty, migrated database for a benchmark run."""

from django.core.management import call_command
from django.db import connection


def migrate_empty_database() -> None:
    """Migrate from nothing; on PostgreSQL the throwaway cluster's schema is emptied first."""
    if connection.vendor == "postgresql":
        # The throwaway database starts empty each run. Django has no "drop every table" call:
        # flush keeps the tables (and a previous run's schema), and `migrate <app> zero` needs
        # the migrations that made them, which a run from another commit may not have.
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
