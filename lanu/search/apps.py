from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "lanu.search"
    verbose_name = _("Search")

    def ready(self):
        """An action's similar-actions index follows its changes (signals.py)."""
        from . import signals

        signals.connect()
