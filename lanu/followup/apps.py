from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "lanu.followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from lanu.plans.panels import ACTION_PAGE, PLAN_PAGE, register

        from .panels import ACTION_PANEL, PLAN_PANEL, action_panel, plan_panel

        register(PLAN_PAGE, PLAN_PANEL, plan_panel)
        register(ACTION_PAGE, ACTION_PANEL, action_panel)
