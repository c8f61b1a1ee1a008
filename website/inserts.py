"""Insert one new row with a statement written once per model and database.

`Model.save()` compiles its INSERT afresh for every row, which was a tenth of a feedback
submission's time (bench/submit.py). Here the statement is built once; each call prepares the
values exactly as `save()` does (`pre_save`, then `get_db_prep_save`) and runs it. No model
signals are sent, so use it only for models that have no receivers, with plain values.
"""

from functools import cache

from django.db import connections, models


@cache
def _statement(model: type[models.Model], alias: str) -> tuple[str, tuple[models.Field, ...]]:
    connection = connections[alias]
    meta = model._meta
    if not isinstance(meta.pk, models.AutoField):
        raise TypeError(f"{model.__name__} needs an auto-incrementing primary key")
    fields = tuple(f for f in meta.local_concrete_fields if f is not meta.pk and not f.generated)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Identifiers come from the model and are quoted; every value is a parameter.
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    if connection.features.can_return_columns_from_insert:
        sql += f" RETURNING {quote(meta.pk.column)}"
    return sql, fields


def insert_new(obj: models.Model, *, using: str = "default") -> models.Model:
    """INSERT `obj` (its primary key unset) and give it the new primary key, as `save()` would."""
    connection = connections[using]
    sql, fields = _statement(type(obj), using)
    raw = [f.pre_save(obj, True) for f in fields]
    if any(hasattr(v, "resolve_expression") for v in raw):
        raise TypeError("insert_new takes plain values, not expressions")
    values = [f.get_db_prep_save(v, connection) for f, v in zip(fields, raw, strict=True)]
    meta = obj._meta
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        if connection.features.can_return_columns_from_insert:
            pk = cursor.fetchone()[0]
        else:
            pk = connection.ops.last_insert_id(cursor, meta.db_table, meta.pk.column)
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = using
    return obj
