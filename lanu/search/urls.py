"""The search pages: search across plans (/search/), a plan's similar actions and overlap
review (/plans/<slug>/overlaps/), and plans compared side by side (/compare/)."""

from django.urls import path  # noqa: F401

app_name = "search"
urlpatterns: list = []
plan_patterns: tuple = ([], "search-plan")
