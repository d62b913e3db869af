"""Actions of a plan ready to be listed: three queries however many there are.

Pages and exports list up to thousands of actions. Instead of prefetching
sub-goal and metric model instances, each action gets two plain lists,
`subgoal_refs` and `metric_list`, read with one light query each; a listing
then runs no query per row and builds no queryset per row. `streamed_actions()`
gives the same actions one at a time as the database sends them, for the
exports that stream thousands of rows (still three queries).

plan_actions() gives Action instances, for whatever works on the actions (reports,
imports). The pages that only show them in a table (all actions, a sub-goal's, an
organisation's) read action_rows(): the same actions as plain ActionRows, with only
the columns the table shows, which a 1,000-action plan reads in a fraction of the time.
"""

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from django.db.models import Prefetch
from django.urls import reverse

from .models import Action, Metric, Plan, SubGoal

CHUNK_SIZE = 500  # rows read from the database at once when streaming

OPTIONAL_COLUMNS = (
    "schedule",
    "responsible",
    "monitoring",
)  # listed only when some action has them


class SubGoalRef(NamedTuple):
    pk: int
    key: str  # "GOAL.SUB", e.g. "I.3"
    title: str
    url: str


class MetricRef(NamedTuple):
    text: str
    by_mother_tongue: bool
    kind: str = "number"
    unit: str = ""


def plan_participations(plan: Plan):
    """The plan's organisations in the plan's order, with their organisation: 1 query."""
    return plan.participations.select_related("organisation")


def plan_goals(plan: Plan):
    """The plan's goals and their sub-goals in order, without archived ones: 2 queries."""
    subgoals = Prefetch("subgoals", queryset=SubGoal.objects.filter(archived=False))
    return plan.goals.filter(archived=False).prefetch_related(subgoals)


def plan_actions(plan: Plan, **filters) -> list[Action]:
    """The plan's actions (optionally filtered) with organisation, sub-goals and metrics."""
    queryset = plan.actions.filter(archived=False, **filters).select_related("organisation")
    actions = list(queryset.order_by("order", "id"))
    return with_links(plan, queryset, actions)


def with_links(plan: Plan, queryset, items: list) -> list:
    """The listed actions (model objects or ActionRows of `queryset`) with their sub-goal
    references, metric texts and page address: two queries however many there are."""
    subgoals = subgoal_refs(plan, queryset)
    metrics = metric_lists(queryset)
    actions_url = reverse("plans:actions", args=[plan.slug])
    for item in items:
        item.subgoal_refs = subgoals.get(item.pk, [])
        item.metric_list = metrics.get(item.pk, [])
        item.url = f"{actions_url}{item.pk}/"
    return items


@dataclass(slots=True)
class ActionRow:
    """One action as a listing table shows it (plans/_action_table.html)."""

    pk: int
    order: int
    organisation_id: int
    organisation_name: str
    description: str
    items: list[str]
    schedule: str
    responsible: str
    monitoring: str
    url: str = ""
    subgoal_refs: list[SubGoalRef] = field(default_factory=list)
    metric_list: list[MetricRef] = field(default_factory=list)
    group_size: int = 0  # set on the first action of an organisation's group
    organisation_url: str = ""

    @property
    def number(self) -> int:
        """The action's number in the plan, counting from 1 (as Action.number)."""
        return self.order + 1


ROW_FIELDS = (
    "pk",
    "order",
    "organisation_id",
    "organisation__name",
    "description",
    "items",
) + OPTIONAL_COLUMNS


def action_rows(plan: Plan, **filters) -> list[ActionRow]:
    """The plan's actions (optionally filtered) as ActionRows, in three queries."""
    queryset = plan.actions.filter(archived=False, **filters)
    values = queryset.order_by("order", "id").values_list(*ROW_FIELDS)
    return with_links(plan, queryset, [ActionRow(*fields) for fields in values])


