"""Benchmark of the reports to the council: each format's time for the Kymenlaakso demo
(seed 003's plan with seed 000's 2023 round) and for a synthetic plan of 1,000 actions
with a closed round (followup/synthetic.py).

    .venv/bin/python bench/reports.py [--repeat 3] [--database-url URL]

Prints one JSON document: per plan, kind (the yearly evaluation, the plan document) and
format the median milliseconds (wall clock, and this process's CPU time), the file's
size and the report's SQL queries; and per kind and format the ratio of the 1,000-action
plan's CPU time to Kymenlaakso's (CPU time: on a machine shared with other work, wall
time measures the others too). Issue 13 asks the 1,000-action PDF to take at most 5
times the Kymenlaakso one.
"""

import time

from common import ROOT, argument_parser, bench_database, median, print_json, timed_ms

SEEDS = ROOT.parent / "shared" / "seeds"
LIMIT = 5  # the 1,000-action PDF at most this many times Kymenlaakso's


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=3)
    args = parser.parse_args()
    with bench_database(args.database_url) as vendor:
        plans = {"kymenlaakso": kymenlaakso(), "synthetic-1000": synthetic(1000)}
        timings = {name: measure(plan, year, args.repeat) for name, (plan, year) in plans.items()}
    ratios = {
        kind: {
            format: round(
                timings["synthetic-1000"][kind][format]["cpu_ms"]
                / timings["kymenlaakso"][kind][format]["cpu_ms"],
                2,
            )
            for format in timings["kymenlaakso"][kind]
        }
        for kind in timings["kymenlaakso"]
    }
    checks = {f"{kind} pdf within {LIMIT}x": ratios[kind]["pdf"] <= LIMIT for kind in ratios}
    print_json({"database": vendor, "timings": timings, "ratios": ratios, "checks": checks})


def kymenlaakso():
    from lanu.importers import evaluation, read_plan
    from lanu.importers.save import save_plan

    plan = save_plan(read_plan(next(SEEDS.glob("003_*.txt"))), "kymenlaakso-2020-2024")
    path = next(SEEDS.glob("000_*.txt"))
    evaluation.save(evaluation.read(path.read_text(encoding="utf-8"), path.name, plan, 2023))
    return plan, 2023


def synthetic(size: int):
    from lanu.followup.synthetic import build_rounds
    from lanu.importers.synthetic import build_plan

    plan = build_plan(size, slug=f"bench-{size}")
    build_rounds(plan, years=(2024, 2025))
    return plan, 2024


def measure(plan, year: int, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from lanu.reports.content import Order, gather
    from lanu.reports.exporters import REPORT_EXPORTERS

    found: dict = {}
    for kind, years in (("evaluation", (year,)), ("plan", ())):
        order = Order(plan, kind, years)
        with CaptureQueriesContext(connection) as queries:
            gather(order)
        found[kind] = {}
        for format in REPORT_EXPORTERS.names():
            exporter = REPORT_EXPORTERS.get(format)
            with translation.override("fi"):
                rendered(exporter, order)  # once untimed: templates, fonts, catalogues loaded
            times, cpu_times, size = [], [], 0
            for _ in range(repeat):
                cpu = time.process_time()
                with translation.override("fi"):
                    ms, chunks = timed_ms(rendered, exporter, order)
                cpu_times.append((time.process_time() - cpu) * 1000)
                times.append(ms)
                size = len(chunks)
            found[kind][format] = {
                "ms": median(times),
                "cpu_ms": median(cpu_times),
                "bytes": size,
                "queries": len(queries),
            }
    return found


def rendered(exporter, order) -> bytes:
    return b"".join(exporter.render(order))


if __name__ == "__main__":
    main()
