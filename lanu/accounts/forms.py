from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _

from . import throttling


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
