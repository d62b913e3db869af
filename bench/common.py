"""Shared set-up of the benchmarks: Django on a throw-away database, and small helpers.

By default the benchmarks run on a fresh SQLite file in a temporary directory; with
--database-url they run on a test database that Django creates next to the one named
in the address (PostgreSQL: `test_<name>`) and drops at the end.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def argument_parser(description: str, repeat: int) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--database-url",
        help="benchmark on a test database created from this address, e.g. "
        "postgres://postgres@127.0.0.1:5432/lanu_bench (default: temporary SQLite file)",
    )
    parser.add_argument("--repeat", type=int, default=repeat, help=f"default {repeat}")
    return parser


@contextmanager
def bench_database(database_url: str | None) -> Iterator[str]:
    """Set Django up on a throw-away database with migrations run; yield its vendor."""
    with tempfile.TemporaryDirectory(prefix="lanu-bench-") as tmpdir:
        sqlite_file = Path(tmpdir) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = database_url or f"sqlite:///{sqlite_file}"
        connection = setup_django(sqlite_file if database_url is None else None)
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            yield connection.vendor
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def setup_django(sqlite_file: Path | None):
    """django.setup() with production-like DEBUG=False; the default connection."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanu.settings")
    import django
    from django.conf import settings

    django.setup()
    # Not setup_test_environment(): it instruments template rendering, which would
    # make the test client copy the context at every template rendered.
    settings.DEBUG = False
    from django.db import connection

    if sqlite_file is not None:
        connection.settings_dict["TEST"]["NAME"] = str(sqlite_file)
    return connection


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def timed_ms(function: Callable, *args, **kwargs) -> tuple[float, object]:
    """Milliseconds taken by one call, and what it returned."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return (time.perf_counter() - start) * 1000, result


def print_json(document: dict) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
