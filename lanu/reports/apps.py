from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lanu.reports"
    verbose_name = _("Reports to the council")

    def ready(self):
        """The plan's page links to its reports (panels.py), so plans imports nothing of this."""
        from lanu.plans.panels import PLAN_PAGE, register

        from .panels import PLAN_PANEL, plan_panel

        register(PLAN_PAGE, PLAN_PANEL, plan_panel)
