"""The plan as open data: Lanu's JSON format "lanu-plan/1" (docs/data-formats.md).

`export_plan()` is the plan document: live goals, sub-goals and actions only.
`public_export()` is what anyone who may read the plan downloads (the JSON export,
`export-plan --public`): the same without the notes the import kept of the plan, its
goals and sub-goals, which are for coordinators only.
`plan_document(plan, every_goal(plan), every_action(plan), flagged=True)` is the
plan part of a full export (lanu/backup/): archived items too, each flagged.
A higher app adds a part to the downloaded document through `DOCUMENT_PARTS`
(registered in its AppConfig.ready(): plans imports no higher app).
"""

from collections.abc import Callable

from django.db.models import Prefetch

from .labels import label_translations
from .listing import plan_actions, plan_goals, plan_participations, streamed_actions
from .models import Action, Goal, Metric, Plan, SubGoal

FORMAT = "lanu-plan/1"
ACTION_TEXT_FIELDS: tuple[str, ...] = ("description", "items", "schedule", "permanence")
ACTION_TEXT_FIELDS += ("responsible", "monitoring", "ease", "impact", "notes")
# key -> a function giving that part of the downloaded document for a plan, or None for
# no such key (e.g. "indicator_values", lanu/indicators/export.py)
DOCUMENT_PARTS: dict[str, Callable[[Plan], object]] = {}


def every_goal(plan: Plan):
    """Every goal and sub-goal of the plan in order, archived ones too: 2 queries."""
    return plan.goals.order_by("order", "id").prefetch_related(
        Prefetch("subgoals", queryset=SubGoal.objects.order_by("order", "id"))
    )


def every_action(plan: Plan) -> list[Action]:
    """Every action, archived ones too, with all its sub-goal keys and metrics: 3 queries.

    `metric_list` holds Metric rows: their pk lets the full export name a metric
    by its position in the action.
    """
    actions = list(plan.actions.select_related("organisation").order_by("order", "id"))
    keys, metrics = every_subgoal_key(plan), every_metric(plan)
    for action in actions:
        action.subgoal_keys = keys.get(action.pk, [])
        action.metric_list = metrics.get(action.pk, [])
    return actions


def every_subgoal_key(plan: Plan) -> dict[int, list[str]]:
    links = (
        Action.subgoals.through.objects.filter(action__plan=plan)
        .order_by("subgoal__goal__order", "subgoal__goal_id", "subgoal__order", "subgoal_id")
        .values_list("action_id", "subgoal__goal__number", "subgoal__number")
    )
    keys: dict[int, list[str]] = {}
    for action_id, goal, number in links:
        keys.setdefault(action_id, []).append(f"{goal}.{number}")
    return keys


def every_metric(plan: Plan) -> dict[int, list[Metric]]:
    rows = Metric.objects.filter(action__plan=plan).order_by("action_id", "order", "id")
    metrics: dict[int, list] = {}
    fields = ("pk", "action_id", "text", "by_mother_tongue", "kind", "unit", "archived")
    for metric in rows.only(*fields):
        metrics.setdefault(metric.action_id, []).append(metric)
    return metrics


def export_plan(plan: Plan) -> dict:
    """The plan document: live goals, sub-goals and actions, nothing archived."""
    return plan_document(plan, plan_goals(plan), plan_actions(plan))


def public_export(plan: Plan) -> dict:
    """The export a visitor reads: the import's notes of the plan, goals and sub-goals empty."""
    return without_notes(export_plan(plan))


def streamed_export(plan: Plan, public: bool = True) -> dict:
    """export_plan() (public_export() if `public`) with the actions an iterator that
    reads them as they are written (lanu/lib/exporters.py `json_pieces()`)."""
    document = plan_document(plan, plan_goals(plan), [])
    document["actions"] = (action_dict(action) for action in streamed_actions(plan))
    for key, part in DOCUMENT_PARTS.items():
        if (found := part(plan)) is not None:
            document[key] = found
    return without_notes(document) if public else document


def without_notes(document: dict) -> dict:
    """The document without the notes the import kept of the plan, goals and sub-goals."""
    document["plan"]["notes"] = ""
    for goal in document["goals"]:
        goal["notes"] = ""
        for subgoal in goal["subgoals"]:
            subgoal["notes"] = ""
    return document


def plan_document(plan: Plan, goals, actions, flagged: bool = False) -> dict:
    """The plan part of the document; `flagged` adds each item's "archived" flag."""
    return {
        "format": FORMAT,
        "plan": plan_header(plan),
        "organisations": [organisation_dict(p.organisation) for p in plan_participations(plan)],
        "sections": [
            {"kind": s.kind, "title": s.title, "body": s.body} for s in plan.sections.all()
        ],
        "indicators": [indicator_dict(i) for i in plan.indicator_descriptions.all()],
        "goals": [goal_dict(goal, flagged) for goal in goals],
        "actions": [action_dict(action, flagged) for action in actions],
    }


def plan_header(plan: Plan) -> dict:
    return {
        "slug": plan.slug,
        "name": plan.name,
        "region": plan.region,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "language": plan.language,
        "level_labels": plan.level_labels | label_translations(plan),
        "approved_by": plan.approved_by,
        "approved_on": plan.approved_on.isoformat() if plan.approved_on else None,
        "status": plan.status,
        "published": plan.published,
        "notes": plan.notes,
        "source": plan.source,
    }


def organisation_dict(organisation) -> dict:
    return {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "aliases": list(organisation.aliases),
    }


def indicator_dict(indicator) -> dict:
    fields = ("number", "group", "name", "description", "source")
    return {name: getattr(indicator, name) for name in fields}


def with_flag(item: dict, instance, flagged: bool) -> dict:
    return {**item, "archived": instance.archived} if flagged else item


def goal_dict(goal: Goal, flagged: bool = False) -> dict:
    item = {
        "number": goal.number,
        "title": goal.title,
        "description": goal.description,
        "notes": goal.notes,
        "subgoals": [subgoal_dict(subgoal, flagged) for subgoal in goal.subgoals.all()],
    }
    return with_flag(item, goal, flagged)


def subgoal_dict(subgoal: SubGoal, flagged: bool = False) -> dict:
    item = {
        "number": subgoal.number,
        "title": subgoal.title,
        "description": subgoal.description,
        "notes": subgoal.notes,
    }
    return with_flag(item, subgoal, flagged)


def action_dict(action: Action, flagged: bool = False) -> dict:
    metrics = action.metric_list
    keys = action.subgoal_keys if flagged else [ref.key for ref in action.subgoal_refs]
    item = {
        "organisation": action.organisation.name,
        "subgoals": keys,
        **{name: getattr(action, name) for name in ACTION_TEXT_FIELDS},
        "metrics": [metric.text for metric in metrics],
        "metrics_by_mother_tongue": [n for n, m in enumerate(metrics) if m.by_mother_tongue],
        "metric_kinds": [m.kind for m in metrics],
        "metric_units": [m.unit for m in metrics],
        "start_date": action.start_date.isoformat() if action.start_date else None,
        "end_date": action.end_date.isoformat() if action.end_date else None,
    }
    return with_flag(item, action, flagged)
