"""The search pages: search across plans (/search/), a plan's similar actions and overlap
review (/plans/<slug>/overlaps/), and plans compared side by side (/search/compare/)."""

from django.urls import path

from . import compare_views, overlap_views, search_views

app_name = "search"
urlpatterns: list = [
    path("", search_views.search_page, name="search"),
    path("compare/", compare_views.compare, name="compare"),
]
plan_patterns: tuple = (
    [
        path("themes/add/", compare_views.theme_add, name="theme-add"),
        path("themes/remove/", compare_views.theme_remove, name="theme-remove"),
        path("themes/accept/", compare_views.theme_accept, name="theme-accept"),
        path("overlaps/", overlap_views.overlaps_page, name="overlaps"),
        path("overlaps/decide/", overlap_views.overlap_decide, name="overlap-decide"),
        path("overlaps/undo/", overlap_views.overlap_undo, name="overlap-undo"),
    ],
    "search-plan",
)
