"""The child impact assessment form: the assessment's texts, its effects as a small table
(a direction and a description per area), its checklist as check boxes with notes, and
its links to sub-goals and actions chosen from this plan only.

Saved through plans/editing.py (versions, history, a conflicting save merged), like
every other object of a plan; the effects and checklist go into the assessment's JSON
fields and into its history as readable lines.
"""

from typing import cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanu.accounts.permissions import editable_organisation_ids
from lanu.followup.forms import DateInput
from lanu.lib.text import normal_text
from lanu.plans.action_forms import SubGoalCheckboxes
from lanu.plans.editing import VersionedForm
from lanu.plans.models import SubGoal

from .action_choices import ActionsChoice, GroupedCheckboxes, choosable_actions
from .assessments import AREAS, CHECKLIST, DIRECTIONS, checks_of, effects_of
from .models import ChildImpactAssessment, FeedbackForm

TEXTS = [
    "description",
    "children",
    "vulnerable_groups",
    "children_views",
    "hearing",
    "alternatives",
    "conclusion",
    "mitigation",
    "follow_up",
]
DIRECTION_CHOICES = [("", gettext_lazy("Not assessed")), *DIRECTIONS.choices]


def effect_field(area: str) -> str:
    return f"effect_{area}"


def effect_note_field(area: str) -> str:
    return f"effect_{area}_description"


def check_field(key: str) -> str:
    return f"check_{key}"


def check_note_field(key: str) -> str:
    return f"check_{key}_note"


class SubGoalChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        subgoal = cast(SubGoal, obj)
        return f"{subgoal.key} {subgoal.title}"


