"""The plan's actions to choose from on the voice pages (a form's subject, an assessment's
links), usable in a plan of a thousand actions.

They are grouped by organisation, the organisations in the plan's order and each one's
actions in their order: an <optgroup> of the form's select, a fieldset with its legend
of the assessment's check boxes, so a screen reader names the organisation with each
action. An editor chooses among their own organisation's actions only, besides those
already chosen (a coordinator's link stays); another's is refused as not a valid choice.
Either is read in a fixed number of queries however many actions the plan has.
"""

from collections.abc import Iterable
from itertools import groupby
from typing import cast

from django import forms
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.template.loader import render_to_string

from lanu.accounts.permissions import editable_organisation_ids
from lanu.plans.models import Action, Participation, Plan


def choosable_actions(plan: Plan, user, chosen: Iterable | QuerySet = ()) -> QuerySet[Action]:
    """The plan's live actions this person may choose, in the order they are grouped:
    every one for coordinators; an editor's own organisations' and those in `chosen`."""
    actions = Action.objects.filter(plan=plan, archived=False)
    own = editable_organisation_ids(user, plan)
    if own is not None:
        actions = actions.filter(Q(organisation__in=own) | Q(pk__in=chosen))
    position = Participation.objects.filter(plan=plan, organisation=OuterRef("organisation_id"))
    return (
        actions.select_related("organisation")
        .annotate(position=Subquery(position.values("order")[:1]))
        .order_by(F("position").asc(nulls_last=True), "organisation__name", "order", "pk")
    )


def action_label(action: Action) -> str:
    """An action as its organisation's group lists it: its number in the plan and title."""
    return f"{action.number}. {action.title}"


class GroupedActions(forms.models.ModelChoiceIterator):
    """The field's choices as one group per organisation: (name, [(value, label), ...])."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        actions = self.queryset.iterator()
        for _organisation, group in groupby(actions, key=lambda action: action.organisation_id):
            members = list(group)
            yield (members[0].organisation.name, [self.choice(action) for action in members])


class ActionChoice(forms.ModelChoiceField):
    iterator = GroupedActions

    def label_from_instance(self, obj) -> str:
        return action_label(cast(Action, obj))


class ActionsChoice(forms.ModelMultipleChoiceField):
    iterator = GroupedActions

    def label_from_instance(self, obj) -> str:
        return action_label(cast(Action, obj))


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Check boxes in a fieldset per group, its legend the group's name. The field's label
    is the first box, for the error summary's link. Drawn with the site's templates."""

    template_name = "voice/grouped_checkboxes.html"

    def id_for_label(self, id_, index="0_0"):
        return super().id_for_label(id_, index)

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        return render_to_string(self.template_name, context)  # a SafeString, escaped as drawn
