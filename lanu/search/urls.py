"""The search pages: search across plans (/search/), a plan's similar actions and overlap
review (/plans/<slug>/overlaps/), and plans compared side by side (/search/compare/)."""

from django.urls import path

from . import compare_views

app_name = "search"
urlpatterns: list = [
    path("compare/", compare_views.compare, name="compare"),
]
plan_patterns: tuple = (
    [
        path("themes/add/", compare_views.theme_add, name="theme-add"),
        path("themes/remove/", compare_views.theme_remove, name="theme-remove"),
        path("themes/accept/", compare_views.theme_accept, name="theme-accept"),
    ],
    "search-plan",
)
