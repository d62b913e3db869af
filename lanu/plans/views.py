"""Public pages of published plans, and their open-data exports.

Every page runs a fixed number of SQL queries however large the plan is
(tests/test_plan_pages_queries.py): related rows come by select_related,
prefetch_related or one aggregate query, never one query per row.
"""

from collections import defaultdict

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from lanu.accounts.permissions import (
    can_coordinate,
    can_create_plans,
    can_edit_actions_of,
    readable_plans,
)
from lanu.history.records import changes_of
from lanu.lib.exporters import streaming_response

from .access import readable_plan
from .exporters import PLAN_EXPORTERS
from .finding import PlanSearch, pagination, plan_page, plan_regions
from .listing import (
    OPTIONAL_COLUMNS,
    ActionRow,
    action_rows,
    metric_lists,
    plan_actions,
    plan_goals,
    plan_participations,
    subgoal_refs,
)
from .models import Action, Organisation, Plan, SubGoal
from .panels import ACTION_PAGE, PLAN_PAGE, SUBGOAL_PAGE, panels_of


def plan_list(request):
    """The plans this person may read, a page at a time, found by words or region."""
    plans = Plan.objects.filter(readable_plans(request.user))
    search = PlanSearch.of(request)
    page, listed = plan_page(plans, search, request.GET.get("page"))
    context = {
        "plans": listed,
        "page": page,
        "pagination": pagination(page, search),
        "search": search,
        "regions": plan_regions(plans),
        "can_create_plans": can_create_plans(request.user),
    }
    return render(request, "plans/plan_list.html", context)


def plan_detail(request, slug):
    plan = readable_plan(request, slug)
    participations = list(plan_participations(plan))
    counts = subgoal_counts(plan)
    goals = list(plan_goals(plan))
    for goal in goals:
        for subgoal in goal.subgoals.all():
            subgoal.counts = [
                (p.organisation, counts[subgoal.pk].get(p.organisation_id, 0))
                for p in participations
            ]
            subgoal.total = sum(counts[subgoal.pk].values())
    context = {
        "plan": plan,
        "goals": goals,
        "participations": participations,
        "matrix": ease_impact_matrix(plan),
        "sections": plan.sections.all(),
        "indicators": plan.indicator_descriptions.all(),
        "can_coordinate": can_coordinate(request.user, plan),
    }
    context |= panels_of(PLAN_PAGE, request, plan=plan, participations=participations)
    return render(request, "plans/plan_detail.html", context)


