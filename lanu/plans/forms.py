"""Forms of the coordinators' editing: the plan, goals, sub-goals, organisations.

Labels come from the models' verbose names; every message is translated.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lanu.accounts.models import Membership
from lanu.lib.text import NormalTextForm

from .editing import VersionedForm
from .labels import TRANSLATED
from .models import LEVELS, Goal, Organisation, Plan, SubGoal
from .slugs import RESERVED_SLUGS, unique_slug


class PlanForm(VersionedForm):
    class Meta:
        model = Plan
        fields = [
            "name",
            "slug",
            "region",
            "period_start",
            "period_end",
            "language",
            "goal_label",
            "goal_label_sv",
            "goal_label_en",
            "subgoal_label",
            "subgoal_label_sv",
            "subgoal_label_en",
            "action_label",
            "action_label_sv",
            "action_label_en",
            "approved_by",
            "approved_on",
            "status",
            "published",
        ]
        widgets = {"approved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "published": _("A published plan is open to everyone; otherwise only its people."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields["slug"]
        slug.required = bool(self.instance.pk)
        slug.help_text = _("The plan's web address: letters, digits and hyphens.")
        if not self.instance.pk:
            slug.help_text += " " + _("Leave it empty to make one from the name.")
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"), choices=language_choices(self.instance.language)
        )

    def refresh_label_translations(self, cleaned: dict) -> None:
        """A new Finnish label whose translations were left as they were gets the usual ones
        (Plan.save() fills the emptied ones), not the old label's."""
        for field in (
            f"{level}_label" for level in LEVELS if f"{level}_label" in self.changed_data
        ):
            for translation in (f"{field}_{language}" for language in TRANSLATED):
                if translation not in self.changed_data:
                    cleaned[translation] = ""

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if not slug and not self.instance.pk:
            return unique_slug(self.cleaned_data.get("name") or "")
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is reserved; choose another."))
        return slug

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start is not None and end is not None and start > end:
            self.add_error("period_end", _("The last year cannot be before the first year."))
        self.refresh_label_translations(cleaned)
        return cleaned


def language_choices(current: str) -> list[tuple[str, str | Promise]]:
    """Lanu's languages, and the plan's own if it is another one."""
    choices: list[tuple[str, str | Promise]] = list(settings.LANGUAGES)
    if current and current not in dict(choices):
        choices.append((current, current))
    return choices


class GoalForm(VersionedForm):
    class Meta:
        model = Goal
        fields = ["number", "title", "description"]
        widgets = {"title": forms.TextInput}

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        others = Goal.objects.filter(plan=self.instance.plan_id).exclude(pk=self.instance.pk)
        check_number_free(others.filter(number=number).first(), number)
        return number


class SubGoalForm(VersionedForm):
    class Meta:
        model = SubGoal
        fields = ["number", "title", "description"]
        widgets = {"title": forms.TextInput}

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        others = SubGoal.objects.filter(goal=self.instance.goal_id).exclude(pk=self.instance.pk)
        check_number_free(others.filter(number=number).first(), number)
        return number


def check_number_free(taken, number: str) -> None:
    if taken is None:
        return
    if taken.archived:
        message = _("An archived one has the number “%(number)s”: restore it or choose another.")
    else:
        message = _("“%(number)s” is taken already: choose another number.")
    raise forms.ValidationError(message, code="unique", params={"number": number})


class OrganisationForm(VersionedForm):
    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Other names of the organisation, such as an old name: one per line."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "aliases"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["aliases"] = "\n".join(self.instance.aliases)

    def clean_aliases(self) -> list[str]:
        name = (self.cleaned_data.get("name") or "").strip()
        lines = (line.strip() for line in self.cleaned_data["aliases"].splitlines())
        return list(dict.fromkeys(line for line in lines if line and line != name))


class ParticipationForm(NormalTextForm, forms.Form):
    """Choose an existing organisation to take part in the plan."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects)

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Organisation.objects.exclude(participations__plan=plan)
        self.fields["organisation"].queryset = others


class MembershipForm(NormalTextForm, forms.Form):
    """Give a person a role in the plan: an account, or an e-mail address to invite."""

    person = forms.CharField(
        label=_("Username or e-mail address"),
        max_length=254,
        help_text=_(
            "Someone with no account yet is invited by e-mail: give their e-mail address, and "
            "they get a link to choose a password."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.VIEWER
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects,
        required=False,
        help_text=_("Editors only: the organisation whose actions they edit."),
    )

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["organisation"].queryset = plan.organisations.all()

    def clean_person(self):
        given = self.cleaned_data["person"].strip()
        accounts = get_user_model().objects.filter(is_active=True)
        found = list(accounts.filter(Q(username__iexact=given) | Q(email__iexact=given))[:2])
        if not found:
            return self.address_to_invite(given)
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several accounts have this e-mail address: give the username instead.")
            )
        return found[0]

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role != Membership.Role.EDITOR:
            cleaned["organisation"] = None
        elif not cleaned.get("organisation") and "organisation" not in self.errors:
            self.add_error("organisation", _("An editor needs the organisation they edit for."))
        if not self.errors and self.taken(cleaned):
            self.add_error("person", _("This person has this role in the plan already."))
        return cleaned

    @staticmethod
    def address_to_invite(given: str) -> str:
        """An e-mail address with no account is someone to invite; a name is a mistake."""
        try:
            validate_email(given)
        except forms.ValidationError:
            raise forms.ValidationError(
                _(
                    "No one has an account with this name or address. To invite someone new, "
                    "give their e-mail address."
                )
            ) from None
        return given

    def taken(self, cleaned) -> bool:
        if isinstance(cleaned["person"], str):  # a new person: no role anywhere yet
            return False
        return Membership.objects.filter(
            plan=self.plan,
            user=cleaned["person"],
            role=cleaned["role"],
            organisation=cleaned["organisation"],
        ).exists()
