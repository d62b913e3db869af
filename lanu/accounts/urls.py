from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import ThrottledLoginForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledLoginForm),
        name="login",
    ),
    path("", include("django.contrib.auth.urls")),
]
