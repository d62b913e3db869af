from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearclockConfig(AppConfig):
    name = "lanu.yearclock"
    verbose_name = _("Annual calendar")

    def ready(self):
        """A follow-up round gets its events on the clock (rounds.py); the plan page links
        to the clock (panels.py)."""
        from django.db.models.signals import post_save

        from lanu.followup.models import FollowUpRound
        from lanu.plans.panels import PLAN_PAGE, register

        from .panels import PLAN_PANEL, plan_panel
        from .rounds import round_saved

        post_save.connect(round_saved, sender=FollowUpRound, dispatch_uid="yearclock-round")
        register(PLAN_PAGE, PLAN_PANEL, plan_panel)
