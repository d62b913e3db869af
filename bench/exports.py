"""Benchmark of the streamed exports (JSON, CSV, XLSX) of a plan of 10,000 actions.

    .venv/bin/python bench/exports.py [--actions 10000] [--repeat 3]
        [--postgres postgres://postgres@127.0.0.1:5432/lanu_exporters_bench]
    .venv/bin/python bench/exports.py --database-url URL   # one database only

Prints one JSON document: for SQLite and for PostgreSQL, each export's median
milliseconds until its first chunk leaves the view (time to first byte, as the
server sends it), until its last, its size and its SQL queries. Each database is
measured in a process of its own (Django is set up once per process).
"""

import json
import subprocess
import sys
import time

from common import argument_parser, bench_database, median, print_json

POSTGRES = "postgres://postgres@127.0.0.1:5432/lanu_exporters_bench"
EXPORTS = ("export-json", "export-csv", "export-xlsx")


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=3)
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--postgres", default=POSTGRES, help=f"default {POSTGRES}")
    args = parser.parse_args()
    if args.database_url is not None:
        with bench_database(args.database_url or None) as vendor:
            print_json({"database": vendor, **measure(args.actions, args.repeat)})
        return
    common = ["--actions", str(args.actions), "--repeat", str(args.repeat)]
    results = [in_process(common + ["--database-url", url]) for url in ("", args.postgres)]
    print_json({"actions": args.actions, "repeat": args.repeat, "results": results})


def in_process(arguments: list[str]) -> dict:
    """The benchmark run on one database in a process of its own."""
    done = subprocess.run(
        [sys.executable, __file__, *arguments], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout)


def measure(actions: int, repeat: int) -> dict:
    from django.urls import reverse

    from lanu.importers.synthetic import build_plan

    plan = build_plan(actions, slug="bench-exports")
    urls = {name: reverse(f"plans:{name}", args=[plan.slug]) for name in EXPORTS}
    return {name: measure_export(url, repeat) for name, url in urls.items()}


def measure_export(url: str, repeat: int) -> dict:
    """Queries of one download, and median times of `repeat` after a warm-up."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    download(client, url)  # fills the process's caches (content types) first
    with CaptureQueriesContext(connection) as queries:
        size = download(client, url)[2]
    count = len(queries)  # now: the next request empties the connection's log
    runs = [download(client, url) for _ in range(repeat)]
    return {
        "first_byte_ms": median([first for first, _total, _size in runs]),
        "total_ms": median([total for _first, total, _size in runs]),
        "bytes": size,
        "queries": count,
    }


def download(client, url: str) -> tuple[float, float, int]:
    """Milliseconds until the first chunk and until the last, and the bytes read."""
    start = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    chunks = iter(response.streaming_content)
    size = len(next(chunks))
    first = time.perf_counter()
    size += sum(len(chunk) for chunk in chunks)
    end = time.perf_counter()
    return round((first - start) * 1000, 1), round((end - start) * 1000, 1), size


if __name__ == "__main__":
    main()
