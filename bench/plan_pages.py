"""Benchmark of the plan pages, exports and follow-up round pages on synthetic plans.

    .venv/bin/python bench/plan_pages.py [--sizes 10,100,1000,10000] [--repeat 5]
                                         [--database-url URL]

Prints one JSON document: SQL queries and median server time of every page for every
plan size, whether the query count stays constant, and how the time grows between the
two largest sizes (linear growth gives their ratio of sizes, e.g. about 10).
Each plan gets two follow-up rounds with a report for every action (followup/synthetic.py):
the last year's, closed, and this year's, open; the coordinator's view of the open round
is measured logged in as the plan's coordinator, the public progress page anonymously.
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
ROUND_PAGES = ("round-overview", "progress")  # followup: the coordinator's, the public


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
    from lanu.followup.synthetic import build_rounds
    from lanu.importers.synthetic import build_plan

    pages: dict[str, dict[int, dict]] = {page: {} for page in PAGES + ROUND_PAGES}
    for size in sizes:
        plan = build_plan(size, slug=f"bench-{size}")
        rounds = build_rounds(plan)
        clients = {"round-overview": coordinator_client(plan)}
        urls = {**page_urls(plan), **round_urls(plan, rounds[-1])}
        for page, url in urls.items():
            pages[page][size] = measure_page(url, size, repeat, clients.get(page))
        plan.delete()
    return pages


def round_urls(plan, round_) -> dict[str, str]:
    from django.urls import reverse

    return {
        "round-overview": reverse("followup:round-overview", args=[plan.slug, round_.year]),
        "progress": reverse("followup:progress", args=[plan.slug]),
    }


def coordinator_client(plan):
    """A test client logged in as a coordinator of the plan."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from lanu.accounts.models import Membership

    user, _ = get_user_model().objects.get_or_create(username="bench-coordinator")
    Membership.objects.create(user=user, plan=plan, role=Membership.Role.COORDINATOR)
    client = Client()
    client.force_login(user)
    return client


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


def measure_page(url: str, size: int, repeat: int, client=None) -> dict:
    """Queries of one request, and median milliseconds of `repeat` after a warm-up."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = client or Client()
    get_ok(client, url)  # fills the process's caches (content types) first
    with CaptureQueriesContext(connection) as queries:
        get_ok(client, url)
    count = len(queries)  # now: the captured queries are read from the connection's log
    times = [timed_ms(get_ok, client, url)[0] for _ in range(repeat)]  # after two warm-ups
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
