from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "lanu.indicators"
    verbose_name = _("Welfare indicators")

    def ready(self):
        """A published plan's downloaded document lists its indicators (export.py); the
        plan's page links to the indicator dashboard and a sub-goal's page shows its
        indicators (panels.py): so that plans imports nothing of indicators."""
        from lanu.plans.export import DOCUMENT_PARTS
        from lanu.plans.panels import PLAN_PAGE, SUBGOAL_PAGE, register

        from .export import published_indicators
        from .panels import PLAN_PANEL, SUBGOAL_PANEL, plan_panel, subgoal_panel

        DOCUMENT_PARTS["indicator_values"] = published_indicators
        register(PLAN_PAGE, PLAN_PANEL, plan_panel)
        register(SUBGOAL_PAGE, SUBGOAL_PANEL, subgoal_panel)
