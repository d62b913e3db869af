from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import ThrottledLoginForm, UnlockingSetPasswordForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledLoginForm),
        name="login",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=UnlockingSetPasswordForm),
        name="password_reset_confirm",
    ),
    path("", include("django.contrib.auth.urls")),
]
