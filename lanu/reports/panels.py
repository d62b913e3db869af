"""The plan page's link to the reports (lanu.plans.panels), registered in ReportsConfig.ready()."""

from lanu.plans.models import Plan

PLAN_PANEL = "reports/plan_panel.html"


def plan_panel(request, plan: Plan, participations) -> dict:
    """Nothing to read: whoever reads the plan may have its reports (content.py: only what
    is public goes in them)."""
    return {}
