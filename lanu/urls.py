from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = i18n_patterns(
    path("", RedirectView.as_view(pattern_name="plans:list", permanent=False)),
    path("plans/", include("lanu.plans.urls")),
    path("plans/<slug:slug>/rounds/", include("lanu.followup.urls")),
    path("accounts/", include("lanu.accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
