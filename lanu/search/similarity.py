"""Similar actions: which actions of other organisations do the same or related work.

Each action's terms (analysis.terms of its description, items and metrics, in its plan's
language) are kept in an index: a posting (term, action, count) per term and the terms'
document frequencies. When an action changes only its postings and the frequencies of
the terms it gained or lost change (the signals of SearchConfig.ready(); an import's
actions come in bulk through index_actions). An action's similar ones are found
through the postings of its heaviest terms (no scan of all actions), then scored by the
TF-IDF cosine of vectors.py, with the terms they share.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, F, FloatField, Q, Sum, Value, When
from django.utils.translation import gettext as _

from lanu.accounts.permissions import readable_plans
from lanu.plans.models import Action, Plan

from . import analysis
from .models import IndexedAction, Posting, TermFrequency
from .vectors import Vector, cosine, shared_terms, tfidf

LONGEST_TERM = 100  # letters: the postings' column
BATCH = 1000  # actions indexed at once
QUERY_TERMS = 20  # an action's heaviest terms, whose postings give its candidates
CANDIDATES = 200  # candidates scored exactly for one action
COMMON_SHARE = 20  # a term in more than 1/20 of the actions (and over 1,000) finds none
RARE_IN_PLAN = 40  # a term in more of a plan's actions pairs none of them (sharing_pairs)
VERY_SIMILAR = 0.5  # the cosine from which two actions are "very similar"
SIMILAR = 0.3  # ... "similar"; below it "somewhat similar"


@dataclass
class SimilarAction:
    """An action found similar to another: its cosine (0-1) and the terms they share."""

    action: Action
    score: float
    shared: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def likeness(self) -> str:
        return likeness(self.score)


def likeness(score: float) -> str:
    """The similarity in a word, said beside its percentage (never by colour alone)."""
    if score >= VERY_SIMILAR:
        return _("very similar")
    if score >= SIMILAR:
        return _("similar")
    return _("somewhat similar")


def action_text(action: Action) -> str:
    """The text that says what the action is: its description, items and metrics."""
    metrics = [metric.text for metric in action.metrics.all() if not metric.archived]
    return "\n".join([action.description, *(str(item) for item in action.items), *metrics])


def action_terms(action: Action) -> Counter:
    terms = analysis.terms(action_text(action), action.plan.language)
    return Counter(term[:LONGEST_TERM] for term in terms)


def index_actions(actions: Iterable[Action]) -> None:
    """Index the actions (new or changed) in bulk: their postings replaced, the document
    frequencies of the terms they gained or lost moved by as much."""
    ids = [action.pk for action in actions]
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        loaded = Action.objects.filter(pk__in=chunk).select_related("plan")
        index_batch(list(loaded.prefetch_related("metrics")))


def index_batch(actions: list[Action]) -> None:
    new = {action.pk: action_terms(action) for action in actions}
    with transaction.atomic():
        old = postings_of(list(new))
        change_frequencies(frequency_changes(old, new))
        Posting.objects.filter(action_id__in=list(new)).delete()
        Posting.objects.bulk_create(
            Posting(term_id=term, action_id=pk, count=count)
            for pk, counts in new.items()
            for term, count in counts.items()
        )
        IndexedAction.objects.filter(action_id__in=list(new)).delete()
        IndexedAction.objects.bulk_create(
            IndexedAction(action_id=action.pk, version=action.version) for action in actions
        )


def unindex_action(action: Action) -> None:
    """Take the action out of the index (before it is deleted)."""
    with transaction.atomic():
        change_frequencies(frequency_changes(postings_of([action.pk]), {}))
        Posting.objects.filter(action_id=action.pk).delete()
        IndexedAction.objects.filter(action_id=action.pk).delete()


def postings_of(ids: list[int]) -> dict[int, Counter]:
    found: dict[int, Counter] = defaultdict(Counter)
    rows = Posting.objects.filter(action_id__in=ids).values_list("action_id", "term_id", "count")
    for pk, term, count in rows:
        found[pk][term] = count
    return found


def frequency_changes(old: dict[int, Counter], new: dict[int, Counter]) -> Counter:
    """How many more (or fewer) actions each term is in, once `old` is replaced by `new`."""
    changes: Counter = Counter()
    for counts in new.values():
        changes.update(set(counts))
    for counts in old.values():
        changes.subtract(set(counts))
    return changes


def change_frequencies(changes: Counter) -> None:
    """Move the terms' document frequencies, each UPDATE adding to what is stored (two
    indexings at once both count)."""
    TermFrequency.objects.bulk_create(
        [TermFrequency(term=term) for term in changes], ignore_conflicts=True
    )
    by_change: dict[int, list[str]] = defaultdict(list)
    for term, change in changes.items():
        if change:
            by_change[change].append(term)
    for change, terms in by_change.items():
        TermFrequency.objects.filter(term__in=terms).update(documents=F("documents") + change)


def index_stale(actions) -> None:
    """Index those of the actions (a queryset) that were never indexed or changed since:
    an action's version moves with each edit (plans/editing.py)."""
    stale = actions.filter(
        Q(similarity_entry__isnull=True) | ~Q(similarity_entry__version=F("version"))
    )
    index_actions(list(stale.only("pk")))


