"""insert_rows(): many rows of one model in a few INSERTs, without a model instance each.

Django's bulk_create makes a model instance of every row and prepares it field by
field through the query compiler: for the hundreds of thousands of sub-goal links,
metrics and history rows of a large import that costs most of the import's time.
insert_rows() prepares each value once, with the field's own get_db_prep_save (so
JSON, dates and foreign keys are stored exactly as bulk_create stores them), and
sends them with PostgreSQL's COPY, or executemany elsewhere. Fields left out get
their default; auto_now(_add) fields the time of the call. It returns nothing: use
bulk_create where the new rows' primary keys are needed.
"""

import itertools

from django.db import connections, router
from django.utils import timezone

BATCH = 1000


def insert_rows(model, rows: list[dict]) -> None:
    """Insert the rows (field attname -> value) of `model`: no save(), no signals."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    defaults = field_defaults(fields)
    prepared = [(field.attname, field.get_db_prep_save) for field in fields]
    values = (
        tuple(prep(row.get(name, defaults[name]), connection) for name, prep in prepared)
        for row in rows
    )
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            copy_rows(cursor, table, columns, values)
        else:
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names quoted
            while batch := list(itertools.islice(values, BATCH)):
                cursor.executemany(sql, batch)


def copy_rows(cursor, table: str, columns: str, values) -> None:
    """PostgreSQL's COPY: the rows in one stream (psycopg's executemany sends a statement
    a row, and most of a large import's time went into preparing them)."""
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)


def field_defaults(fields) -> dict:
    now = timezone.now()
    return {
        field.attname: now
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        else field.get_default()
        for field in fields
    }
