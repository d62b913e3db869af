from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "lanu.indicators"
    verbose_name = _("Welfare indicators")

    def ready(self):
        """A published plan's downloaded document lists its indicators (export.py), so
        that plans imports nothing of indicators."""
        from lanu.plans.export import DOCUMENT_PARTS

        from .export import published_indicators

        DOCUMENT_PARTS["indicator_values"] = published_indicators
