"""All actions of a plan as CSV and XLSX: one row per action, cells formula-escaped."""

import csv

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

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
        "subgoals": "; ".join(subgoal.key for subgoal in action.subgoal_refs),
        "items": "\n".join(action.items),
        "metrics": "\n".join(metric.text for metric in action.metric_list),
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
    """A write-only workbook: rows stream out, so time and memory grow linearly."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = plan.name
    sheet = workbook.create_sheet(_("Actions"))
    sheet.freeze_panes = "A2"
    sheet.append([heading_cell(sheet, heading) for _key, heading in columns()])
    for action in actions:
        sheet.append(action_row(action))
    workbook.save(out)


def heading_cell(sheet, heading: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=heading)
    cell.font = Font(bold=True)
    return cell
