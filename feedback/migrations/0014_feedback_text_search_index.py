"""A GIN index for the staff feedback list's full-text search, on PostgreSQL only.

It indexes the very SearchVector feedback/search.py searches with: PostgreSQL uses an expression
index only for an identical expression. It is not in Feedback.Meta.indexes because SQLite cannot
build it, and SQLite rebuilds a table with its model's indexes whenever one of its fields changes;
so it is added here, through the schema editor, where the database is PostgreSQL.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "feedback_text_search_idx"


def _index() -> GinIndex:
    return GinIndex(SearchVector("text", config="english"), name=INDEX_NAME)


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("feedback", "Feedback"), _index())


def remove_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("feedback", "Feedback"), _index())


class Migration(migrations.Migration):
    dependencies = [("feedback", "0013_framework_taxonomy")]

    operations = [migrations.RunPython(add_search_index, remove_search_index)]
