"""Search and similar actions among 100,000 actions: the index's bulk build, one changed
action re-indexed, and the answers' times.

    .venv/bin/python bench/search.py [--actions 100000] [--database-url URL]

Runs on a fresh SQLite file by default; with --database-url on a throw-away test database
made from the address (PostgreSQL: `test_<name>`, dropped at the end; `make bench-search`
runs both, the second on `test_lanu_search_bench`).

The actions are synthetic, made from the seed plans' own words (seeds 002, 003, 004): each
is two to five phrases (an action's items and sentences) of random seed actions, a fifth of
their words swapped for words drawn from all the seeds' text (so a common word is drawn
often, a rare one seldom, as in the seeds), with a metric phrase of a seed action. The
plans have 300 to 1,000 actions each and 5 to 15 organisations of their own, and are
saved through the importers' bulk path (lanu.importers.save), which fills the
similar-actions index as an import does; the time that index takes is measured inside
that path (the `actions_inserted` receiver of lanu.search.signals).

Prints one JSON document:
- "load": plans, organisations, actions, postings and terms; the seconds the whole load
  took, and of them the seconds the similar-actions index took (its bulk build), also per
  10,000 actions;
- "reindex_one": one action's text changed and saved (post_save re-indexes it, in the
  similar-actions index and, where it is installed, the full-text search's): the
  milliseconds of the save (median of --repeat changes) and the similar-actions rows that
  change touched (its postings deleted and inserted, the document frequencies moved),
  beside the index's size: the index follows the change, it is not rebuilt;
- "similar_actions": `similar_actions()` of 50 random actions, p50/p95 milliseconds (and
  the mean count of actions found), for a reader of every plan (an anonymous visitor:
  all the plans are published);
- "search": `lanu.search.fulltext.search()` of 20 inflected queries of the seeds'
  vocabulary, p50/p95 milliseconds and mean hits, where that module is installed
  (otherwise null, with the reason).
"""

import random
import re
import statistics
import time

from common import ROOT, argument_parser, bench_database, print_json, timed_ms

SEEDS = ROOT.parent / "shared" / "seeds"
SEED_PREFIXES = ("002", "003", "004")
SMALLEST, LARGEST = 300, 1000  # actions per plan
FEWEST, MOST = 5, 15  # organisations per plan
SWAPPED = 0.2  # share of an action's words drawn from the seeds' whole text
SIMILAR_SAMPLE = 50
QUERIES = (
    "eroauttaminen",
    "eroauttamisen palvelut",
    "perhekeskuksessa",
    "perhekeskusten",
    "kiusaamisen ehkäisy",
    "kiusaamista",
    "kohtaamispaikkatoiminnan",
    "nuorisovaltuuston",
    "vertaisryhmiä",
    "lapsivaikutusten arviointi",
    "matalan kynnyksen",
    "mielenterveyden",
    "päihdetyötä",
    "liikkuvan koulun",
    "vanhemmuuden tukeminen",
    "kotikäynnit",
    "osallisuutta",
    "harrastustoimintaa",
    "lastensuojelun",
    "sähköisten palvelujen",
)
PHRASE = re.compile(r"[^.;\n]+")


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=9)
    parser.add_argument("--actions", type=int, default=100_000, help="default 100,000")
    parser.add_argument("--seed", type=int, default=16, help="the random generator's seed")
    args = parser.parse_args()
    with bench_database(args.database_url) as vendor:
        generator = random.Random(args.seed)
        vocabulary = seed_vocabulary()
        load = load_plans(args.actions, vocabulary, generator)
        figures = {
            "database": vendor,
            "load": load,
            "reindex_one": reindex_one(vocabulary, generator, args.repeat),
            "similar_actions": similar_figures(generator),
            "search": search_figures(),
        }
    print_json(figures)


class Vocabulary:
    """The seed actions' phrases, metrics and words, to draw synthetic actions from."""

    def __init__(self, phrases: list[str], metrics: list[str]):
        self.phrases = phrases
        self.metrics = metrics
        self.words = [word for phrase in phrases for word in phrase.split()]

    def action_text(self, generator: random.Random) -> tuple[str, list[str]]:
        """A description of two to five phrases, and one or two of them as items."""
        phrases = [self.reworded(p, generator) for p in generator.sample(self.phrases, 5)]
        count = generator.randint(2, 5)
        return ". ".join(phrases[:count]), phrases[count:][: generator.randint(0, 2)]

    def reworded(self, phrase: str, generator: random.Random) -> str:
        return " ".join(
            generator.choice(self.words) if generator.random() < SWAPPED else word
            for word in phrase.split()
        )


def seed_vocabulary() -> Vocabulary:
    from lanu.importers import read_plan

    phrases, metrics = [], []
    for prefix in SEED_PREFIXES:
        for action in read_plan(next(SEEDS.glob(f"{prefix}_*.txt"))).actions:
            for text in [action.description, *action.items]:
                phrases += [p.strip() for p in PHRASE.findall(text) if len(p.split()) >= 2]
            metrics += [metric.text for metric in action.metrics if metric.text.strip()]
    return Vocabulary(list(dict.fromkeys(phrases)), list(dict.fromkeys(metrics)))


