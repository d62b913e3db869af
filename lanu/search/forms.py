"""The comparison's forms: the plans to compare, and a goal or sub-goal put in a theme."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lanu.lib.text import NormalTextForm

from .overlaps import DEFAULT_THRESHOLD, THRESHOLDS

LEAST_PLANS = 2


class ChoosePlansForm(forms.Form):
    plans = forms.MultipleChoiceField(
        label=_("Plans to compare"),
        help_text=_("Choose two or more plans."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("No plan you may read has the address %(value)s."),
            "required": _("Choose two or more plans."),
        },
    )

    def __init__(self, plans, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].choices = [
            (plan.slug, f"{plan.name} ({plan.period})") for plan in plans
        ]

    def clean_plans(self):
        chosen = list(dict.fromkeys(self.cleaned_data["plans"]))
        if len(chosen) < LEAST_PLANS:
            raise forms.ValidationError(_("Choose two or more plans."))
        return chosen


class ThemeMemberForm(NormalTextForm, forms.Form):
    """One of the plan's goals or sub-goals, and the theme it goes in (or a new theme's name)."""

    member = forms.ChoiceField(label=_("Goal or sub-goal"))
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    name = forms.CharField(
        label=_("Or a new theme's name"),
        max_length=300,
        required=False,
        help_text=_("Leave the theme unchosen and write a name to begin a new theme."),
    )

    def __init__(self, plan, units, themes, *args, **kwargs):
        super().__init__(*args, prefix=plan.slug, **kwargs)
        self.plan = plan
        self.themes = {str(theme.pk): theme for theme in themes}
        self.fields["member"].choices = [(unit.key, unit.label) for unit in units]
        choices = [("", _("A new theme"))] + [(pk, t.name) for pk, t in self.themes.items()]
        self.fields["theme"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("theme") and not cleaned.get("name"):
            self.add_error("name", _("Choose a theme or write a new theme's name."))
        elif cleaned.get("theme") and cleaned.get("name"):
            self.add_error("name", _("Choose a theme or write a new theme's name, not both."))
        return cleaned

    @property
    def chosen_theme(self):
        return self.themes.get(self.cleaned_data.get("theme") or "")


class ThresholdForm(forms.Form):
    """The overlap review's threshold: the least similarity of the pairs listed."""

    threshold = forms.TypedChoiceField(
        label=_("Similarity at least"),
        coerce=float,
        choices=[],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threshold"].choices = [
            (self.value_of(threshold), f"{round(threshold * 100)} %") for threshold in THRESHOLDS
        ]

    @staticmethod
    def value_of(threshold: float) -> str:
        return f"{threshold:.2f}"

    @classmethod
    def chosen(cls, data) -> float:
        """The threshold the data names, or the default for anything else."""
        form = cls({"threshold": data.get("threshold", "")})
        return form.cleaned_data["threshold"] if form.is_valid() else DEFAULT_THRESHOLD
