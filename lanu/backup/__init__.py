"""A plan's full export, a backup: the plan with its archived items, follow-up and people.

It sits above plans, accounts, importers and followup (docs/architecture.md):
`export.export_backup()` writes the document, `reading.read_backup()` checks its
follow-up and people part, and `restore.restore_plan()` writes a plan back from
it in one transaction. The commands export-plan and import-plan live here.
"""
