from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "lanu.search"
    verbose_name = _("Search")

    def ready(self):
        """An action's similar-actions index, and the full-text index of every searchable
        thing, follow their changes (signals.py); the action page shows its similar actions
        and the plan page its overlap count (panels.py)."""
        from lanu.plans.panels import ACTION_PAGE, PLAN_PAGE, register

        from . import signals
        from .panels import ACTION_PANEL, PLAN_PANEL, action_panel, plan_panel

        signals.connect()
        register(PLAN_PAGE, PLAN_PANEL, plan_panel)
        register(ACTION_PAGE, ACTION_PANEL, action_panel)
        signals.connect_fulltext()
