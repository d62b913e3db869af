"""What the child impact assessments show on the plan's pages (lanu.plans.panels),
registered in VoiceConfig.ready(): on the plan page the plan's assessments, on a
sub-goal's and an action's page those linked to it. One query each, however many."""

from lanu.plans.models import Action, Plan, SubGoal

from .assessments import may_read_drafts, may_write, shown_assessments

PLAN_PANEL = "voice/assessment_plan_panel.html"
LINKED_PANEL = "voice/assessment_linked_panel.html"
LISTED = ("pk", "title", "state", "decision_date", "decider")


def plan_panel(request, plan: Plan, participations) -> dict:
    """The assessments this person reads, newest decisions first."""
    listed = list(shown_assessments(request.user, plan).only(*LISTED))
    writes = request.user.is_authenticated and may_write(request.user, plan)
    return {"plan_assessments": listed, "may_write_assessments": writes}


def subgoal_panel(request, plan: Plan, subgoal: SubGoal) -> dict:
    return linked(request, plan, shown_assessments(request.user, plan).filter(subgoals=subgoal))


def action_panel(request, plan: Plan, action: Action) -> dict:
    return linked(request, plan, shown_assessments(request.user, plan).filter(actions=action))


def linked(request, plan: Plan, found) -> dict:
    return {
        "linked_assessments": list(found.only(*LISTED)),
        "assessment_drafts_shown": may_read_drafts(request.user, plan),
    }
