"""The coordinator's choice of where a plan's indicators are looked at."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Area, PlanAreas

MOST_TOLERANCE = 100


class PlanAreasForm(forms.ModelForm):
    """The plan's own area(s), the reference area (none: the whole country) and the
    tolerance within which a value counts as neutral."""

    class Meta:
        model = PlanAreas
        fields = ["areas", "reference_area", "tolerance"]
        localized_fields = ["tolerance"]
        help_texts = {
            "areas": _("The areas the plan is for, e.g. its welfare area or municipalities."),
            "reference_area": _("Left empty, the plan is compared with the whole country."),
            "tolerance": _("Within this many per cent of the reference, a value is neutral."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = Area.objects.order_by("kind", "name_fi")
        self.fields["areas"].queryset = areas
        self.fields["reference_area"].queryset = areas
        self.fields["reference_area"].empty_label = _("The whole country")

    def clean_tolerance(self):
        tolerance = self.cleaned_data["tolerance"]
        if not 0 <= tolerance <= MOST_TOLERANCE:
            raise forms.ValidationError(_("Give a tolerance from 0 to 100 per cent."))
        return tolerance
