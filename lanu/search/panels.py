"""What the search app shows on the plan's pages (lanu.plans.panels), registered in
SearchConfig.ready(): an action's similar actions of other organisations, and the plan's
overlap count for its coordinators."""

from lanu.accounts.permissions import can_coordinate
from lanu.plans.models import Plan

from .overlaps import DEFAULT_THRESHOLD, overlap_count
from .similarity import similar_actions

ACTION_PANEL = "search/similar_panel.html"
PLAN_PANEL = "search/overlaps_panel.html"
SHOWN = 8  # similar actions on an action's page


def action_panel(request, plan: Plan, action) -> dict:
    """The most similar actions of other organisations, in this plan and in the others
    this person may read (a fixed number of queries, however large the plans)."""
    return {"similar_actions": similar_actions(action, user=request.user, limit=SHOWN)}


def plan_panel(request, plan: Plan, participations) -> dict:
    """The overlap count, for the plan's coordinators only (no query for anyone else)."""
    if not can_coordinate(request.user, plan):
        return {"overlap_count": None}
    threshold = round(DEFAULT_THRESHOLD * 100)
    return {"overlap_count": overlap_count(plan), "overlap_threshold": threshold}