def load_plans(total: int, vocabulary: Vocabulary, generator: random.Random) -> dict:
    """Plans of 300-1,000 actions until `total`, through the importers' bulk path; the
    seconds of the whole load and of the similar-actions index within it."""
    from django.db import connection

    from lanu.importers.save import save_plan
    from lanu.plans.models import Action, Organisation, Plan
    from lanu.search.models import Posting, TermFrequency

    index_seconds = timing_index()
    start = time.perf_counter()
    n = made = 0
    while made < total:
        size = min(generator.randint(SMALLEST, LARGEST), total - made)
        save_plan(plan_data(n, size, vocabulary, generator))
        made, n = made + size, n + 1
    load_seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    index = index_seconds()
    return {
        "plans": Plan.objects.count(),
        "organisations": Organisation.objects.count(),
        "actions": Action.objects.count(),
        "postings": Posting.objects.count(),
        "terms": TermFrequency.objects.count(),
        "load_seconds": round(load_seconds, 1),
        "index_build_seconds": round(index, 1),
        "index_seconds_per_10000_actions": round(index * 10_000 / max(total, 1), 2),
    }


def timing_index():
    """Time the similar-actions index inside the import's path: the receiver of
    `actions_inserted` calls lanu.search.signals.index_actions, wrapped here."""
    from lanu.search import signals

    spent = [0.0]
    index_actions = signals.index_actions

    def timed(actions) -> None:
        start = time.perf_counter()
        index_actions(actions)
        spent[0] += time.perf_counter() - start

    signals.index_actions = timed
    return lambda: spent[0]


def plan_data(n: int, size: int, vocabulary: Vocabulary, generator: random.Random):
    """Plan n: the synthetic plan's structure with texts drawn from the seeds."""
    from lanu.importers.data import MetricData
    from lanu.importers.synthetic import synthetic_plan_data

    data = synthetic_plan_data(size, generator.randint(FEWEST, MOST), slug=f"haku-{n}")
    data.name = f"Kunta {n}: lasten ja nuorten hyvinvointisuunnitelma"
    for organisation in data.organisations:
        organisation.name = f"{organisation.name}, kunta {n}"
    for action in data.actions:
        action.organisation = f"{action.organisation}, kunta {n}"
        action.description, action.items = vocabulary.action_text(generator)
        action.metrics = [MetricData(generator.choice(vocabulary.metrics))]
    return data


def reindex_one(vocabulary: Vocabulary, generator: random.Random, repeat: int) -> dict:
    """One action's text changed and saved, `repeat` times (each a different action): the
    median milliseconds and the rows the last change touched, beside the index's size."""
    from lanu.plans.models import Action
    from lanu.search.models import Posting
    from lanu.search.similarity import frequency_changes, postings_of

    pks = list(Action.objects.values_list("pk", flat=True))
    times, touched = [], {}
    for pk in generator.sample(pks, repeat):
        action = Action.objects.select_related("plan").get(pk=pk)
        old = postings_of([pk])
        action.description, action.items = vocabulary.action_text(generator)
        action.version += 1  # as plans/editing.py counts an edit
        times.append(timed_ms(action.save)[0])
        new = postings_of([pk])
        moved = frequency_changes(old, new)
        touched = {
            "postings_deleted": sum(len(counts) for counts in old.values()),
            "postings_inserted": sum(len(counts) for counts in new.values()),
            "term_frequencies_moved": sum(1 for change in moved.values() if change),
        }
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "rows_touched_by_one_change": touched,
        "postings_in_index": Posting.objects.count(),
    }


def similar_figures(generator: random.Random) -> dict:
    from django.contrib.auth.models import AnonymousUser

    from lanu.plans.models import Action
    from lanu.search.similarity import similar_actions

    pks = generator.sample(list(Action.objects.values_list("pk", flat=True)), SIMILAR_SAMPLE)
    actions = [Action.objects.select_related("plan").get(pk=pk) for pk in pks]
    similar_actions(actions[0], user=AnonymousUser())  # warm-up: the first query's setup
    times, found = [], []
    for action in actions:
        ms, result = timed_ms(similar_actions, action, user=AnonymousUser())
        times.append(ms)
        found.append(len(result))
    return percentiles(times) | {"actions": len(times), "mean_found": statistics.mean(found)}


def search_figures() -> dict | None:
    """search() of the queries, where lanu.search.fulltext is installed."""
    try:
        from lanu.search.fulltext import search
    except ImportError as error:
        return {"skipped": f"lanu.search.fulltext is not installed: {error}"}
    from django.contrib.auth.models import AnonymousUser

    search(QUERIES[0], AnonymousUser())  # warm-up: no filters, the first page
    times, hits = [], []
    for query in QUERIES:
        ms, results = timed_ms(search, query, AnonymousUser())
        times.append(ms)
        hits.append(result_count(results))
    return percentiles(times) | {"queries": len(QUERIES), "mean_hits": statistics.mean(hits)}


def result_count(results) -> int:
    for name in ("count", "total"):
        value = getattr(results, name, None)
        if isinstance(value, int):
            return value
    try:
        return len(results)
    except TypeError:
        return -1


def percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1)}


if __name__ == "__main__":
    main()
