"""What the clock shows on the plan page: a link to the plan's vuosikello (lanu.plans.panels)."""

PLAN_PANEL = "yearclock/plan_panel.html"


def plan_panel(request, plan, participations) -> dict:
    """Nothing to read: the panel is a link (no query)."""
    return {}
