"""SQLite in WAL mode: a long import's write transaction does not lock readers out."""

import sqlite3

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from lanu.history.models import Change

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's journal only")


def journal_mode(cursor) -> str:
    cursor.execute("PRAGMA journal_mode")
    return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_database_is_in_wal_mode():
    with connection.cursor() as cursor:
        assert journal_mode(cursor) == "wal"


@pytest.mark.django_db(transaction=True)
def test_a_reader_still_reads_while_a_large_import_is_writing(plan_of):
    plan = plan_of(2)
    content_type = ContentType.objects.get_for_model(plan)
    with transaction.atomic():
        # An import too large for the page cache: it spills its pages to the file,
        # which in the old rollback journal locked every reader out until its commit.
        connection.cursor().execute("PRAGMA cache_size = 5")
        Change.objects.bulk_create(
            Change(plan=plan, content_type=content_type, object_id=n, object_repr="x" * 200)
            for n in range(3000)
        )
        reader = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
        try:
            names = reader.execute("SELECT name FROM plans_plan").fetchall()
            changes = reader.execute("SELECT count(*) FROM history_change").fetchone()[0]
        finally:
            reader.close()
    assert names == [(plan.name,)]
    assert changes == 0  # the import's rows are not seen before it commits
