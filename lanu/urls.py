from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from lanu.backup import views as backup_views
from lanu.importers import views as import_views
from lanu.plans import urls as plan_urls
from lanu.search.urls import plan_patterns as search_plan_patterns
from lanu.voice.urls import short_patterns as voice_short_patterns
from lanu.yearclock.urls import feed_patterns

# One "plans" namespace for everything under /plans/: the plans' editing pages, the
# importers' upload pages (whose fixed words, "import" and "template.xlsx", come before
# any plan's address), then the public pages. The site joins them, as plans must not
# import the importers (docs/architecture.md).
plan_pages = plan_urls.editing + import_views.urlpatterns + plan_urls.public

urlpatterns = i18n_patterns(
    path("", RedirectView.as_view(pattern_name="plans:list", permanent=False)),
    # Before plans' own (public) export.json: coordinators get the full one there.
    path("plans/<slug:slug>/export.json", backup_views.export_json),
    path("plans/<slug:slug>/indicators/", include("lanu.indicators.views")),
    path("plans/", include((plan_pages, plan_urls.app_name))),
    path("plans/<slug:slug>/rounds/", include("lanu.followup.urls")),
    path("plans/<slug:slug>/", include("lanu.yearclock.urls")),  # vuosikello/, matrix/
    path("vuosikello/", include(feed_patterns)),
    path("plans/<slug:slug>/reports/", include("lanu.reports.views")),
    path("plans/<slug:slug>/voice/", include("lanu.voice.urls")),
    path("v/", include(voice_short_patterns)),
    path("plans/<slug:slug>/", include(search_plan_patterns)),  # overlaps/, similar/
    path("search/", include("lanu.search.urls")),
    path("accounts/", include("lanu.accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
