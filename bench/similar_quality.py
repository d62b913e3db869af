"""Similar actions' quality: precision at 10 of each method on the labelled pairs.

    .venv/bin/python bench/similar_quality.py [--unjudged N]

Imports the seed plans 002 (Espoo), 003 (Kymenlaakso) and 004 (Länsi-Uusimaa) into a
throw-away SQLite database (seed 001, the Kymenlaakso poster, has no actions table, and
000 is an evaluation, not a plan), resolves the keys of tests/data/similar_pairs.csv to
their actions and prints one JSON document: the labelled set's size, and for each method
(lanu/search/evaluation.py: TF-IDF over Voikko's base forms, over Snowball's stems, over
the raw words) its judged and strict precision at 10 and recall at 10; then the same for
the index's own answer, `similar_actions()` (its candidates found through the postings of
an action's heaviest terms), which must agree with the exact Voikko ranking.

An offline sentence-embedding model is not measured: none installs from a package here
without downloading its weights at run time (docs/search.md).

--unjudged N lists, for each method, the unlabelled pairs among the queries' top N: the
pairs to read and label next (pooling), so that the judged precision rests on more pairs.
"""

from common import ROOT, argument_parser, bench_database, print_json

SEEDS = ROOT.parent / "shared" / "seeds"
PAIRS = ROOT / "tests" / "data" / "similar_pairs.csv"
SEED_PLANS = {"002": "espoo-2017-2021", "003": "kymenlaakso-2020-2024", "004": "lansi-uusimaa"}


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=1)
    parser.add_argument("--unjudged", type=int, default=0, help="list unlabelled top pairs")
    args = parser.parse_args()
    with bench_database(args.database_url) as vendor:
        figures = quality(args.unjudged)
    print_json({"database": vendor} | figures)


def load_seeds():
    from lanu.importers import read_plan
    from lanu.importers.save import save_plan
    from lanu.plans.models import Action
    from lanu.search import evaluation

    seed_of_plan = {}
    for prefix, slug in SEED_PLANS.items():
        plan = save_plan(read_plan(next(SEEDS.glob(f"{prefix}_*.txt"))), slug)
        plan.published = True
        plan.save()
        seed_of_plan[plan.pk] = prefix
    actions = Action.objects.filter(plan_id__in=list(seed_of_plan)).select_related(
        "plan", "organisation"
    )
    return evaluation.seed_actions(actions.prefetch_related("metrics"), seed_of_plan)


def quality(unjudged: int) -> dict:
    from lanu.search import analysis, evaluation

    seeds = load_seeds()
    pairs = evaluation.read_pairs(PAIRS.open(encoding="utf-8"))
    ids = evaluation.resolve_keys([k for p in pairs for k in (p.first, p.second)], seeds.keyed)
    judged = evaluation.judgements(pairs, ids)
    methods = {
        name: evaluation.evaluate(seeds.texts, seeds.organisations, judged, tokeniser).__dict__
        for name, tokeniser in evaluation.METHODS.items()
    }
    methods["similar_actions_index"] = evaluation.precision_at(index_rankings(judged), judged)
    methods["similar_actions_index"] = methods["similar_actions_index"].__dict__
    figures = {
        "voikko_installed": analysis.voikko() is not None,
        "actions": len(seeds.keyed),
        "pairs": labelled_counts(pairs, ids, seeds),
        "methods": methods,
        "sentence_embeddings": "not measured: no offline model installs from a package here",
    }
    if unjudged:
        figures["unjudged"] = unjudged_pairs(seeds, judged, unjudged)
    return figures


def index_rankings(judged) -> dict:
    """similar_actions() of each query, as a reader of the three published plans."""
    from django.contrib.auth.models import AnonymousUser

    from lanu.plans.models import Action
    from lanu.search import evaluation
    from lanu.search.similarity import similar_actions

    queries = evaluation.queries_of(judged)
    actions = Action.objects.select_related("plan").in_bulk(list(queries))
    return {
        pk: [found.action.pk for found in similar_actions(action, user=AnonymousUser())]
        for pk, action in actions.items()
    }


def labelled_counts(pairs, ids, seeds) -> dict:
    from collections import Counter

    plan_of = {a.id: a.seed for a in seeds.keyed}
    across = sum(1 for p in pairs if plan_of[ids[p.first]] != plan_of[ids[p.second]])
    counts = {"total": len(pairs), "across_plans": across, "within_a_plan": len(pairs) - across}
    return counts | dict(Counter(p.label for p in pairs))


def unjudged_pairs(seeds, judged, top: int) -> list[list[str]]:
    """The unlabelled (query, found) pairs among each method's top `top`, as keys' texts."""
    from lanu.search import evaluation

    text = {a.id: f"{a.seed} | {a.organisation} | {a.text[:170]}" for a in seeds.keyed}
    found = {}
    for tokeniser in evaluation.METHODS.values():
        vectors = evaluation.tfidf_vectors(seeds.texts, tokeniser)
        for query in evaluation.queries_of(judged):
            for other in evaluation.top_similar(vectors, seeds.organisations, query, top):
                pair = frozenset((query, other))
                if pair not in judged:
                    found[pair] = sorted([text[query], text[other]])
    return sorted(found.values())


if __name__ == "__main__":
    main()
