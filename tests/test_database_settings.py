"""PostgreSQL connections are set up so that one plan's pages use the indexes (settings.py)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_postgresql_prices_an_index_read_as_on_ssd():
    """With the default 4 the planner scans whole tables of the country (bench/national.py)."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
