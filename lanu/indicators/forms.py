"""The coordinator's choice of where a plan's indicators are looked at."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Area, AreaKind, PlanAreas

MOST_TOLERANCE = 100
# Offered always: a few dozen in all of Finland. Municipalities (some 300) and other
# areas only as members of the areas chosen, or when chosen.
LARGE_KINDS = [AreaKind.COUNTRY, AreaKind.WELFARE_AREA, AreaKind.REGION]


class PlanAreasForm(forms.ModelForm):
    """The plan's own area(s), the reference area (none: the whole country) and the
    tolerance within which a value counts as neutral. Both selects are drawn from one
    query of the areas offered, grouped by kind."""

    class Meta:
        model = PlanAreas
        fields = ["areas", "reference_area", "tolerance"]
        localized_fields = ["tolerance"]
        help_texts = {
            "areas": _(
                "The areas the plan is for: its welfare area or region. Once they are "
                "saved, their municipalities are offered too."
            ),
            "reference_area": _("Left empty, the plan is compared with the whole country."),
            "tolerance": _("Within this many per cent of the reference, a value is neutral."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = offered_areas(self.instance)
        groups = grouped(list(offered))
        for name in ("areas", "reference_area"):
            self.fields[name].queryset = offered
        self.fields["areas"].widget.choices = groups
        self.fields["reference_area"].widget.choices = [("", _("The whole country")), *groups]

    def clean_tolerance(self):
        tolerance = self.cleaned_data["tolerance"]
        if not 0 <= tolerance <= MOST_TOLERANCE:
            raise forms.ValidationError(_("Give a tolerance from 0 to 100 per cent."))
        return tolerance


def offered_areas(chosen: PlanAreas) -> QuerySet[Area]:
    """The country, welfare areas and regions; the members (municipalities) of the areas
    chosen; and whatever is chosen."""
    offered = Q(kind__in=LARGE_KINDS)
    if chosen.pk:
        offered |= Q(member_of__plans=chosen) | Q(plans=chosen)
    if chosen.reference_area_id:
        offered |= Q(pk=chosen.reference_area_id)
    return Area.objects.filter(offered).distinct().order_by("kind", "name_fi", "pk")


def grouped(areas: list[Area]) -> list[tuple[str, list[tuple[int, str]]]]:
    """The areas as a select's groups, one per kind in the order of AreaKind."""
    groups = []
    for kind, label in AreaKind.choices:
        members = [(area.pk, str(area)) for area in areas if area.kind == kind]
        if members:
            groups.append((str(label), members))
    return groups
