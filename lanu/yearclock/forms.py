"""The coordinator's form of a vuosikello event (saved through plans/editing.py)."""

from typing import cast

from django import forms

from lanu.followup.forms import DateInput
from lanu.plans.editing import VersionedForm
from lanu.plans.models import Organisation

from .models import Event

FIELDS = [
    "title",
    "title_sv",
    "title_en",
    "kind",
    "owner",
    "recurrence",
    "on_date",
    "month",
    "day",
    "week",
    "weekday",
    "anchor",
    "offset_days",
    "every_years",
    "first_year",
    "last_year",
    "days",
    "produces",
    "description",
    "description_sv",
    "description_en",
]


class EventForm(VersionedForm):
    class Meta:
        model = Event
        fields = FIELDS
        widgets = {
            "on_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        owner = cast(forms.ModelChoiceField, self.fields["owner"])
        owner.queryset = Organisation.objects.filter(participations__plan=plan).order_by(
            "participations__order"
        )

    def fresh(self, instance) -> "EventForm":
        return type(self)(instance=instance, plan=self.plan)

    def rebased(self, current) -> "EventForm":
        return type(self)(self.rebased_data(current), instance=current, plan=self.plan)
