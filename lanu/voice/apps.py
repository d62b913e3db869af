from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "lanu.voice"
    verbose_name = _("Voice of children and youth")

    def ready(self):
        """The plan's, sub-goal's and action's pages show the feedback forms (form_panels.py),
        so that plans imports nothing of voice."""
        from lanu.plans.panels import ACTION_PAGE, PLAN_PAGE, SUBGOAL_PAGE, register

        from .form_panels import PLAN_PANEL, SUBJECT_PANEL, action_panel, plan_panel, subgoal_panel

        register(PLAN_PAGE, PLAN_PANEL, plan_panel)
        register(SUBGOAL_PAGE, SUBJECT_PANEL, subgoal_panel)
        register(ACTION_PAGE, SUBJECT_PANEL, action_panel)
