"""Gunicorn's settings for Lanu; gunicorn reads this file when started in this directory.

    gunicorn lanu.wsgi

Workers: one process per core (a process runs Python on one core at a time), each
with threads (gthread) so that a request waiting for PostgreSQL does not hold a
core. Set WEB_CONCURRENCY (processes) and GUNICORN_THREADS to change them. Each
thread keeps its own database connection when CONN_MAX_AGE is set, so processes ×
threads must stay below PostgreSQL's max_connections (100 by default).
"""

import os

bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 8)
timeout = 60  # a worker silent this long is restarted (uploads are read within it)
graceful_timeout = 30
max_requests = 2000  # a worker is renewed now and then, should anything leak
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # "-" logs each request
