"""Benchmark of the public plan pages and exports on synthetic plans of growing size.

    .venv/bin/python bench/plan_pages.py [--sizes 10,100,1000,10000] [--repeat 5]
                                         [--database-url URL]

Prints one JSON document: SQL queries and median server time of every page for every
plan size, whether the query count stays constant, and how the time grows between the
two largest sizes (linear growth gives their ratio of sizes, e.g. about 10).
"""

from common import argument_parser, bench_database, median, print_json, timed_ms

PAGES = (
    "list",
    "plan",
    "subgoal",
    "organisation",
    "actions",
    "action",
    "export-json",
    "export-csv",
    "export-xlsx",
)


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=5)
    parser.add_argument("--sizes", default="10,100,1000,10000", help="actions per plan")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with bench_database(args.database_url) as vendor:
        pages = measure_sizes(sizes, args.repeat)
    print_json({"database": vendor, "sizes": sizes, "pages": pages, "checks": checks(pages)})


def measure_sizes(sizes: list[int], repeat: int) -> dict[str, dict[int, dict]]:
    """Each size alone in the database, so the plan list shows one plan of that size."""
    from lanu.plans.synthetic import build_plan

    pages: dict[str, dict[int, dict]] = {page: {} for page in PAGES}
    for size in sizes:
        plan = build_plan(size, slug=f"bench-{size}")
        for page, url in page_urls(plan).items():
            pages[page][size] = measure_page(url, size, repeat)
        plan.delete()
    return pages


def page_urls(plan) -> dict[str, str]:
    """Each page's address, showing the plan's first sub-goal, organisation and action."""
    from django.urls import reverse

    subgoal = plan.goals.order_by("order").first().subgoals.order_by("order").first()
    organisation = plan.participations.order_by("order").first().organisation
    action = plan.actions.order_by("order").first()
    pks = {"subgoal": subgoal.pk, "organisation": organisation.pk, "action": action.pk}
    urls = {"list": reverse("plans:list")}
    for page in PAGES[1:]:
        kwargs = {"slug": plan.slug, "pk": pks[page]} if page in pks else {"slug": plan.slug}
        urls[page] = reverse(f"plans:{page}", kwargs=kwargs)
    return urls


def measure_page(url: str, size: int, repeat: int) -> dict:
    """Queries of one request, and median milliseconds of `repeat` after a warm-up."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    with CaptureQueriesContext(connection) as queries:
        get_ok(client, url)
    count = len(queries)  # now: the captured queries are read from the connection's log
    times = [timed_ms(get_ok, client, url)[0] for _ in range(repeat)]
    median_ms = median(times)
    return {
        "queries": count,
        "median_ms": median_ms,
        "per_action_us": round(median_ms * 1000 / size, 3),
    }


def get_ok(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return response


def checks(pages: dict[str, dict[int, dict]]) -> dict:
    """Constant query counts, and time growth between the two largest sizes."""
    constant = {
        page: len({result["queries"] for result in by_size.values()}) == 1
        for page, by_size in pages.items()
    }
    return {"queries_constant": constant, **growth(pages)}


def growth(pages: dict[str, dict[int, dict]]) -> dict:
    sizes = sorted(next(iter(pages.values())))
    if len(sizes) < 2:
        return {}
    small, large = sizes[-2], sizes[-1]
    ratios = {
        page: round(by_size[large]["median_ms"] / by_size[small]["median_ms"], 2)
        for page, by_size in pages.items()
    }
    return {"growth_sizes": [small, large], "growth": ratios}


if __name__ == "__main__":
    main()
