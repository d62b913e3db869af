from django.urls import path

from . import matrix_views, views

app_name = "yearclock"
urlpatterns = [
    path("vuosikello/", views.clock, name="clock"),
    path("vuosikello/new/", views.add_event, name="event-add"),
    path("vuosikello/<int:pk>/", views.edit_event, name="event-edit"),
    path("vuosikello/<int:pk>/delete/", views.delete_event, name="event-delete"),
    path("vuosikello/<int:pk>.ics", views.event_file, name="event-file"),
    path("vuosikello/vuosikello.ics", views.feed, name="feed"),
    path("vuosikello/feed/renew/", views.renew_feed, name="feed-renew"),
    path("matrix/subgoal/<int:pk>/", matrix_views.subgoal_matrix, name="subgoal-matrix"),
    path(
        "matrix/organisation/<int:pk>/",
        matrix_views.organisation_matrix,
        name="organisation-matrix",
    ),
]
# The secret addresses of unpublished plans' feeds: no plan's name in them.
feed_patterns = ([path("<str:secret>.ics", views.token_feed, name="feed")], "calendar")
