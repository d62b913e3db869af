from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from lanu.backup import views as backup_views

urlpatterns = i18n_patterns(
    path("", RedirectView.as_view(pattern_name="plans:list", permanent=False)),
    # Before plans' own (public) export.json: coordinators get the full one there.
    path("plans/<slug:slug>/export.json", backup_views.export_json),
    path("plans/", include("lanu.plans.urls")),
    path("plans/<slug:slug>/rounds/", include("lanu.followup.urls")),
    path("accounts/", include("lanu.accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
