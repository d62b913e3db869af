"""Forms of the follow-up round: opening a round, the status scale, reports, texts per sub-goal."""

import re
from decimal import Decimal
from typing import cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanu.lib.numbers import finnish_decimal, finnish_digits
from lanu.lib.text import NormalTextForm, normal_text
from lanu.plans.editing import VersionedForm
from lanu.plans.models import Metric

from .charts import number_text
from .models import ActionReport, FollowUpRound
from .reports import digest
from .scales import lazy_scale_label

PARAGRAPHS = re.compile(r"\n\s*\n")


class FinnishDecimalField(forms.DecimalField):
    """A decimal number, with a decimal comma ("12,5") or point, spaces between thousands."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = finnish_digits(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, str) and value.strip():
            found = finnish_decimal(value)
            value = value if found is None else found
        return number_text(value) if isinstance(value, Decimal) else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        return attrs


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


SCALE_CHOICES = [
    ("", gettext_lazy("Keep the plan's current scale")),
    ("default", lazy_scale_label("default")),
    ("realised", lazy_scale_label("realised")),
]


class RoundForm(NormalTextForm, forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year reported"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=gettext_lazy("Reporting opens on"), widget=DateInput())
    closes_on = forms.DateField(label=gettext_lazy("Reporting closes on"), widget=DateInput())
    scale = forms.ChoiceField(
        label=gettext_lazy("Status scale"),
        choices=SCALE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("You can also edit the levels after opening the round."),
    )

    def __init__(self, *args, plan, scale_fixed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if scale_fixed:
            del self.fields["scale"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        first, last = reportable_years(self.plan)
        if not first <= year <= last:
            raise forms.ValidationError(year_outside_message(self.plan, year))
        if FollowUpRound.objects.filter(plan=self.plan, year=year).exists():
            raise forms.ValidationError(year_taken_message(year))
        return year

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date cannot be before the opening date."))
        return data


def reportable_years(plan) -> tuple[int, int]:
    """The years a round may report: the plan's period, and the year after it for the
    final evaluation of the whole period."""
    return plan.period_start, plan.period_end + 1


def default_year(plan, today) -> int:
    """The current year, or the nearest year the plan's rounds may report."""
    first, last = reportable_years(plan)
    return min(max(today.year, first), last)


def year_outside_message(plan, year: int) -> str:
    first, last = reportable_years(plan)
    return _(
        "The plan covers the years %(period)s: a round may report a year from %(first)s to "
        "%(last)s (%(last)s for the final evaluation), not %(year)s."
    ) % {"period": plan.period, "first": first, "last": last, "year": year}


def year_taken_message(year: int) -> str:
    return _("The plan already has a follow-up round for %(year)s.") % {"year": year}


class PresetForm(NormalTextForm, forms.Form):
    preset = forms.ChoiceField(
        label=gettext_lazy("Use a ready-made scale"),
        choices=SCALE_CHOICES[1:],
        widget=forms.RadioSelect,
    )


