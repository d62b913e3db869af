from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    """Log in with either the username or the e-mail address (any letter case)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            users = get_user_model().objects.filter(email__iexact=username.strip())
            user = users.order_by("pk").first()
            if user is not None:
                username = user.get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)
