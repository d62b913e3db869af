"""Editors create and change their organisation's actions; coordinators any action."""

urlpatterns: list = []
