"""Every value in every table, for tests that prove a piece of personal data is stored nowhere."""

from django.db import connection


def database_values():
    """(table, value) for every non-empty cell of every table."""
    # Every table, with or without a model (sessions, axes' cache table, Celery beat's): only a
    # plain SELECT reads them all alike.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                yield from ((table, value) for value in row if value is not None)
