"""Counting the SQL queries of a page, as the query-count tests do."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str) -> int:
    """Queries of a request once the process's caches (content types) are filled."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        response.getvalue()  # a streamed export reads its rows as they are sent
    assert response.status_code == 200, url
    return len(queries)
