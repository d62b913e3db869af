"""The coordinator's forms of the voice pages: a feedback form's or hearing's settings,
and one question. Texts are normalised (NormalTextForm) before any model sees them."""

from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lanu.accounts.permissions import editable_organisation_ids
from lanu.lib.text import NormalTextForm
from lanu.plans.models import Organisation, SubGoal

from .action_choices import ActionChoice, choosable_actions
from .building import CHOICE_KINDS, STANDARD, YOUNG
from .models import FeedbackForm, Question

SETTINGS = [
    "kind",
    "title",
    "introduction",
    "language",
    "target_group",
    "opens_at",
    "closes_at",
    "ask_age_group",
    "ask_municipality",
    "organisation",
    "subgoal",
    "action",
]
QUESTION_SETS = [
    (STANDARD, _("The usual questions: a 0–10 recommendation score (cNPS), smileys, free text")),
    (YOUNG, _("For young children: smileys only")),
]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class FeedbackFormForm(NormalTextForm, forms.ModelForm):
    """A form's or hearing's settings; a new one also chooses its first questions."""

    class Meta:
        model = FeedbackForm
        fields = SETTINGS
        field_classes = {"action": ActionChoice}
        widgets = {
            "kind": forms.RadioSelect,
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }
        help_texts = {
            "target_group": _("Who is heard, e.g. “Nuorisovaltuusto” (the youth council)."),
            "opens_at": _("A hearing needs both times. A feedback form may stay open."),
            "introduction": _("A few plain words: who asks, why, and what happens next."),
        }

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["language"] = forms.ChoiceField(
            label=_("language"), choices=settings.LANGUAGES, initial="fi"
        )
        self.limit_subjects(plan, user)
        self.limit_organisations(plan, user)
        if self.instance.pk is None:
            self.fields["question_set"] = forms.ChoiceField(
                label=_("First questions"),
                choices=QUESTION_SETS,
                initial=STANDARD,
                widget=forms.RadioSelect,
                help_text=_("You can change, add and remove questions after this."),
            )

    def limit_subjects(self, plan, user) -> None:
        """The plan's sub-goals; its actions grouped by organisation, an editor's own only
        (and the form's own action, if a coordinator chose another's)."""
        subgoal = cast(forms.ModelChoiceField, self.fields["subgoal"])
        subgoal.queryset = SubGoal.objects.filter(
            goal__plan=plan, archived=False, goal__archived=False
        ).select_related("goal")
        subgoal.empty_label = _("None (the whole plan)")
        action = cast(ActionChoice, self.fields["action"])
        chosen = [self.instance.action_id] if self.instance.action_id else []
        action.queryset = choosable_actions(plan, user, chosen)
        action.empty_label = _("None")

    def limit_organisations(self, plan, user) -> None:
        """Coordinators ask for any organisation or for the plan; editors for their own."""
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisations = Organisation.objects.filter(participations__plan=plan).order_by(
            "participations__order"
        )
        own = editable_organisation_ids(user, plan)
        if own is None:
            field.empty_label = _("None (the plan's coordinators)")
        else:
            organisations = organisations.filter(pk__in=own)
            field.required = True
        field.queryset = organisations
        field.help_text = _("Whose form it is: its people edit it and read its answers.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("subgoal") and cleaned.get("action"):
            self.add_error("action", _("Choose a sub-goal or an action, not both."))
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if cleaned.get("kind") == FeedbackForm.Kind.HEARING:
            for name, value in (("opens_at", opens), ("closes_at", closes)):
                if value is None and name not in self.errors:
                    self.add_error(name, _("A hearing needs its opening and closing time."))
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        return cleaned


class QuestionForm(NormalTextForm, forms.ModelForm):
    """One question: its kind (kept while it may not change), text and choices."""

    choices_text = forms.CharField(
        label=_("Choices, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for questions with one or several choices."),
    )

    class Meta:
        model = Question
        fields = ["kind", "text", "help_text", "required"]

    def __init__(self, *args, kind_kept: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choices_text"].initial = "\n".join(self.instance.choices or [])
        if kind_kept:
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = kind_kept

    def clean(self):
        cleaned = super().clean()
        lines = (cleaned.get("choices_text") or "").split("\n")
        choices = list(dict.fromkeys(line.strip() for line in lines if line.strip()))
        if cleaned.get("kind") in CHOICE_KINDS and len(choices) < 2:
            self.add_error("choices_text", _("Give at least two choices, one per line."))
        cleaned["choices"] = choices if cleaned.get("kind") in CHOICE_KINDS else []
        return cleaned

    def save(self, commit=True):
        self.instance.choices = self.cleaned_data["choices"]
        return super().save(commit)


class SummaryForm(NormalTextForm, forms.ModelForm):
    """The coordinator's written summary, and whether the results are public."""

    class Meta:
        model = FeedbackForm
        fields = ["summary", "summary_published"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}
        labels = {
            "summary": _("Your summary of the answers"),
            "summary_published": _("Publish the results"),
        }
        help_texts = {
            "summary_published": _(
                "The counts, your summary and the moderated, published free-text answers "
                "are shown to everyone once the plan is published."
            ),
        }
