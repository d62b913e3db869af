"""Actions of a plan ready to be listed: three queries however many there are.

Pages and exports list up to thousands of actions. Instead of prefetching
sub-goal and metric model instances, each action gets two plain lists,
`subgoal_refs` and `metric_list`, read with one light query each; a listing
then runs no query per row and builds no queryset per row.
"""

from typing import NamedTuple

from django.urls import reverse

from .models import Action, Metric, Plan

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


def plan_actions(plan: Plan, **filters) -> list[Action]:
    """The plan's actions (optionally filtered) with organisation, sub-goals and metrics."""
    queryset = plan.actions.filter(archived=False, **filters).select_related("organisation")
    actions = list(queryset.order_by("order", "id"))
    subgoals = subgoal_refs(plan, queryset)
    metrics = metric_lists(queryset)
    actions_url = reverse("plans:actions", args=[plan.slug])
    for action in actions:
        action.subgoal_refs = subgoals.get(action.pk, [])
        action.metric_list = metrics.get(action.pk, [])
        action.url = f"{actions_url}{action.pk}/"
    return actions


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
    for action_id, *fields in rows:
        metrics.setdefault(action_id, []).append(MetricRef(*fields))
    return metrics
