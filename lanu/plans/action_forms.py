"""The action form: editors and coordinators write an action, its sub-goals and metrics.

Metrics are edited as lines of text ("*" at the end: broken down by mother tongue /
citizenship); a coordinator also chooses each metric's kind and unit. Saving goes
through editing.py (versions, history); the metrics are kept by identity (metrics.py).
"""

import re
from typing import cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanu.accounts.permissions import can_coordinate, editable_organisation_ids

from . import editing
from .metrics import WantedMetric, metric_line, sync_metrics
from .models import Action, Metric, Organisation, SubGoal

# A metric line ending in "*" is broken down by mother tongue / citizenship; the
# Espoo plan's own mark "*äidinkieli/kansalaisuus" is understood as well.
BROKEN_DOWN = re.compile(r"\s*\*\s*(äidinkieli\s*/\s*kansalaisuus)?\s*$", re.IGNORECASE)


class LinesField(forms.CharField):
    """A textarea of one entry per line, cleaned to a list of the non-blank lines."""

    widget = forms.Textarea

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    # A list, not CharField's str: what this field is for.
    def to_python(self, value) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class SubGoalCheckboxes(forms.CheckboxSelectMultiple):
    """Check boxes whose field "label" is the first box, for the error summary's link."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


def kind_line(metric: Metric) -> str:
    """The metric's line with its kind and unit, for the history of a coordinator's save
    (a save changing only a kind is a change, not undone as untouched); a plain number
    reads as the line alone."""
    if metric.kind == Metric.Kind.NUMBER and not metric.unit:
        return metric_line(metric)
    kind = ", ".join(filter(None, [str(metric.get_kind_display()), metric.unit]))
    return f"{metric_line(metric)} ({kind})"


def wanted_metric(line: str) -> WantedMetric:
    text = BROKEN_DOWN.sub("", line)
    return WantedMetric(text, by_mother_tongue=text != line)


def live_metrics(action: Action):
    return action.metrics.filter(archived=False)


def choosable_organisations(user, plan):
    """The plan's organisations whose actions this person may create and change."""
    organisations = Organisation.objects.filter(participations__plan=plan)
    allowed = editable_organisation_ids(user, plan)
    if allowed is not None:
        organisations = organisations.filter(pk__in=allowed)
    return organisations.order_by("participations__order", "name")


