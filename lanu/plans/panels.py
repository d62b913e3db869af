"""Panels that a higher app adds to the plan's pages, registered in its AppConfig.ready().

Plans imports no higher app (import-linter holds it; docs/architecture.md). Where a plan
page shows something of a higher app (the follow-up app's open rounds and progress links
on the plan page, an action's reports year by year on the action page), that app
registers a panel here: a template, and a function giving the template's context. The
page includes its panels in the order they were registered; with the app gone, the
page simply has no such panel.
"""

from collections.abc import Callable
from dataclasses import dataclass

PLAN_PAGE = "plan"  # the panel's function is given request, plan and participations
ACTION_PAGE = "action"  # the panel's function is given request, plan and action
SUBGOAL_PAGE = "subgoal"  # the panel's function is given request, plan and subgoal


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[..., dict]


registered: dict[str, list[Panel]] = {PLAN_PAGE: [], ACTION_PAGE: [], SUBGOAL_PAGE: []}


def register(page: str, template: str, context: Callable[..., dict]) -> None:
    """Add a panel to the page, once (ready() runs again when tests reload the apps)."""
    panel = Panel(template, context)
    if panel not in registered[page]:
        registered[page].append(panel)


def panels_of(page: str, request, **shown) -> dict:
    """The page's panels: their templates (as "panels"), and the context each gives."""
    context: dict = {}
    for panel in registered[page]:
        context |= panel.context(request, **shown)
    return context | {"panels": [panel.template for panel in registered[page]]}
