from django.urls import path

from . import action_editing, people, structure, views

app_name = "plans"
public = [
    path("", views.plan_list, name="list"),
    path("<slug:slug>/", views.plan_detail, name="plan"),
    path("<slug:slug>/subgoals/<int:pk>/", views.subgoal_detail, name="subgoal"),
    path("<slug:slug>/organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("<slug:slug>/actions/", views.action_list, name="actions"),
    path("<slug:slug>/actions/<int:pk>/", views.action_detail, name="action"),
    path("<slug:slug>/export.json", views.export_json, name="export-json"),
    path("<slug:slug>/actions.csv", views.export_csv, name="export-csv"),
    path("<slug:slug>/actions.xlsx", views.export_xlsx, name="export-xlsx"),
]
# Editing URLs first: their fixed words ("new") are never plan addresses. The site
# (lanu/urls.py) puts the importers' upload pages between these and the public ones, in
# the same "plans" namespace: plans imports no higher app.
editing = structure.urlpatterns + people.urlpatterns + action_editing.urlpatterns
urlpatterns = editing + public
