"""What the follow-up app shows on the plan's pages: its panels (lanu.plans.panels),
registered in FollowupConfig.ready(), so that plans imports nothing of follow-up."""

from lanu.accounts.permissions import can_follow_up, editable_organisation_ids
from lanu.plans.models import Plan

from . import published
from .models import FollowUpRound

PLAN_PANEL = "followup/plan_panel.html"
ACTION_PANEL = "followup/action_years.html"


def plan_panel(request, plan: Plan, participations) -> dict:
    """The open rounds and the links to the rounds and the plan's progress."""
    return {
        "may_follow_up": can_follow_up(request.user, plan),
        "has_progress": plan.rounds.filter(state=FollowUpRound.State.CLOSED).exists(),
        "open_rounds": open_rounds_of(request.user, plan, participations),
    }


def open_rounds_of(user, plan: Plan, participations) -> list[FollowUpRound]:
    """The plan's open rounds, each with the organisations whose report this person writes.

    Only members of the plan see them (0 queries for anyone else, 1 for members), so that
    coordinators and editors reach their work in a round from the plan page.
    """
    if not can_follow_up(user, plan):
        return []
    rounds = list(plan.rounds.filter(state=FollowUpRound.State.OPEN).order_by("-year"))
    own = editable_organisation_ids(user, plan)
    organisations = [
        p.organisation for p in participations if own is not None and p.organisation_id in own
    ]
    for round_ in rounds:
        round_.own_organisations = organisations
    return rounds


def action_panel(request, plan: Plan, action) -> dict:
    """The action's submitted reports, year by year."""
    return {"yearly_reports": published.yearly(action)}