def vectors_of(ids: Iterable[int], total: int) -> dict[int, Vector]:
    """The actions' TF-IDF vectors, from their postings and the terms' frequencies (one
    query)."""
    documents: dict[int, list[str]] = defaultdict(list)
    frequencies: dict[str, int] = {}
    rows = Posting.objects.filter(action_id__in=list(ids))
    for pk, term, count, frequency in rows.values_list(
        "action_id", "term_id", "count", "term__documents"
    ):
        documents[pk] += [term] * count
        frequencies[term] = frequency
    return {pk: tfidf(terms, frequencies, max(total, 1)) for pk, terms in documents.items()}


def indexed_total() -> int:
    return IndexedAction.objects.count()


def similar_actions(action: Action, *, user, limit: int = 10) -> list[SimilarAction]:
    """The actions of other organisations most similar to this one, in its plan and in the
    other plans the person may read, most similar first."""
    index_stale(Action.objects.filter(pk=action.pk))
    total = indexed_total()
    vector = vectors_of([action.pk], total).get(action.pk, {})
    candidates = candidate_ids(action, vector, user, total)
    vectors = vectors_of(candidates, total)
    scored = sorted(
        ((cosine(vector, other), pk) for pk, other in vectors.items()), key=lambda s: (-s[0], s[1])
    )[:limit]
    found = Action.objects.select_related("plan", "organisation").in_bulk([pk for _s, pk in scored])
    return [
        SimilarAction(found[pk], round(score, 4), shared_terms(vector, vectors[pk]))
        for score, pk in scored
        if score > 0
    ]


def query_terms(vector: Vector) -> list[str]:
    """The action's heaviest terms, whose postings give its candidates."""
    return sorted(vector, key=lambda term: (-vector[term], term))[:QUERY_TERMS]


