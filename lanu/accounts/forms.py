from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _

from lanu.lib.text import NormalTextForm
from lanu.plans.models import Organisation

from . import throttling
from .models import Membership


class ThrottledLoginForm(AuthenticationForm):
    """The login form; too many failures lock the account, or the address, for a while.

    See throttling.py: the same refusal for every name, known or not.
    """

    username = forms.CharField(label=_("Username or e-mail address"), max_length=254)

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed logins: logging in is locked until %(time)s. "
            "Wait, or reset your password by e-mail."
        ),
    }

    def clean(self):
        keys = throttling.failure_keys(self.request, self.typed_name())
        until = throttling.locked_until(keys)
        if until is not None:
            raise self.locked_error(until)
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttling.count_failure(keys)
            raise
        if self.user_cache is not None:
            throttling.forget_account_failures(self.user_cache)
        return cleaned

    def typed_name(self) -> str:
        return str(self.data.get(self.add_prefix("username")) or "")[:254]

    def locked_error(self, until) -> forms.ValidationError:
        time = format_date(timezone.localtime(until), "H.i")
        return forms.ValidationError(
            self.error_messages["locked"], code="locked", params={"time": time}
        )


class UnlockingSetPasswordForm(SetPasswordForm):
    """A new password from the e-mailed link also lifts the account's lock."""

    def save(self, commit=True):
        user = super().save(commit)
        throttling.forget_account_failures(user)
        return user


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
