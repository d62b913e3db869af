from . import overview, reporting

app_name = "followup"
urlpatterns = reporting.urlpatterns + overview.urlpatterns
