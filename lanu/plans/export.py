"""The plan as open data: Lanu's JSON format "lanu-plan/1" (docs/data-formats.md)."""

from django.db.models import Prefetch

from .listing import plan_actions
from .models import Action, Goal, Plan, SubGoal

FORMAT = "lanu-plan/1"
ACTION_TEXT_FIELDS = ("description", "items", "schedule", "permanence", "responsible")
ACTION_TEXT_FIELDS += ("monitoring", "ease", "impact", "notes")


def plan_goals(plan: Plan):
    """The plan's goals and their sub-goals in order, without archived ones: 2 queries."""
    subgoals = Prefetch("subgoals", queryset=SubGoal.objects.filter(archived=False))
    return plan.goals.filter(archived=False).prefetch_related(subgoals)


def export_plan(plan: Plan) -> dict:
    return {
        "format": FORMAT,
        "plan": plan_header(plan),
        "organisations": [organisation_dict(p.organisation) for p in plan_participations(plan)],
        "sections": [
            {"kind": s.kind, "title": s.title, "body": s.body} for s in plan.sections.all()
        ],
        "indicators": [indicator_dict(i) for i in plan.indicator_descriptions.all()],
        "goals": [goal_dict(goal) for goal in plan_goals(plan)],
        "actions": [action_dict(action) for action in plan_actions(plan)],
    }


def plan_participations(plan: Plan):
    return plan.participations.select_related("organisation")


def plan_header(plan: Plan) -> dict:
    return {
        "slug": plan.slug,
        "name": plan.name,
        "region": plan.region,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "language": plan.language,
        "level_labels": plan.level_labels,
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


def goal_dict(goal: Goal) -> dict:
    return {
        "number": goal.number,
        "title": goal.title,
        "description": goal.description,
        "notes": goal.notes,
        "subgoals": [
            {"number": s.number, "title": s.title, "description": s.description, "notes": s.notes}
            for s in goal.subgoals.all()
        ],
    }


def action_dict(action: Action) -> dict:
    metrics = action.metric_list
    return {
        "organisation": action.organisation.name,
        "subgoals": [subgoal.key for subgoal in action.subgoal_refs],
        **{name: getattr(action, name) for name in ACTION_TEXT_FIELDS},
        "metrics": [metric.text for metric in metrics],
        "metrics_by_mother_tongue": [n for n, m in enumerate(metrics) if m.by_mother_tongue],
        "start_date": action.start_date.isoformat() if action.start_date else None,
        "end_date": action.end_date.isoformat() if action.end_date else None,
    }
