"""Benchmark of importing the seed documents: parsing (read_plan) and writing (save_plan).

    .venv/bin/python bench/import.py [--repeat 3] [--database-url URL]

Prints one JSON document with, for each seed, the median milliseconds of read_plan and
of save_plan (each save under a fresh slug) and the size of the plan read; a seed whose
importer refuses it or is not written yet gets {"error": ...} instead.
"""

from common import ROOT, argument_parser, bench_database, median, print_json, timed_ms

SEEDS = ROOT.parent / "shared" / "seeds"
SEED_GLOB = "00[234]_*.txt"
MAX_ERROR_LINES = 10


def main() -> None:
    args = argument_parser(__doc__.splitlines()[0], repeat=3).parse_args()
    with bench_database(args.database_url) as vendor:
        seeds = {
            path.name: measure_seed(path, args.repeat) for path in sorted(SEEDS.glob(SEED_GLOB))
        }
    print_json({"database": vendor, "seeds": seeds})


def measure_seed(path, repeat: int) -> dict:
    from lanu.importers.data import ImportRefused

    try:
        return measure_import(path, repeat)
    except (ImportRefused, NotImplementedError) as error:
        return {"error": short_error(error)}


def measure_import(path, repeat: int) -> dict:
    from lanu.importers import read_plan
    from lanu.importers.save import save_plan

    reads = [timed_ms(read_plan, path) for _ in range(repeat)]
    data = reads[-1][1]
    slug = f"bench-{path.name[:3]}"
    saves = [timed_ms(save_plan, data, f"{slug}-{n}")[0] for n in range(repeat)]
    return {
        "read_ms_median": median([ms for ms, _ in reads]),
        "save_ms_median": median(saves),
        "actions": len(data.actions),
        "goals": len(data.goals),
        "subgoals": sum(len(goal.subgoals) for goal in data.goals),
    }


def short_error(error: Exception) -> str:
    """The error's message, cut to its first lines when the importer lists many problems."""
    lines = (str(error) or type(error).__name__).splitlines()
    if len(lines) > MAX_ERROR_LINES:
        lines = [*lines[:MAX_ERROR_LINES], f"(+{len(lines) - MAX_ERROR_LINES} more)"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
