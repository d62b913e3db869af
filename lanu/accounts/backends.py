from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def account_named(name: str):
    """The account a login name means: its e-mail address or its username, any letter case."""
    name = name.strip()
    users = get_user_model().objects.order_by("pk")
    found = users.filter(email__iexact=name).first() if "@" in name else None
    found = found or users.filter(username=name).first()
    return found or users.filter(username__iexact=name).first()


class UsernameOrEmailBackend(ModelBackend):
    """Log in with either the username or the e-mail address (any letter case)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = account_named(username) if username else None
        if user is not None:
            username = user.get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)
