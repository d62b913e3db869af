from django.urls import path

from . import views

app_name = "yearclock"
urlpatterns = [
    path("", views.clock, name="clock"),
    path("new/", views.add_event, name="event-add"),
    path("<int:pk>/", views.edit_event, name="event-edit"),
    path("<int:pk>/delete/", views.delete_event, name="event-delete"),
    path("<int:pk>.ics", views.event_file, name="event-file"),
    path("vuosikello.ics", views.feed, name="feed"),
    path("feed/renew/", views.renew_feed, name="feed-renew"),
]
# The secret addresses of unpublished plans' feeds: no plan's name in them.
feed_patterns = ([path("<str:secret>.ics", views.token_feed, name="feed")], "calendar")
