"""Inviting a new person by e-mail: an account without a password, and a link to choose one."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def create_invited(email: str, username: str = ""):
    """A new account for the address: its username is the address (unless given), no password."""
    user = get_user_model()(username=username or email.lower(), email=email)
    user.set_unusable_password()
    user.save()
    return user


def send_invitation(request, user, membership) -> None:
    """E-mail the person a link to choose their password, telling who gave them which role."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "membership": membership,
        "inviter": request.user.get_full_name() or request.user.get_username(),
        "link": request.build_absolute_uri(path),
        "reset": request.build_absolute_uri(reverse("password_reset")),
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
    }
    subject = render_to_string("accounts/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(subject, body, None, [user.email])
