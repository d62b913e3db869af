"""What the indicators app shows on the plan's pages (lanu.plans.panels), registered in
IndicatorsConfig.ready(): the plan page's link to the indicator dashboard, and on a
sub-goal's page the indicators that follow it, rated as on the dashboard."""

from lanu.plans.models import Plan, SubGoal

from .comparison import compare_plan, plan_links
from .dashboard import rule_text, sections

PLAN_PANEL = "indicators/plan_panel.html"
SUBGOAL_PANEL = "indicators/subgoal_panel.html"


def plan_panel(request, plan: Plan, participations) -> dict:
    """Whether the plan has indicators to link to: one query."""
    return {"has_indicators": plan.plan_indicators.exists()}


def subgoal_panel(request, plan: Plan, subgoal: SubGoal) -> dict:
    """The sub-goal's indicators with their latest values beside the reference."""
    links = list(plan_links(plan).filter(subgoals=subgoal))
    if not links:
        return {"indicator_sections": []}
    compared = compare_plan(plan, links)
    return {
        "indicator_sections": sections(compared.indicators, ""),
        "indicator_reference": compared.reference_area.name,
        "indicator_rule": rule_text(compared),
    }