class ActionForm(editing.VersionedForm):
    items = LinesField(
        label=gettext_lazy("Items"),
        required=False,
        help_text=gettext_lazy("What is done, one item per line."),
    )
    metrics = LinesField(
        label=gettext_lazy("Metrics"),
        required=False,
        help_text=gettext_lazy(
            "How the action's success is measured, one metric per line. End a line with an "
            "asterisk (*) when the metric is broken down by mother tongue / citizenship, "
            "e.g. “Number of participants *”."
        ),
    )

    class Meta:
        model = Action
        fields = [
            "organisation",
            "subgoals",
            "description",
            "items",
            "metrics",
            "schedule",
            "start_date",
            "end_date",
            "permanence",
            "responsible",
            "monitoring",
            "ease",
            "impact",
        ]
        labels = {
            "organisation": gettext_lazy("Organisation"),
            "subgoals": gettext_lazy("Sub-goals"),
        }
        help_texts = {
            "subgoals": gettext_lazy("Choose every sub-goal the action serves, at least one."),
            "description": gettext_lazy(
                "What is done and how. The first line is the action's title in listings."
            ),
            "schedule": gettext_lazy("When, in words: e.g. “from 2024”, “permanent work”."),
            "responsible": gettext_lazy("The unit or people responsible."),
            "monitoring": gettext_lazy("How the action is followed, its resources, remarks."),
        }
        widgets = {
            "subgoals": SubGoalCheckboxes,
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "responsible": forms.Textarea(attrs={"rows": 2}),
            "monitoring": forms.Textarea(attrs={"rows": 3}),
        }

    def fresh(self, instance) -> "ActionForm":
        return ActionForm(instance=instance, plan=self.plan, user=self.user)

    def rebased(self, current) -> "ActionForm":
        data = self.rebased_data(current)
        return ActionForm(data, instance=current, plan=self.plan, user=self.user)

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.user = user
        self.kinds: dict[int, tuple[str, str]] = {}
        self.set_organisation_choices(user)
        self.set_subgoal_choices()
        for name in ("ease", "impact"):
            self.fields[name].choices = [("", _("Not assessed")), *self.fields[name].choices[1:]]
        if self.instance.pk:
            self.initial["metrics"] = [metric_line(m) for m in live_metrics(self.instance)]
            if can_coordinate(user, plan):
                self.add_kind_fields()

    def add_kind_fields(self) -> None:
        """The coordinator chooses each metric's kind and unit, right after the metrics."""
        for metric in live_metrics(self.instance):
            self.kinds[metric.pk] = (f"kind_{metric.pk}", f"unit_{metric.pk}")
            self.fields[f"kind_{metric.pk}"] = forms.ChoiceField(
                label=_("Kind of the metric “%s”") % metric.text,
                choices=Metric.Kind.choices,
                initial=metric.kind,
                required=False,
                help_text=_("How its value is reported: a number, a percentage, yes/no or text."),
            )
            self.fields[f"unit_{metric.pk}"] = forms.CharField(
                label=_("Unit of the metric “%s”") % metric.text,
                required=False,
                max_length=40,
                initial=metric.unit,
                help_text=_("For a number, e.g. “persons” or “€”."),
            )
        names = list(self.fields)
        added = [name for pair in self.kinds.values() for name in pair]
        at = names.index("metrics") + 1
        rest = [name for name in names if name not in added]
        self.fields = {name: self.fields[name] for name in [*rest[:at], *added, *rest[at:]]}

    def chosen_kinds(self) -> dict[int, tuple[str, str]]:
        """The kind and unit chosen per metric id (none unless a coordinator edits; a post
        without a metric's kind keeps its kind and unit)."""
        data = self.cleaned_data
        return {
            pk: (data[kind], data[unit]) for pk, (kind, unit) in self.kinds.items() if data[kind]
        }

    def set_organisation_choices(self, user) -> None:
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = choosable_organisations(user, self.plan)
        field.empty_label = None if field.queryset.count() == 1 else field.empty_label
        field.error_messages["invalid_choice"] = _(
            "You can only choose an organisation whose actions you edit."
        )

    def set_subgoal_choices(self) -> None:
        """The plan's live sub-goals; links to archived ones are not shown, and stay."""
        live = SubGoal.objects.filter(goal__plan=self.plan, goal__archived=False, archived=False)
        subgoals = cast(forms.ModelMultipleChoiceField, self.fields["subgoals"])
        subgoals.queryset = live.select_related("goal")
        linked = self.instance.subgoals.exclude(pk__in=live) if self.instance.pk else []
        self.archived_subgoals = list(linked)

    def subgoal_groups(self) -> list[tuple]:
        """The sub-goals' check boxes under their goals, for the template."""
        groups: dict = {}
        for box in self["subgoals"]:
            goal = box.data["value"].instance.goal
            groups.setdefault(goal, []).append(box)
        return list(groups.items())

    def clean_metrics(self) -> list[str]:
        lines = self.cleaned_data["metrics"]
        if any(not BROKEN_DOWN.sub("", line) for line in lines):
            raise forms.ValidationError(_("An asterisk (*) must follow a metric's text."))
        return lines

    def clean(self):
        data = super().clean()
        if data.get("description") == "" and data.get("items") == []:
            self.add_error("description", _("Describe the action, or list its items."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data

    def save_related(self, instance) -> None:
        instance.subgoals.add(*self.archived_subgoals)
        wanted = [wanted_metric(line) for line in self.cleaned_data["metrics"]]
        sync_metrics(instance, wanted, self.chosen_kinds())

    def snapshot(self, instance) -> dict[str, str]:
        values = super().snapshot(instance)
        line = kind_line if self.kinds else metric_line  # kinds: the coordinator's form only
        values["metrics"] = "\n".join(line(m) for m in live_metrics(instance))
        return {name: values[name] for name in self.fields if name in values}


class VersionForm(forms.Form):
    """The version an archive or restore button was shown at."""

    version = forms.IntegerField(min_value=0)
