"""Exit 0 when the PostgreSQL server of the database URL given answers, 1 when it does not."""

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg

parts = urlsplit(sys.argv[1])
server = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
try:
    psycopg.connect(server, connect_timeout=3).close()
except psycopg.OperationalError:
    sys.exit(1)