def subgoal_counts(plan: Plan) -> dict[int, dict[int, int]]:
    """Actions per sub-goal and organisation, in one query."""
    rows = (
        Action.subgoals.through.objects.filter(action__plan=plan, action__archived=False)
        .values_list("subgoal_id", "action__organisation_id")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for subgoal_id, organisation_id, n in rows:
        counts[subgoal_id][organisation_id] = n
    return counts


def ease_impact_matrix(plan: Plan) -> list[dict] | None:
    """The ease x impact matrix as four cells, or None when the plan has no ratings."""
    rows = (
        plan.actions.filter(archived=False)
        .exclude(ease="")
        .exclude(impact="")
        .values_list("ease", "impact")
        .annotate(n=Count("id"))
    )
    counts = {(ease, impact): n for ease, impact, n in rows}
    if not counts:
        return None
    return [
        {"impact": impact, "ease": ease, "count": counts.get((ease.value, impact.value), 0)}
        for impact in (Action.Impact.HIGH, Action.Impact.LOW)
        for ease in (Action.Ease.EASY, Action.Ease.HARD)
    ]


def shown_columns(actions) -> dict:
    """The optional columns that some of the actions fill, and how many they are."""
    shown = {name: any(getattr(a, name) for a in actions) for name in OPTIONAL_COLUMNS}
    return {**shown, "count": sum(shown.values())}


def subgoal_detail(request, slug, pk):
    plan = readable_plan(request, slug)
    subgoals = SubGoal.objects.select_related("goal").filter(archived=False, goal__archived=False)
    subgoal = get_object_or_404(subgoals, pk=pk, goal__plan=plan)
    actions = action_rows(plan, subgoals=subgoal)
    participations = plan_participations(plan)
    actions = group_by_organisation(plan, actions, participations)
    with_actions = {action.organisation_id for action in actions}
    context = {
        "plan": plan,
        "subgoal": subgoal,
        "actions": actions,
        "shown": shown_columns(actions),
        "without_actions": [
            p.organisation for p in participations if p.organisation_id not in with_actions
        ],
    }
    context |= panels_of(SUBGOAL_PAGE, request, plan=plan, subgoal=subgoal)
    return render(request, "plans/subgoal_detail.html", context)


def group_by_organisation(plan, actions, participations) -> list[ActionRow]:
    """Actions in the plan's order of organisations; the first of each group knows its size."""
    position = {p.organisation_id: n for n, p in enumerate(participations)}
    actions = sorted(actions, key=lambda action: position.get(action.organisation_id, 0))
    firsts: dict[int, ActionRow] = {}
    for action in actions:
        first = firsts.setdefault(action.organisation_id, action)
        first.group_size += 1
    for first in firsts.values():
        first.organisation_url = reverse(
            "plans:organisation", args=[plan.slug, first.organisation_id]
        )
    return actions


def organisation_detail(request, slug, pk):
    plan = readable_plan(request, slug)
    organisation = get_object_or_404(Organisation, pk=pk, participations__plan=plan)
    actions = action_rows(plan, organisation=organisation)
    context = {"plan": plan, "organisation": organisation, "actions": actions}
    context["shown"] = shown_columns(actions)
    if can_edit_actions_of(request.user, plan, organisation.pk):
        context["may_edit"] = True
        context["archived"] = plan.actions.filter(organisation=organisation, archived=True)
    return render(request, "plans/organisation_detail.html", context)


def action_list(request, slug):
    plan = readable_plan(request, slug)
    actions = action_rows(plan)
    context = {"plan": plan, "actions": actions, "shown": shown_columns(actions)}
    context["show_organisation"] = len({action.organisation_id for action in actions}) > 1
    return render(request, "plans/action_list.html", context)


def action_detail(request, slug, pk):
    plan = readable_plan(request, slug)
    found = plan_actions(plan, pk=pk)
    action = found[0] if found else archived_action(request, plan, pk)
    context = {"plan": plan, "action": action, "changes": changes_of(action)}
    context |= panels_of(ACTION_PAGE, request, plan=plan, action=action)
    context["may_edit"] = can_edit_actions_of(request.user, plan, action.organisation_id)
    return render(request, "plans/action_detail.html", context)


def archived_action(request, plan: Plan, pk: int) -> Action:
    """An archived action, shown only to those who may restore it (to others it is gone)."""
    actions = plan.actions.filter(pk=pk, archived=True)
    action = get_object_or_404(actions.select_related("organisation"))
    if not can_edit_actions_of(request.user, plan, action.organisation_id):
        raise Http404
    action.subgoal_refs = subgoal_refs(plan, actions).get(pk, [])
    action.metric_list = metric_lists(actions).get(pk, [])
    return action


def export_json(request, slug):
    plan = readable_plan(request, slug)
    # The import's notes are for coordinators, as on the plan page.
    exporter = PLAN_EXPORTERS.get("json", public=not can_coordinate(request.user, plan))
    return streaming_response(exporter, plan, exporter.filename(plan.slug), inline=True)


def export_csv(request, slug):
    plan = readable_plan(request, slug)
    exporter = PLAN_EXPORTERS.get("csv", separator=request.GET.get("sep", ","))
    return streaming_response(exporter, plan, exporter.filename(f"{plan.slug}-actions"))


def export_xlsx(request, slug):
    plan = readable_plan(request, slug)
    exporter = PLAN_EXPORTERS.get("xlsx")
    return streaming_response(exporter, plan, exporter.filename(f"{plan.slug}-actions"))