def subgoal_refs(plan: Plan, actions) -> dict[int, list[SubGoalRef]]:
    links = (
        Action.subgoals.through.objects.filter(action__in=actions.values("pk"))
        .filter(subgoal__archived=False, subgoal__goal__archived=False)
        .order_by("subgoal__goal__order", "subgoal__order")
        .values_list(
            "action_id", "subgoal_id", "subgoal__goal__number", "subgoal__number", "subgoal__title"
        )
    )
    subgoals_url = reverse("plans:plan", args=[plan.slug]) + "subgoals/"
    refs: dict[int, list[SubGoalRef]] = {}
    for action_id, pk, goal, number, title in links:
        ref = SubGoalRef(pk, f"{goal}.{number}", title, f"{subgoals_url}{pk}/")
        refs.setdefault(action_id, []).append(ref)
    return refs


def metric_lists(actions) -> dict[int, list[MetricRef]]:
    rows = (
        Metric.objects.filter(action__in=actions.values("pk"), archived=False)
        .order_by("action_id", "order")
        .values_list("action_id", "text", "by_mother_tongue", "kind", "unit")
    )
    metrics: dict[int, list[MetricRef]] = {}
    for action_id, text, by_mother_tongue, kind, unit in rows:
        metrics.setdefault(action_id, []).append(MetricRef(text, by_mother_tongue, kind, unit))
    return metrics


def streamed_actions(plan: Plan) -> Iterator[Action]:
    """The plan's live actions as plan_actions() gives them, read in chunks as they are
    listed: three queries iterated side by side, all in the actions' order."""
    live = plan.actions.filter(archived=False).select_related("organisation")
    actions = live.order_by("order", "id").iterator(chunk_size=CHUNK_SIZE)
    subgoals = by_action(streamed_subgoal_refs(plan))
    metrics = by_action(streamed_metrics(plan))
    next(subgoals), next(metrics)  # started: the first rows read
    actions_url = reverse("plans:actions", args=[plan.slug])
    for action in actions:
        action.subgoal_refs = subgoals.send((action.order, action.pk))
        action.metric_list = metrics.send((action.order, action.pk))
        action.url = f"{actions_url}{action.pk}/"
        yield action


ACTION_ORDER = ("action__order", "action_id")  # as the actions are listed


def streamed_subgoal_refs(plan: Plan) -> Iterator[tuple[tuple[int, int], SubGoalRef]]:
    links = (
        Action.subgoals.through.objects.filter(action__plan=plan, action__archived=False)
        .filter(subgoal__archived=False, subgoal__goal__archived=False)
        .order_by(*ACTION_ORDER, "subgoal__goal__order", "subgoal__order")
        .values_list(
            *ACTION_ORDER,
            "subgoal_id",
            "subgoal__goal__number",
            "subgoal__number",
            "subgoal__title",
        )
    )
    subgoals_url = reverse("plans:plan", args=[plan.slug]) + "subgoals/"
    for order, action_id, pk, goal, number, title in links.iterator(chunk_size=CHUNK_SIZE):
        ref = SubGoalRef(pk, f"{goal}.{number}", title, f"{subgoals_url}{pk}/")
        yield (order, action_id), ref


def streamed_metrics(plan: Plan) -> Iterator[tuple[tuple[int, int], MetricRef]]:
    rows = (
        Metric.objects.filter(action__plan=plan, action__archived=False, archived=False)
        .order_by(*ACTION_ORDER, "order", "id")
        .values_list(*ACTION_ORDER, "text", "by_mother_tongue", "kind", "unit")
    )
    for order, action_id, text, by_mother_tongue, kind, unit in rows.iterator(CHUNK_SIZE):
        yield (order, action_id), MetricRef(text, by_mother_tongue, kind, unit)


def by_action(
    rows: Iterator[tuple[tuple[int, int], Any]],
) -> Generator[list, tuple[int, int], None]:
    """Sent an action's (order, pk), answers its items: the rows come in the actions'
    order, so each action's are read once, when it is listed (those of an action
    that is not listed, added meanwhile, are passed over)."""
    groups = groupby(rows, key=itemgetter(0))
    group = next(groups, None)
    items: list = []
    while True:
        key = yield items
        while group is not None and group[0] < key:
            group = next(groups, None)
        items = []
        if group is not None and group[0] == key:
            items = [item for _key, item in group[1]]
            group = next(groups, None)
