"""Uploading a plan or an action spreadsheet: a preview first, then one transaction."""

urlpatterns: list = []
