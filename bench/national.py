"""The whole country on one server: every page with 330 plans loaded beside the same page alone.

    .venv/bin/python bench/national.py [--plans 330] [--repeat 5] [--database-url URL]

Creates a throw-away PostgreSQL database (by default `test_lanu_national_bench` on
127.0.0.1:5432, user postgres; dropped at the end). First one plan of 1,000 actions with
three closed follow-up rounds (followup/synthetic.py: a report for every action in each)
is alone in it, and each page of it is measured: SQL queries of one request and median
server time of --repeat after two warm-ups. Then the rest of the country is loaded in
bulk (lanu.importers.save and bulk inserts, as plan_pages.py does), --plans in all, their
sizes spread evenly on a log scale from 30 to 1,000 actions (330 plans: about 90,000
actions and 270,000 reports), each plan its own municipality, organisations and region
(one of 22 wellbeing services counties), then VACUUM ANALYZE (as autovacuum would), and every page
is measured again. A smaller country for a quick run: --plans 33.

Prints one JSON document: the country's size and load time; for each page its queries,
median milliseconds and CPU milliseconds (this process's and PostgreSQL's server process's,
on the same machine: less stretched than the wall clock when other work loads the machine
between the two measurements) alone and with the country, and their ratios; and the
checks that no page is more than 1.5 times slower with the country loaded and no page
runs more queries. The plan list is its first page; "list-search" its search by a municipality's
name, "list-region" its filter by region.
"""

import math
import os
import time
from pathlib import Path

from common import argument_parser, bench_database, median, print_json, timed_ms

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lanu_national_bench"
SLOWER_AT_MOST = 1.5  # a page with the country loaded / the same page with its plan alone
LARGEST, SMALLEST = 1000, 30  # actions per plan
YEARS = (2022, 2023, 2024)  # three closed rounds a plan
REGIONS = 22  # wellbeing services counties, Helsinki included
ORGANISATIONS = 11  # per plan, as in importers/synthetic.py


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=5)
    parser.set_defaults(database_url=DATABASE_URL)
    parser.add_argument("--plans", type=int, default=330, help="plans in the country")
    args = parser.parse_args()
    with bench_database(args.database_url) as vendor:
        plan = load_plan(0, LARGEST)
        urls, clients = page_urls(plan), page_clients(plan)
        alone = measure_pages(urls, clients, args.repeat)
        country = load_country(plan_sizes(args.plans)[1:])
        loaded = measure_pages(urls, clients, args.repeat)
    pages = compare(alone, loaded)
    print_json({"database": vendor, "country": country, "pages": pages, "checks": checks(pages)})


def plan_sizes(plans: int) -> list[int]:
    """Actions per plan, the largest first: evenly spread on a log scale between the bounds."""
    if plans == 1:
        return [LARGEST]
    ratio = LARGEST / SMALLEST
    sizes = [round(SMALLEST * ratio ** (n / (plans - 1))) for n in range(plans)]
    return sorted(sizes, reverse=True)


def load_plan(n: int, size: int):
    """Plan n of the country: its own municipality, organisations and region; 3 closed rounds."""
    from lanu.followup.rounds import close_round
    from lanu.followup.synthetic import build_rounds
    from lanu.importers.save import save_plan
    from lanu.importers.synthetic import synthetic_plan_data

    data = synthetic_plan_data(size, ORGANISATIONS, slug=f"kunta-{n}")
    municipality = f"Kunta {n}"
    data.name = f"{municipality}: lasten ja nuorten hyvinvointisuunnitelma"
    data.region = f"Hyvinvointialue {n % REGIONS + 1}"
    for organisation in data.organisations:
        organisation.name = f"{organisation.name}, {municipality}"
    for action in data.actions:
        action.organisation = f"{action.organisation}, {municipality}"
    plan = save_plan(data)
    close_round(build_rounds(plan, YEARS)[-1])
    return plan


def load_country(sizes: list[int]) -> dict:
    """The other plans of the country, then VACUUM ANALYZE; their totals and the seconds taken."""
    from django.db import connection

    from lanu.followup.models import ActionReport
    from lanu.plans.models import Action, Plan

    start = time.perf_counter()
    for n, size in enumerate(sizes, start=1):
        load_plan(n, size)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {
        "plans": Plan.objects.count(),
        "actions": Action.objects.count(),
        "reports": ActionReport.objects.count(),
        "load_seconds": round(time.perf_counter() - start, 1),
    }


