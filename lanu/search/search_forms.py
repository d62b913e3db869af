"""The search page's form: the words, and the filters a person may narrow them by.

Its choices are what the person may read: their readable plans, the organisations
taking part in them (in the chosen plan only, once one is chosen), the chosen plan's
goals, and the status names of the readable plans' scales. Three or four queries.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from lanu.followup.models import StatusLevel
from lanu.plans.models import Goal, Organisation, Plan

from .fulltext import LONGEST_QUERY, Filters


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search words"), max_length=LONGEST_QUERY, required=False)
    plan = forms.ChoiceField(label=_("Plan"), required=False)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, required=False, empty_value=None
    )
    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=_("Status of the action"), required=False)

    def __init__(self, plans, data=None):
        super().__init__(data)
        readable = list(plans.order_by("name", "pk").only("slug", "name"))
        chosen = [plan for plan in readable if plan.slug == self.data.get("plan")]
        within = chosen or readable
        self.fields["plan"].choices = [("", _("All plans"))] + [
            (plan.slug, plan.name) for plan in readable
        ]
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (organisation.pk, organisation.name)
            for organisation in Organisation.objects.filter(plans__in=within).distinct()
        ]
        self.fields["goal"].choices = [("", _("All goals"))] + goal_choices(chosen)
        self.fields["status"].choices = [("", _("Any status"))] + status_choices(within)

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            plan=data["plan"],
            organisation=data["organisation"],
            goal=data["goal"],
            status=data["status"],
        )


def goal_choices(chosen: list[Plan]) -> list[tuple[int, str]]:
    """The chosen plan's goals; none before a plan is chosen."""
    if not chosen:
        return []
    goals = Goal.objects.filter(plan=chosen[0], archived=False).order_by("order", "pk")
    return [(goal.pk, f"{goal.number} {goal.title}".strip()) for goal in goals]


def status_choices(plans: list[Plan]) -> list[tuple[str, str]]:
    """The status names of the plans' scales, each once, in the scales' order."""
    levels = StatusLevel.objects.filter(plan__in=plans).order_by("order", "pk")
    names = dict.fromkeys(levels.values_list("name", flat=True))
    return [(name, name) for name in names]
