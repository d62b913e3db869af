from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "lanu.voice"
    verbose_name = _("Voice of children and youth")

    def ready(self):
        """The plan's, sub-goal's and action's pages show the feedback forms (form_panels.py)
        and the child impact assessments (assessment_panels.py); the plan's downloaded
        document carries its READY assessments (assessment_export.py): so that plans
        imports nothing of voice."""
        from lanu.plans.export import DOCUMENT_PARTS
        from lanu.plans.panels import ACTION_PAGE, PLAN_PAGE, SUBGOAL_PAGE, register

        from . import assessment_panels as assessments
        from .assessment_export import published_assessments
        from .form_panels import PLAN_PANEL, SUBJECT_PANEL, action_panel, plan_panel, subgoal_panel
        from .throttling import shared_cache

        register(PLAN_PAGE, PLAN_PANEL, plan_panel)
        register(SUBGOAL_PAGE, SUBJECT_PANEL, subgoal_panel)
        register(ACTION_PAGE, SUBJECT_PANEL, action_panel)
        DOCUMENT_PARTS["child_impact_assessments"] = published_assessments
        register(PLAN_PAGE, assessments.PLAN_PANEL, assessments.plan_panel)
        register(SUBGOAL_PAGE, assessments.LINKED_PANEL, assessments.subgoal_panel)
        register(ACTION_PAGE, assessments.LINKED_PANEL, assessments.action_panel)
        checks.register(shared_cache, checks.Tags.security, deploy=True)