def page_urls(plan) -> dict[str, str]:
    """Each page's address for the 1,000-action plan, its first organisation and action."""
    from django.urls import reverse

    organisation = plan.participations.order_by("order").first().organisation
    action = plan.actions.order_by("order").first()
    slug, year = plan.slug, YEARS[-1]
    plan_url = lambda name, *args: reverse(f"plans:{name}", args=[slug, *args])  # noqa: E731
    return {
        "front": "/",
        "list": reverse("plans:list"),
        "list-search": reverse("plans:list") + "?q=Kunta+0",
        "list-region": reverse("plans:list") + "?region=" + plan.region.replace(" ", "+"),
        "plan": plan_url("plan"),
        "actions": plan_url("actions"),
        "action": plan_url("action", action.pk),
        "organisation": plan_url("organisation", organisation.pk),
        "progress": reverse("followup:progress", args=[slug]),
        "round-overview": reverse("followup:round-overview", args=[slug, year]),
        "organisation-report": reverse(
            "followup:report-organisation", args=[slug, year, organisation.pk]
        ),
        "export-json": plan_url("export-json"),
        "export-csv": plan_url("export-csv"),
        "export-xlsx": plan_url("export-xlsx"),
    }


def page_clients(plan) -> dict:
    """The coordinator's pages with a client logged in as the plan's coordinator."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from lanu.accounts.models import Membership

    user = get_user_model().objects.create(username="bench-coordinator")
    Membership.objects.create(user=user, plan=plan, role=Membership.Role.COORDINATOR)
    client = Client()
    client.force_login(user)
    return {"round-overview": client, "organisation-report": client}


def measure_pages(urls: dict[str, str], clients: dict, repeat: int) -> dict[str, dict]:
    from django.test import Client

    anonymous = Client()
    return {page: measure(clients.get(page, anonymous), url, repeat) for page, url in urls.items()}


def measure(client, url: str, repeat: int) -> dict:
    """Queries of one request, median milliseconds of `repeat` after two warm-ups, and the
    CPU milliseconds a request took on average, in this process and in PostgreSQL's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch(client, url)  # fills the process's caches (content types) first
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    count = len(queries)
    cpu_before = cpu_seconds(connection)
    times = [timed_ms(fetch, client, url)[0] for _ in range(repeat)]
    cpu_ms = (cpu_seconds(connection) - cpu_before) * 1000 / repeat
    return {"queries": count, "median_ms": median(times), "cpu_ms": round(cpu_ms, 1)}


def cpu_seconds(connection) -> float:
    """CPU time of this process and of its database server process (same machine).

    Other work on the machine stretches the wall-clock time of a request, much less
    the CPU time it takes: the figure to compare when the load changes between runs.
    """
    total = time.process_time()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return total


def fetch(client, url: str) -> bytes:
    """The whole answer (a streamed one read to its end), following a redirect."""
    response = client.get(url, follow=True)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def compare(alone: dict[str, dict], loaded: dict[str, dict]) -> dict[str, dict]:
    return {
        page: {
            "alone": alone[page],
            "country": loaded[page],
            "ratio": round(loaded[page]["median_ms"] / alone[page]["median_ms"], 2),
            "cpu_ratio": round(loaded[page]["cpu_ms"] / max(alone[page]["cpu_ms"], 0.1), 2),
        }
        for page in alone
    }


def checks(pages: dict[str, dict]) -> dict:
    ratios = {page: figures["ratio"] for page, figures in pages.items()}
    slower = sorted(page for page, ratio in ratios.items() if ratio > SLOWER_AT_MOST)
    cpu_slower = sorted(
        page for page, figures in pages.items() if figures["cpu_ratio"] > SLOWER_AT_MOST
    )
    more_queries = sorted(
        page
        for page, figures in pages.items()
        if figures["country"]["queries"] > figures["alone"]["queries"]
    )
    return {
        "slower_at_most": SLOWER_AT_MOST,
        "largest_ratio": max(ratios.values()),
        "slower_pages": slower,
        "slower_pages_cpu": cpu_slower,
        "more_queries": more_queries,
        "passed": not slower and not more_queries,
        "passed_cpu": not cpu_slower and not more_queries,
        "all_actions_ms": pages["actions"]["country"]["median_ms"],
        "all_actions_under_100_ms": pages["actions"]["country"]["median_ms"] < 100,
        "geometric_mean_ratio": round(
            math.exp(sum(math.log(r) for r in ratios.values()) / len(ratios)), 2
        ),
    }


if __name__ == "__main__":
    main()