class LevelForm(NormalTextForm, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    description = forms.CharField(label=gettext_lazy("Description"), max_length=300, required=False)
    name_sv = forms.CharField(label=gettext_lazy("Name in Swedish"), max_length=100, required=False)
    description_sv = forms.CharField(
        label=gettext_lazy("Description in Swedish"), max_length=300, required=False
    )
    name_en = forms.CharField(label=gettext_lazy("Name in English"), max_length=100, required=False)
    description_en = forms.CharField(
        label=gettext_lazy("Description in English"), max_length=300, required=False
    )
    colour = forms.RegexField(
        label=gettext_lazy("Colour"),
        regex=r"^#[0-9a-fA-F]{6}$",
        initial="#9e9e9e",
        help_text=gettext_lazy("As #rrggbb, e.g. #3a8f3a. The name is always shown beside it."),
        error_messages={"invalid": gettext_lazy("Write the colour as # and six hex digits.")},
    )
    counts_as_progress = forms.BooleanField(
        label=gettext_lazy("Counts as progress"), required=False
    )

    def has_changed(self) -> bool:
        """A new level's row left without a name adds nothing, whatever its colour says."""
        if self.empty_permitted and not self.data.get(self.add_prefix("name"), "").strip():
            return False
        return super().has_changed()


class BaseLevelFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.levels():
            raise forms.ValidationError(_("A scale needs at least one level."))

    def levels(self) -> list[dict]:
        """The kept levels in their order, as scales.set_scale() takes them."""
        return [
            {name: f[name] for name in LEVEL_FIELDS} | {"colour": f["colour"].lower()}
            for f in self.cleaned_data
            if f and not f.get("DELETE")
        ]


# A level's fields as the form edits them and scales.set_scale() takes them.
LEVEL_FIELDS = [*LevelForm.base_fields.keys()]

LevelFormSet = forms.formset_factory(
    LevelForm, formset=BaseLevelFormSet, extra=2, can_delete=True, max_num=12, validate_max=True
)


def level_initial(levels) -> list[dict]:
    return [{name: getattr(level, name) for name in LEVEL_FIELDS} for level in levels]


class LevelChoices(forms.models.ModelChoiceIterator):
    """The status levels read once for every report form of a page, not once per form."""

    field: "StatusField"

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for level in self.field.levels:
            yield self.choice(level)

    def __len__(self) -> int:
        return len(self.field.levels) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return True


class StatusField(forms.ModelChoiceField):
    iterator = LevelChoices
    levels: list = []

    def label_from_instance(self, obj) -> str:
        """The level in the page's language, its description beside its name."""
        name, description = obj.local_name, obj.local_description
        return f"{name} – {description}" if description else name


class ReportForm(VersionedForm):
    """One action's report: status, what was done, the metrics' numbers, next year."""

    class Meta:
        model = ActionReport
        fields = ["status", "account", "continuation"]
        field_classes = {"status": StatusField}
        widgets = {
            "status": forms.RadioSelect,
            "account": forms.Textarea(attrs={"rows": 6}),
            "continuation": forms.RadioSelect,
        }
        help_texts = {
            "account": gettext_lazy("A short account of what was done during the year."),
        }

    def __init__(self, *args, plan, metrics, levels=None, **kwargs):
        """`levels`: the plan's status levels, when a page shows many forms (read once)."""
        super().__init__(*args, **kwargs)
        self.plan, self.metrics = plan, list(metrics)
        status = self.fields["status"]
        status.queryset = plan.status_levels.all()
        status.levels = list(status.queryset) if levels is None else levels
        status.empty_label = _("No status yet")
        self.fields["continuation"].choices = [
            ("", _("Not decided yet")),
            *ActionReport.Continuation.choices,
        ]
        self.fields["continuation"].label = _("Next year the action")
        self.add_metric_fields()

    def fresh(self, instance) -> "ReportForm":
        return ReportForm(
            instance=instance,
            plan=self.plan,
            metrics=self.metrics,
            levels=cast(StatusField, self.fields["status"]).levels,
            auto_id=self.auto_id,
        )

    def add_metric_fields(self) -> None:
        saved = {}
        if self.instance.pk:
            saved = {v.metric_id: v for v in self.instance.values.all()}
        for metric in self.metrics:
            field = metric_field(metric)
            field.initial = field.initial_of(saved.get(metric.pk))
            self.fields[f"metric_{metric.pk}"] = field

    def metric_fields(self) -> list:
        return [self[f"metric_{metric.pk}"] for metric in self.metrics]

    def metric_values(self) -> dict[int, dict | None]:
        """Per metric, the MetricValue fields to store, or None for a blank (no value)."""
        return {
            m.pk: metric_field_of(self, m).stored(self.cleaned_data.get(f"metric_{m.pk}"))
            for m in self.metrics
        }

    def snapshot(self, instance) -> dict[str, str]:
        values = super().snapshot(instance)
        texts = {m.pk: m.text for m in self.metrics}
        rows = instance.values.select_related("metric") if instance.pk else []
        values["values"] = "\n".join(
            f"{texts.get(row.metric_id, '')}: {row.shown()}" for row in rows
        )
        return values


def metric_label(metric) -> str:
    if metric.archived:
        return _("%s (archived metric)") % metric.text
    return metric.text


# A metric's field in the report form, by the metric's kind (plans/metric_kinds.py).


class NumberMetricField(FinnishDecimalField):
    """A number or a percentage: "Syötä luku" for anything else, as before kinds."""

    def __init__(self, metric, **kwargs):
        percentage = metric.kind == Metric.Kind.PERCENTAGE
        unit = "%" if percentage else metric.unit
        label = metric_label(metric) + (f" ({unit})" if unit else "")
        hint = _("A percentage, e.g. 12,5.") if percentage else _("A number, e.g. 12,5.")
        super().__init__(
            label=label, required=False, max_digits=14, decimal_places=4, help_text=hint, **kwargs
        )

    def initial_of(self, saved):
        return saved.value if saved else None

    def stored(self, value) -> dict | None:
        return None if value is None else {"value": value, "text": ""}


YES_WORDS = {"yes", "kyllä", "ja", "k", "y", "true", "1"}
NO_WORDS = {"no", "ei", "nej", "e", "n", "false", "0"}


class YesNoMetricField(forms.ChoiceField):
    """Yes or no: kyllä/ei, ja/nej or yes/no, stored as 1 or 0 whichever words were used."""

    widget = forms.RadioSelect

    def __init__(self, metric, **kwargs):
        choices = [("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))]
        super().__init__(label=metric_label(metric), choices=choices, required=False, **kwargs)

    def to_python(self, value) -> str:
        word = super().to_python(value).strip().lower()
        if word in YES_WORDS:
            return "yes"
        if word in NO_WORDS:
            return "no"
        if word:
            raise forms.ValidationError(_("Answer yes or no (kyllä / ei, ja / nej)."))
        return ""

    def valid_value(self, value) -> bool:
        return value in ("", "yes", "no")

    def initial_of(self, saved):
        if saved is None or saved.value is None:
            return ""
        return "yes" if saved.value else "no"

    def stored(self, value) -> dict | None:
        if value not in ("yes", "no"):
            return None
        return {"value": Decimal(value == "yes"), "text": ""}


class TextMetricField(forms.CharField):
    """A metric answered in words."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, metric, **kwargs):
        super().__init__(label=metric_label(metric), required=False, **kwargs)

    def initial_of(self, saved):
        return saved.text if saved else ""

    def stored(self, value) -> dict | None:
        return {"value": None, "text": value} if value else None


MetricField = NumberMetricField | YesNoMetricField | TextMetricField
METRIC_FIELDS: dict[str, type[MetricField]] = {
    Metric.Kind.NUMBER: NumberMetricField,
    Metric.Kind.PERCENTAGE: NumberMetricField,
    Metric.Kind.YES_NO: YesNoMetricField,
    Metric.Kind.TEXT: TextMetricField,
}


def metric_field(metric) -> MetricField:
    """The report form's field for the metric, as its kind asks."""
    return METRIC_FIELDS.get(metric.kind, NumberMetricField)(metric)


def metric_field_of(form: forms.BaseForm, metric) -> MetricField:
    """The form's field of the metric, which add_metric_fields made with metric_field."""
    return cast(MetricField, form.fields[f"metric_{metric.pk}"])


class SubGoalTextsForm(NormalTextForm, forms.Form):
    """A text per sub-goal (added priorities, joint highlights); an empty line separates two."""

    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, subgoals, texts: dict[int, list[str]], help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.subgoals, self.help_text = list(subgoals), help_text
        self.fields["loaded"].initial = digest(texts)
        for subgoal in self.subgoals:
            self.fields[f"subgoal_{subgoal.pk}"] = forms.CharField(
                label=f"{subgoal.key} {subgoal.title}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial="\n\n".join(texts.get(subgoal.pk, [])),
                help_text=help_text,
            )

    def texts(self) -> dict[int, list[str]]:
        """Each sub-goal's paragraphs, blank ones left out."""
        return {
            subgoal.pk: paragraphs(self.cleaned_data.get(f"subgoal_{subgoal.pk}", ""))
            for subgoal in self.subgoals
        }

    def with_loaded(self, current: dict[int, list[str]]) -> "SubGoalTextsForm":
        """The person's input again, now based on the texts saved meanwhile."""
        data = cast(QueryDict, self.data).copy()  # a bound form's data: the request's POST
        data["loaded"] = digest(current)
        return SubGoalTextsForm(
            data, subgoals=self.subgoals, texts=current, help_text=self.help_text
        )


def paragraphs(text: str) -> list[str]:
    parts = (normal_text(part).strip() for part in PARAGRAPHS.split(normal_text(text)))
    return [part for part in parts if part]
