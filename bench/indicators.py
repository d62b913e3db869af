"""Benchmark of the welfare indicators at Sotkanet's scale (issue 12, item 6).

    .venv/bin/python bench/indicators.py [--observations 10000000] [--database-url URL]

Writes a Sotkanet CSV file (`indicator;region;year;gender;primary value;absolute value`)
of --observations rows for 3,000 indicators x 300 regions x as many years as needed,
imports it with `import-indicators --format sotkanet-csv` (one transaction) and then
parses the same file with pandas.read_csv (pip install -e .[bench]). Prints one JSON
document with the import's rows per second, its time as a ratio to the parse alone
(target: at most 3), the report of the import, and the process's peak RSS before and
after the import (resource.getrusage; measured before pandas, which holds the whole
file), and the machine's load average at the end (it is shared). Then, beside the
imported values, the indicator dashboard of a plan with 40 indicators (and of one with
10: the query counts must be equal) for its welfare area and the whole country in two
population groups over 15 years: SQL queries of one request and median server time
(target: under 100 ms, constant queries), and the median CPU time of this process per
request (the machine is shared). --observations 0 measures the dashboard only.
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
DASHBOARD_SIZES, DASHBOARD_YEARS, TARGET_DASHBOARD_MS = (10, 40), range(2010, 2025), 100


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=5)
    parser.add_argument(
        "--observations",
        type=int,
        default=10_000_000,
        help="rows in the file; default 10 million; 0: the dashboard only",
    )
    args = parser.parse_args()
    if args.observations:
        figures = import_figures(args.observations, args.database_url, args.repeat)
    else:
        with bench_database(args.database_url) as vendor:
            figures = {"database": vendor, "observations": 0} | measure_dashboards(args.repeat)
    print_json(figures)


def import_figures(observations: int, database_url: str | None, repeat: int) -> dict:
    """The import of `observations` rows beside pandas' parse, and the dashboard measured
    among the imported values."""
    with tempfile.TemporaryDirectory(prefix="lanu-indicators-") as folder:
        path = Path(folder) / "sotkanet.csv"
        written_s = seconds(write_csv, path, observations)
        with bench_database(database_url) as vendor:
            create_indicators_and_regions()
            rss_before = peak_rss_mb()
            import_s, report = timed_import(path)
            rss_after = peak_rss_mb()
            dashboards = measure_dashboards(repeat)
        parse_s = seconds(parse_with_pandas, path)
        size_mb = round(path.stat().st_size / MB / MB, 1)
    ratio = import_s / parse_s
    return {
        "database": vendor,
        "observations": observations,
        "file_mb": size_mb,
        "file_written_s": round(written_s, 1),
        "import_s": round(import_s, 1),
        "import_rows_per_s": round(observations / import_s),
        "pandas_read_csv_s": round(parse_s, 1),
        "pandas_rows_per_s": round(observations / parse_s),
        "import_to_pandas_ratio": round(ratio, 2),
        "target_ratio": TARGET_RATIO,
        "target_met": ratio <= TARGET_RATIO,
        "import_report": report,
        "peak_rss_mb_before_import": rss_before,
        "peak_rss_mb_after_import": rss_after,
        "load_average_at_end": [round(load, 2) for load in os.getloadavg()],
    } | dashboards


def measure_dashboards(repeat: int) -> dict:
    """The dashboard of a plan of 10 and of 40 indicators: queries and median time."""
    from django.urls import reverse
    from plan_pages import measure_page

    from lanu.importers.synthetic import build_plan
    from lanu.indicators.synthetic import build_indicators

    found = {}
    for count in DASHBOARD_SIZES:
        plan = build_plan(20, slug=f"bench-indicators-{count}")
        build_indicators(plan, count, years=DASHBOARD_YEARS)
        url = reverse("indicators:dashboard", args=[plan.slug])
        figures = measure_page(url, count, repeat)
        figures["per_indicator_us"] = figures.pop("per_action_us")
        figures["median_cpu_ms"] = median_cpu_ms(url, repeat)
        found[count] = figures
    constant = len({figures["queries"] for figures in found.values()}) == 1
    largest = found[max(DASHBOARD_SIZES)]["median_ms"]
    return {
        "dashboard": {
            "indicators": found,
            "years": [DASHBOARD_YEARS[0], DASHBOARD_YEARS[-1]],
            "queries_constant": constant,
            "target_ms": TARGET_DASHBOARD_MS,
            "target_met": constant and largest < TARGET_DASHBOARD_MS,
        }
    }


def median_cpu_ms(url: str, repeat: int) -> float:
    """This process's CPU time of a request (SQLite's work included, PostgreSQL's not):
    on a shared machine the wall-clock time also counts the other processes' turns."""
    from common import median
    from django.test import Client

    client = Client()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        client.get(url)
        times.append((time.process_time() - start) * 1000)
    return median(times)


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
