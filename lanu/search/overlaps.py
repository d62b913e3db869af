"""The coordinators' review of overlapping work: the plan's candidate pairs (actions of
different organisations whose TF-IDF cosine is at least a threshold, similarity.py) are
decided "same work", "related" or "different", and the decisions are kept.

A decision belongs to the pair of actions, not to their texts: it stays when the index is
built again or either text changes, and goes only with either action (deleted). A pair
with an archived action is neither listed nor counted while it is archived.

The plan's overlap count is two numbers: the candidate pairs above the threshold still
waiting for a decision ("to review"), and the pairs decided "same work". Each decision
takes one pair off "to review".

The plan page shows the count to coordinators on every visit; a large plan's review takes
a second or two (1,000 actions), so the count is kept in the cache under the state it was
counted from (count_state): any change of the plan's actions, of the index or of the
decisions names another state, and the count is counted again.
"""

import hashlib
from dataclasses import astuple, dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from lanu.plans.models import Action, Plan

from .models import IndexedAction, OverlapDecision, Posting
from .similarity import CandidatePair, PlanVectors, candidate_pairs, plan_vectors

DEFAULT_THRESHOLD = 0.3
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
Verdict = OverlapDecision.Verdict


@dataclass
class DecidedPair:
    """A pair of live actions and the coordinator's decision on it, its score as of now."""

    pair: CandidatePair
    decision: OverlapDecision


@dataclass
class OverlapCount:
    """The candidate pairs waiting for a decision, and the pairs decided "same work"."""

    to_review: int
    same_work: int


@dataclass
class Review:
    """What the overlap review page shows: the open pairs and the decided ones."""

    threshold: float
    open: list[CandidatePair]
    decided: list[DecidedPair]

    @property
    def count(self) -> OverlapCount:
        same = sum(1 for each in self.decided if each.decision.verdict == Verdict.SAME_WORK)
        return OverlapCount(len(self.open), same)


def review(plan: Plan, threshold: float = DEFAULT_THRESHOLD) -> Review:
    """The plan's candidate pairs above the threshold, undecided and decided (a fixed
    number of queries, however many actions and decisions)."""
    found = plan_vectors(plan)
    decisions = decisions_of(plan)
    pairs = candidate_pairs(plan, threshold, found)
    waiting = [pair for pair in pairs if pair.key not in decisions]
    return Review(threshold, waiting, decided_pairs(found, decisions))


def open_pairs(plan: Plan, threshold: float = DEFAULT_THRESHOLD) -> list[CandidatePair]:
    """The candidate pairs above the threshold that wait for a decision."""
    return review(plan, threshold).open


def overlap_count(plan: Plan, threshold: float = DEFAULT_THRESHOLD) -> OverlapCount:
    """The plan's overlap count, from the cache while nothing it depends on changed."""
    key = count_key(plan, threshold)
    kept = cache.get(key)
    if kept is not None:
        return OverlapCount(*kept)
    counted = review(plan, threshold).count
    cache.set(key, astuple(counted), COUNT_KEPT)
    return counted


COUNT_KEPT = 24 * 60 * 60  # seconds; a state seldom comes back, so old keys simply expire


def count_key(plan: Plan, threshold: float) -> str:
    """The cache key of the count: the plan and the state it is counted from."""
    state = repr((plan.pk, threshold, count_state(plan))).encode()
    return "search-overlap-count:" + hashlib.sha256(state).hexdigest()


def count_state(plan: Plan) -> tuple:
    """What the count depends on, in four small queries: the plan's live actions and their
    versions, the index (its size and newest posting: every indexing writes new postings,
    so another plan's change of the terms' frequencies shows too) and the decisions."""
    actions = plan.actions.filter(archived=False).aggregate(
        n=Count("pk"), versions=Sum("version"), pks=Sum("pk"), last=Max("pk")
    )
    decisions = OverlapDecision.objects.filter(plan=plan).aggregate(
        n=Count("pk"), last=Max("decided_at"), verdicts=Max("verdict")
    )
    index = (IndexedAction.objects.count(), Posting.objects.aggregate(last=Max("pk"))["last"])
    return (tuple(actions.values()), index, tuple(decisions.values()))


def decisions_of(plan: Plan) -> dict[tuple[int, int], OverlapDecision]:
    rows = OverlapDecision.objects.filter(plan=plan).select_related("decided_by")
    return {(row.first_id, row.second_id): row for row in rows}


def decided_pairs(found: PlanVectors, decisions: dict) -> list[DecidedPair]:
    """The decided pairs whose actions are both live, the latest decision first."""
    decided = []
    for (first, second), decision in decisions.items():
        pair = found.pair(first, second)
        if pair is not None:
            decided.append(DecidedPair(pair, decision))
    return sorted(decided, key=lambda each: (-each.decision.decided_at.timestamp(), each.pair.key))


def decide(pair: tuple[Action, Action], verdict: str, user) -> OverlapDecision:
    """Keep the coordinator's decision on the pair (a new one replaces the old)."""
    first, second = sorted(pair, key=lambda action: action.pk)
    decision, _created = OverlapDecision.objects.update_or_create(
        first=first,
        second=second,
        defaults={"plan_id": first.plan_id, "verdict": Verdict(verdict), "decided_by": user},
    )
    return decision


def undo(pair: tuple[Action, Action]) -> bool:
    """Forget the decision on the pair: it waits for one again. Whether there was one."""
    first, second = sorted(pair, key=lambda action: action.pk)
    deleted, _rows = OverlapDecision.objects.filter(first=first, second=second).delete()
    return bool(deleted)
