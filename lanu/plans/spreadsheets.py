"""All actions of a plan as CSV and XLSX: one row per action, cells formula-escaped."""

import csv

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from lanu.lib.spreadsheet import safe_cell


def columns() -> list[tuple[str, str]]:
    """(key, heading) of each column; the keys are the JSON export's action keys."""
    return [
        ("id", _("ID")),
        ("organisation", _("Organisation")),
        ("subgoals", _("Sub-goals")),
        ("description", _("Description")),
        ("items", _("Items")),
        ("metrics", _("Metrics")),
        ("schedule", _("Schedule")),
        ("start_date", _("Start date")),
        ("end_date", _("End date")),
        ("permanence", _("Permanence")),
        ("responsible", _("Responsible")),
        ("monitoring", _("Monitoring")),
        ("ease", _("Ease")),
        ("impact", _("Impact")),
        ("notes", _("Notes")),
    ]


def action_row(action) -> list:
    """The action's cells, lists joined one entry per line."""
    values = {
        "id": action.pk,
        "organisation": action.organisation.name,
        "subgoals": "; ".join(subgoal.key for subgoal in action.subgoals.all()),
        "items": "\n".join(action.items),
        "metrics": "\n".join(metric.text for metric in action.metrics.all()),
        "start_date": action.start_date.isoformat() if action.start_date else "",
        "end_date": action.end_date.isoformat() if action.end_date else "",
    }
    return [safe_cell(values.get(key, getattr(action, key, ""))) for key, _h in columns()]


def write_csv(out, actions) -> None:
    out.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(out)
    writer.writerow([heading for _key, heading in columns()])
    for action in actions:
        writer.writerow(action_row(action))


def write_xlsx(out, plan, actions) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Actions")
    sheet.append([heading for _key, heading in columns()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for action in actions:
        sheet.append(action_row(action))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    workbook.properties.title = plan.name
    workbook.save(out)