def candidate_ids(action: Action, vector: Vector, user, total: int) -> list[int]:
    """The other organisations' actions (not archived, in plans the person may read) that
    share the most of the action's heaviest terms: the ones to score exactly.

    A term in very many actions (more than 1/COMMON_SHARE of them, and over 1,000) is
    left out: its postings are long, and it tells little which action does the same work.
    """
    terms = query_terms(vector)
    if not terms:
        return []
    common = max(1000, total // COMMON_SHARE)
    weights = Case(
        *(When(term_id=term, then=Value(vector[term])) for term in terms),
        output_field=FloatField(),
    )
    rows = (
        Posting.objects.filter(term_id__in=terms, term__documents__lte=common)
        .exclude(action__organisation_id=action.organisation_id)
        .filter(action__archived=False, action__plan__in=Plan.objects.filter(readable_plans(user)))
        .values("action_id")
        .annotate(weight=Sum(weights))
        .order_by("-weight", "action_id")
    )
    return [row["action_id"] for row in rows[:CANDIDATES]]


@dataclass
class CandidatePair:
    """Two actions of different organisations in one plan, similar enough to review."""

    first: Action
    second: Action
    score: float
    vectors: tuple[Vector, Vector] = field(repr=False, compare=False)

    @property
    def shared(self) -> list[str]:
        """The terms that weigh most in both (worked out only for the pairs shown)."""
        return shared_terms(*self.vectors)

    @property
    def key(self) -> tuple[int, int]:
        return (self.first.pk, self.second.pk)

    @property
    def actions(self) -> tuple[Action, Action]:
        return (self.first, self.second)

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def likeness(self) -> str:
        return likeness(self.score)


@dataclass
class PlanVectors:
    """The live actions of a plan (with their organisations) and their TF-IDF vectors."""

    actions: dict[int, Action]
    vectors: dict[int, Vector]

    def pair(self, first: int, second: int) -> CandidatePair | None:
        """The pair of these two live actions (None if either is archived or gone)."""
        if first not in self.actions or second not in self.actions:
            return None
        first, second = sorted((first, second))
        one, other = self.vectors.get(first, {}), self.vectors.get(second, {})
        score = round(cosine(one, other), 4)
        return CandidatePair(self.actions[first], self.actions[second], score, (one, other))


def plan_vectors(plan: Plan) -> PlanVectors:
    """The plan's live actions and their vectors, the stale ones indexed first (a fixed
    number of queries, however large the plan)."""
    actions = plan.actions.filter(archived=False)
    index_stale(actions)
    loaded = {action.pk: action for action in actions.select_related("organisation")}
    return PlanVectors(loaded, vectors_of(loaded, indexed_total()))


def candidate_pairs(
    plan: Plan, threshold: float, found: PlanVectors | None = None
) -> list[CandidatePair]:
    """The pairs of the plan's actions (not archived, of different organisations) whose
    cosine is at least `threshold`, most similar first; `first` has the smaller id."""
    found = found or plan_vectors(plan)
    organisations = {pk: action.organisation_id for pk, action in found.actions.items()}
    scores = scored_pairs(found.vectors, organisations, threshold)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    vectors = found.vectors
    return [
        CandidatePair(
            found.actions[first],
            found.actions[second],
            round(score, 4),
            (vectors[first], vectors[second]),
        )
        for (first, second), score in ranked
    ]


def scored_pairs(
    vectors: dict[int, Vector], organisations: dict[int, int], threshold: float
) -> dict[tuple[int, int], float]:
    """The cosine of each pair of actions of different organisations that share a term
    found in few of them, if it reaches `threshold`.

    A term in more than RARE_IN_PLAN of the plan's actions (or in more than half of a
    small plan's) pairs none: such a term weighs little in the cosine, and its pairs grow
    with the square of the plan (a 1,000-action plan of the seeds' texts,
    tests/overlap_data.py: pairs to score fell from 437,000 to 61,000, and 5,513 of the
    5,545 pairs above 0.3 were still found). A pair found is scored with its whole
    vectors: the rare terms' products are summed term by term as the pairs are found,
    and the common terms' part is added only where it could lift the pair to the
    threshold (it is at most the product of the two vectors' common parts' lengths).
    """
    holders = term_holders(vectors)
    common = min(RARE_IN_PLAN, max(2, math.ceil(len(vectors) / 2)))
    rare_parts = rare_products(vectors, holders, common)
    common_parts = {
        pk: {term: weight for term, weight in vector.items() if len(holders[term]) > common}
        for pk, vector in vectors.items()
    }
    lengths = {
        pk: math.sqrt(sum(w * w for w in part.values())) for pk, part in common_parts.items()
    }
    scores = {}
    for (first, second), rare in rare_parts.items():
        if organisations[first] == organisations[second]:
            continue
        if rare + lengths[first] * lengths[second] < threshold - ROUNDING:
            continue
        score = rare + cosine(common_parts[first], common_parts[second])
        if score >= threshold:
            scores[(first, second)] = score
    return scores


ROUNDING = 1e-9  # below any difference a cosine shown to four decimals can make


def term_holders(vectors: dict[int, Vector]) -> dict[str, list[int]]:
    """Each term's actions, smallest id first."""
    holders: dict[str, list[int]] = defaultdict(list)
    for pk in sorted(vectors):
        for term in vectors[pk]:
            holders[term].append(pk)
    return holders


def rare_products(
    vectors: dict[int, Vector], holders: dict[str, list[int]], common: int
) -> dict[tuple[int, int], float]:
    """For each pair sharing a term held by at most `common` actions, the sum of those
    terms' products (the pair's first action has the smaller id)."""
    products: dict[tuple[int, int], float] = defaultdict(float)
    for term, pks in holders.items():
        if len(pks) > common:
            continue
        for n, first in enumerate(pks):
            weight = vectors[first][term]
            for second in pks[n + 1 :]:
                products[(first, second)] += weight * vectors[second][term]
    return products
