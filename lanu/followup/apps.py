from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "lanu.followup"
    verbose_name = _("Follow-up")

    def ready(self):
        """The plan's and action's pages show follow-up panels (panels.py); a metric's
        kind change converts the values reported for it (value_kinds.py)."""
        from lanu.plans.metrics import VALUE_CONVERTERS
        from lanu.plans.panels import ACTION_PAGE, PLAN_PAGE, register

        from .panels import ACTION_PANEL, PLAN_PANEL, action_panel, plan_panel
        from .value_kinds import convert_values

        register(PLAN_PAGE, PLAN_PANEL, plan_panel)
        register(ACTION_PAGE, ACTION_PANEL, action_panel)
        if convert_values not in VALUE_CONVERTERS:
            VALUE_CONVERTERS.append(convert_values)
