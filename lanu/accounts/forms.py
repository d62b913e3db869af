from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import LoginFailure


class ThrottledLoginForm(AuthenticationForm):
    """The login form; 5 failures from one address for one username lock it for 15 minutes."""

    username = forms.CharField(label=_("Username or e-mail address"), max_length=254)

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed logins: logging in as this user from here is locked for "
            "15 minutes. Wait, or reset your password by e-mail."
        ),
    }

    def clean(self):
        key = self.failure_key()
        if key and self.is_locked(key):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if key:
                self.count_failure(key)
            raise
        LoginFailure.objects.filter(**key).delete()
        return cleaned

    def failure_key(self) -> dict | None:
        username = (self.data.get(self.add_prefix("username")) or "").strip().lower()
        address = self.request.META.get("REMOTE_ADDR") if self.request else None
        return {"address": address, "username": username} if username and address else None

    @staticmethod
    def is_locked(key) -> bool:
        failure = LoginFailure.objects.filter(**key).first()
        return failure is not None and failure.locked

    @staticmethod
    def count_failure(key) -> None:
        failure, created = LoginFailure.objects.get_or_create(**key)
        if not created and not failure.locked and failure.count >= LoginFailure.LIMIT:
            failure.count = 0  # an old lock-out has passed: count afresh
            failure.save(update_fields=["count"])
        LoginFailure.objects.filter(pk=failure.pk).update(
            count=F("count") + 1, last_at=timezone.now()
        )