class AssessmentForm(VersionedForm):
    class Meta:
        model = ChildImpactAssessment
        fields = [
            "title",
            "decider",
            "decision_date",
            "state",
            "description",
            "children",
            "vulnerable_groups",
            "children_views",
            "hearing",
            "feedback_form",
            "alternatives",
            "conclusion",
            "mitigation",
            "follow_up",
            "subgoals",
            "actions",
        ]
        field_classes = {"subgoals": SubGoalChoices, "actions": ActionsChoice}
        widgets = {
            "decision_date": DateInput(),
            "subgoals": SubGoalCheckboxes,
            "actions": GroupedCheckboxes,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in TEXTS},
        }
        labels = {
            "title": gettext_lazy("What is decided"),
            "decider": gettext_lazy("Who decides"),
            "description": gettext_lazy("The decision and its schedule"),
            "children": gettext_lazy("Children and families affected"),
            "vulnerable_groups": gettext_lazy("Children in a vulnerable position"),
            "children_views": gettext_lazy("The children's own views"),
            "hearing": gettext_lazy("How the children were heard"),
            "feedback_form": gettext_lazy("Feedback form or hearing of the plan"),
            "alternatives": gettext_lazy("Alternatives"),
            "conclusion": gettext_lazy("Conclusion"),
            "mitigation": gettext_lazy("How negative effects are prevented or reduced"),
            "follow_up": gettext_lazy("Follow-up"),
            "subgoals": gettext_lazy("Sub-goals"),
            "actions": gettext_lazy("Actions"),
        }
        help_texts = {
            "title": gettext_lazy("The decision or action assessed, in one line."),
            "decider": gettext_lazy("The board, council or office holder who decides."),
            "description": gettext_lazy("What changes, from when, and on what schedule."),
            "children": gettext_lazy(
                "Directly and indirectly: age groups, and how many children if known."
            ),
            "vulnerable_groups": gettext_lazy(
                "Children with disabilities, child welfare clients, children of another "
                "language or culture: how does the decision affect them?"
            ),
            "children_views": gettext_lazy("What the children and young people said."),
            "hearing": gettext_lazy("The method, who were heard, and when."),
            "alternatives": gettext_lazy("Other ways considered and their effects on children."),
            "conclusion": gettext_lazy("The recommendation to the decider."),
            "follow_up": gettext_lazy("How and when the actual effects are checked."),
            "subgoals": gettext_lazy("The plan's sub-goals the decision concerns."),
            "actions": gettext_lazy("The plan's actions the decision concerns."),
        }

    def __init__(self, *args, plan=None, user=None, **kwargs):
        self.plan, self.user = plan, user
        super().__init__(*args, **kwargs)
        self.add_effect_fields()
        self.add_check_fields()
        self.limit_choices()

    def add_effect_fields(self) -> None:
        for effect in effects_of(self.instance):
            self.fields[effect_field(effect.area)] = forms.ChoiceField(
                label=effect.area_label,
                choices=DIRECTION_CHOICES,
                required=False,
                initial=effect.direction,
            )
            self.fields[effect_note_field(effect.area)] = forms.CharField(
                label=_("Description of the effect on %(area)s") % {"area": effect.area_label},
                required=False,
                initial=effect.description,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def add_check_fields(self) -> None:
        for check in checks_of(self.instance):
            self.fields[check_field(check.key)] = forms.BooleanField(
                label=check.label, required=False, initial=check.done
            )
            self.fields[check_note_field(check.key)] = forms.CharField(
                label=_("Note"), required=False, initial=check.note
            )

    def limit_choices(self) -> None:
        """Sub-goals, actions and forms of this plan only: another plan's is refused, as is
        an action of another organisation than an editor's own (unless already linked)."""
        subgoals = cast(forms.ModelMultipleChoiceField, self.fields["subgoals"])
        subgoals.queryset = (
            SubGoal.objects.filter(goal__plan=self.plan, archived=False, goal__archived=False)
            .select_related("goal")
            .order_by("goal__order", "goal_id", "order", "pk")
        )
        actions = cast(ActionsChoice, self.fields["actions"])
        linked = self.instance.actions.all() if self.instance.pk else []
        actions.queryset = choosable_actions(self.plan, self.user, linked)
        forms_of_plan = cast(forms.ModelChoiceField, self.fields["feedback_form"])
        forms_of_plan.queryset = FeedbackForm.objects.filter(plan=self.plan)

    # The fixed rows: what the template draws as the effects table and the checklist.

    def effect_rows(self) -> list[tuple]:
        return [
            (label, self[effect_field(area)], self[effect_note_field(area)])
            for area, label in AREAS.choices
        ]

    def check_rows(self) -> list[tuple]:
        return [(self[check_field(key)], self[check_note_field(key)]) for key, _label in CHECKLIST]

    def main_fields(self) -> list:
        return [self[name] for name in self._meta.fields or []]

    def clean_actions(self):
        """An editor's assessment is linked to an action of their own organisation: else it
        would be nobody's of theirs, and they could not open it again."""
        actions = self.cleaned_data.get("actions")
        allowed = editable_organisation_ids(self.user, self.plan)
        if allowed is None or actions is None:
            return actions
        if not any(action.organisation_id in allowed for action in actions):
            raise forms.ValidationError(
                _("Link at least one action of your own organisation to the assessment.")
            )
        return actions

    def save(self, commit=True):
        self.instance.effects = self.stored_effects()
        self.instance.checklist = self.stored_checklist()
        return super().save(commit)

    def stored_effects(self) -> dict:
        effects = {}
        for area in AREAS.values:
            direction = self.cleaned_data.get(effect_field(area)) or ""
            description = self.cleaned_data.get(effect_note_field(area)) or ""
            if direction or description:
                effects[area] = {"direction": direction, "description": description}
        return effects

    def stored_checklist(self) -> dict:
        checklist = {}
        for key, _label in CHECKLIST:
            done = bool(self.cleaned_data.get(check_field(key)))
            note = self.cleaned_data.get(check_note_field(key)) or ""
            if done or note:
                checklist[key] = {"done": done, "note": note}
        return checklist

    def snapshot(self, instance) -> dict[str, str]:
        """The history's values, the effects and the checklist as readable lines (their
        texts normalised, as the history compares every text)."""
        effects = [
            f"{effect.area_label}: {effect.direction_label}"
            + (f" – {normal_text(effect.description)}" if effect.description else "")
            for effect in effects_of(instance)
            if effect.direction or effect.description
        ]
        checks = [
            f"{'✓' if check.done else '–'} {check.label}"
            + (f" ({normal_text(check.note)})" if check.note else "")
            for check in checks_of(instance)
            if check.done or check.note
        ]
        readable = {"effects": "\n".join(effects), "checklist": "\n".join(checks)}
        return super().snapshot(instance) | readable

    def fresh(self, instance) -> "AssessmentForm":
        return type(self)(instance=instance, plan=self.plan, user=self.user)

    def rebased(self, current) -> "AssessmentForm":
        data = self.rebased_data(current)
        return type(self)(data, instance=current, plan=self.plan, user=self.user)
