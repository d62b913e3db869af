"""Placeholder."""

urlpatterns: list = []
