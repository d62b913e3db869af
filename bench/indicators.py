"""Benchmark of the welfare indicators at Sotkanet's scale (issue 12, item 6).

    .venv/bin/python bench/indicators.py [--observations 10000000] [--database-url URL]

Writes a Sotkanet CSV file (`indicator;region;year;gender;primary value;absolute value`)
of --observations rows for 3,000 indicators x 300 regions x as many years as needed,
imports it with `import-indicators --format sotkanet-csv` (one transaction) and then
parses the same file with pandas.read_csv (pip install -e .[bench]). Prints one JSON
document with the import's rows per second, its time as a ratio to the parse alone
(target: at most 3), the report of the import, and the process's peak RSS before and
after the import (resource.getrusage; measured before pandas, which holds the whole
file), and the machine's load average at the end (it is shared). The dashboard's
server time is not measured: its pages do not exist yet.
"""

import os
import resource
import tempfile
import time
from pathlib import Path

from common import argument_parser, bench_database, print_json

INDICATORS, REGIONS, FIRST_YEAR = 3000, 300, 1990
TARGET_RATIO = 3
MB = 1024


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=1)
    parser.add_argument(
        "--observations", type=int, default=10_000_000, help="rows in the file; default 10 million"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lanu-indicators-") as folder:
        path = Path(folder) / "sotkanet.csv"
        written_s = seconds(write_csv, path, args.observations)
        with bench_database(args.database_url) as vendor:
            create_indicators_and_regions()
            rss_before = peak_rss_mb()
            import_s, report = timed_import(path)
            rss_after = peak_rss_mb()
        parse_s = seconds(parse_with_pandas, path)
        size_mb = round(path.stat().st_size / MB / MB, 1)
    ratio = import_s / parse_s
    print_json(
        {
            "database": vendor,
            "observations": args.observations,
            "file_mb": size_mb,
            "file_written_s": round(written_s, 1),
            "import_s": round(import_s, 1),
            "import_rows_per_s": round(args.observations / import_s),
            "pandas_read_csv_s": round(parse_s, 1),
            "pandas_rows_per_s": round(args.observations / parse_s),
            "import_to_pandas_ratio": round(ratio, 2),
            "target_ratio": TARGET_RATIO,
            "target_met": ratio <= TARGET_RATIO,
            "import_report": report,
            "peak_rss_mb_before_import": rss_before,
            "peak_rss_mb_after_import": rss_after,
            "load_average_at_end": [round(load, 2) for load in os.getloadavg()],
            "dashboard": "not measured: the plan's indicator dashboard (issue 12, item 5) "
            "does not exist yet",
        }
    )


def seconds(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def write_csv(path: Path, count: int) -> None:
    """`count` rows: each indicator for each region, year after year, with a value and,
    for every other row, an absolute value (Sotkanet leaves many empty)."""
    years = -(-count // (INDICATORS * REGIONS))
    with open(path, "w", encoding="utf-8", newline="") as stream:
        stream.write("indicator;region;year;gender;primary value;absolute value\n")
        written = 0
        for indicator in range(1, INDICATORS + 1):
            for region in range(1, REGIONS + 1):
                lines = [
                    row_text(indicator, region, FIRST_YEAR + offset, written + offset)
                    for offset in range(min(years, count - written))
                ]
                stream.writelines(lines)
                written += len(lines)
                if written >= count:
                    return


def row_text(indicator: int, region: int, year: int, number: int) -> str:
    value = f"{(number * 7919) % 100000 / 100:.2f}"
    absolute = str(number % 5000) if number % 2 else ""
    return f"{indicator};{region};{year};total;{value};{absolute}\n"


def create_indicators_and_regions() -> None:
    from lanu.indicators.models import Area, AreaKind, Indicator

    Indicator.objects.bulk_create(
        Indicator(code=f"sotkanet:{n}", name_fi=f"Indikaattori {n}", sotkanet_id=n)
        for n in range(1, INDICATORS + 1)
    )
    Area.objects.bulk_create(
        Area(code=f"kunta:{n}", name_fi=f"Kunta {n}", kind=AreaKind.MUNICIPALITY, sotkanet_id=n)
        for n in range(1, REGIONS + 1)
    )


def timed_import(path: Path) -> tuple[float, list[str]]:
    from lanu.indicators.imports import import_file

    start = time.perf_counter()
    report = import_file(str(path), "sotkanet-csv")
    return time.perf_counter() - start, report


def parse_with_pandas(path: Path) -> None:
    import pandas

    pandas.read_csv(path, sep=";")


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // MB


if __name__ == "__main__":
    main()
