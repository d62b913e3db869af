"""Coordinators edit a plan's structure: the plan, goals, sub-goals, organisations, people."""

urlpatterns: list = []
