"""All actions of a plan as CSV and XLSX: one row per action, cells formula-escaped.

The XLSX is also Lanu's action template (/plans/template.xlsx): an instructions
sheet (with the plan's name and period), a goals sheet and the actions sheet, which
lanu/importers/spreadsheet.py reads back. So an export can be edited and imported
into its plan, and a filled-in template creates a new plan. The instructions are in
Finnish, Swedish and English at once; the goals sheet's headings and the plan's
labels are read in any of the three languages.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from functools import cache
from itertools import chain

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font

from lanu.lib.spreadsheet import StreamedZip, safe_cell, sheet_row


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
    """The action's cells, lists joined one entry per line, choices (permanence, ease,
    impact) as their labels in the reader's language: the importer reads any language."""
    labels = choice_labels(get_language())
    values = {
        **{name: labels[name].get(value, value) for name, value in choices_of(action)},
        "id": action.pk,
        "organisation": action.organisation.name,
        "subgoals": "; ".join(subgoal.key for subgoal in action.subgoal_refs),
        "items": "\n".join(action.items),
        "metrics": "\n".join(metric.text for metric in action.metric_list),
        "start_date": action.start_date.isoformat() if action.start_date else "",
        "end_date": action.end_date.isoformat() if action.end_date else "",
    }
    return [safe_cell(values.get(key, getattr(action, key, ""))) for key in column_keys()]


CHOICE_COLUMNS = ("permanence", "ease", "impact")


def choices_of(action) -> list[tuple[str, str]]:
    return [(name, getattr(action, name)) for name in CHOICE_COLUMNS]


@cache
def choice_labels(language: str | None) -> dict[str, dict[str, str]]:
    """The choice columns' labels in the language, as get_…_display() gives them: read
    once per language, not for each of 10,000 rows."""
    from .models import Action  # this module is read while the apps load (the importers)

    fields = [f for f in Action._meta.concrete_fields if f.name in CHOICE_COLUMNS]
    return {f.name: {value: str(label) for value, label in f.flatchoices} for f in fields}


@cache
def column_keys() -> tuple[str, ...]:
    return tuple(key for key, _heading in columns())


SEPARATORS = (",", ";")  # the comma, and the semicolon Finnish and Swedish Excel expect


def write_csv(out, actions, separator: str = ",") -> None:
    out.writelines(csv_lines(actions, separator))


def csv_lines(actions, separator: str = ",") -> Iterator[str]:
    """The CSV a line at a time: a byte-order mark, the headings, a row per action."""
    writer = csv.writer(Echo(), delimiter=separator)
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow([heading for _key, heading in columns()])
    for action in actions:
        yield writer.writerow(action_row(action))


class Echo:
    """A file for csv.writer whose write() answers the line instead of keeping it."""

    def write(self, line: str) -> str:
        return line


LANGUAGES = ("fi", "sv", "en")
SHEETS = {
    "instructions": {"fi": "Ohjeet", "sv": "Anvisningar", "en": "Instructions"},
    "goals": {"fi": "Tavoitteet", "sv": "Mål", "en": "Goals"},
}
GOAL_COLUMNS = {  # key: its heading in each language
    "goal": {"fi": "Päätavoitteen numero", "sv": "Huvudmålets nummer", "en": "Goal number"},
    "goal_title": {"fi": "Päätavoite", "sv": "Huvudmål", "en": "Goal title"},
    "subgoal": {"fi": "Välitavoitteen numero", "sv": "Delmålets nummer", "en": "Sub-goal number"},
    "subgoal_title": {"fi": "Välitavoite", "sv": "Delmål", "en": "Sub-goal title"},
}
PLAN_FIELDS = {  # the plan's own cells on the instructions sheet: label in column A
    "name": {"fi": "Suunnitelman nimi", "sv": "Planens namn", "en": "Name of the plan"},
    "period": {"fi": "Kausi", "sv": "Period", "en": "Period"},
}
INSTRUCTIONS = {
    "fi": [
        "Lanun toimenpidepohja",
        "Kirjoita suunnitelman nimi ja kausi (esim. 2024–2027) alla oleviin soluihin.",
        "Välilehti Tavoitteet: yksi rivi kutakin välitavoitetta kohden (päätavoitteen numero "
        "ja otsikko, välitavoitteen numero ja otsikko).",
        "Välilehti Toimenpiteet: yksi rivi kutakin toimenpidettä kohden. Välitavoitteet "
        "kirjoitetaan muodossa I.1; I.2. Kohdat ja mittarit: yksi kullekin riville solussa.",
        "Tunniste-sarake: jätä tyhjäksi uusille toimenpiteille. Rivit, joilla on tunniste, "
        "päivittävät sen toimenpiteen; tiedostosta puuttuvat toimenpiteet jätetään ennalleen.",
        "Päivämäärät muodossa 2024-01-31 tai 31.1.2024.",
    ],
    "sv": [
        "Lanus åtgärdsmall",
        "Skriv planens namn och period (t.ex. 2024–2027) i cellerna nedan.",
        "Fliken Mål: en rad per delmål (huvudmålets nummer och rubrik, delmålets nummer "
        "och rubrik).",
        "Fliken Åtgärder: en rad per åtgärd. Delmål skrivs som I.1; I.2. Punkter och mätare: "
        "en per rad i cellen.",
        "Kolumnen ID: lämna tom för nya åtgärder. Rader med ID uppdaterar den åtgärden; "
        "åtgärder som saknas i filen lämnas som de är.",
        "Datum som 2024-01-31 eller 31.1.2024.",
    ],
    "en": [
        "Lanu's action template",
        "Write the plan's name and period (e.g. 2024–2027) in the cells below.",
        "Sheet Goals: one row per sub-goal (goal number and title, sub-goal number and title).",
        "Sheet Actions: one row per action. Sub-goals are written as I.1; I.2. Items and "
        "metrics: one per line in the cell.",
        "ID column: leave it empty for new actions. Rows with an ID update that action; "
        "actions missing from the file are left as they are.",
        "Dates as 2024-01-31 or 31.1.2024.",
    ],
}


def in_language(texts: dict[str, str]) -> str:
    language = (get_language() or "fi")[:2]
    return texts.get(language, texts["en"])


def write_xlsx(out, plan, actions) -> None:
    """The workbook written to a binary file. Without a plan (and no actions) it is the
    empty template."""
    for chunk in xlsx_chunks(plan, actions):
        out.write(chunk)


ACTIONS_SHEET = "xl/worksheets/sheet3.xml"


def xlsx_chunks(plan, actions) -> Iterator[bytes]:
    """The workbook as it is written: openpyxl writes it with the actions' headings only,
    then it is copied into the file part by part, the action rows streamed into the
    actions sheet as they are read (lanu/lib/spreadsheet.py `StreamedZip`)."""
    parts = zipfile.ZipFile(io.BytesIO(headed_workbook(plan)))
    out = StreamedZip()
    for name in parts.namelist():
        if name != ACTIONS_SHEET:
            yield from out.part(name, parts.read(name))
    head, tail = parts.read(ACTIONS_SHEET).decode("utf-8").split("</sheetData>")
    rows = (sheet_row(number, action_row(action)) for number, action in enumerate(actions, 2))
    yield from out.streamed_part(ACTIONS_SHEET, chain([head], rows, ["</sheetData>", tail]))
    yield from out.end()


def headed_workbook(plan) -> bytes:
    """A write-only workbook with the actions sheet's headings and no rows yet."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = plan.name if plan else _("Action template")
    write_instructions(workbook, plan)
    write_goals(workbook, plan)
    sheet = workbook.create_sheet(_("Actions"))
    sheet.freeze_panes = "A2"
    sheet.append([heading_cell(sheet, heading) for _key, heading in columns()])
    workbook.active = 2  # the actions: what a spreadsheet program opens at
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_instructions(workbook, plan) -> None:
    sheet = workbook.create_sheet(in_language(SHEETS["instructions"]))
    for language in LANGUAGES:
        lines = INSTRUCTIONS[language]
        sheet.append([heading_cell(sheet, lines[0])])
        for line in lines[1:]:
            sheet.append([line])
        sheet.append([])
    labels = {key: " / ".join(texts[n] for n in LANGUAGES) for key, texts in PLAN_FIELDS.items()}
    sheet.append([heading_cell(sheet, labels["name"]), safe_cell(plan.name if plan else "")])
    period = f"{plan.period_start}–{plan.period_end}" if plan else ""
    sheet.append([heading_cell(sheet, labels["period"]), period])


def write_goals(workbook, plan) -> None:
    sheet = workbook.create_sheet(in_language(SHEETS["goals"]))
    sheet.freeze_panes = "A2"
    sheet.append([heading_cell(sheet, in_language(texts)) for texts in GOAL_COLUMNS.values()])
    if plan is None:
        return
    for goal in plan.goals.filter(archived=False).prefetch_related("subgoals"):
        subgoals = [s for s in goal.subgoals.all() if not s.archived]
        for subgoal in subgoals or [None]:
            sheet.append(
                [safe_cell(value) for value in (goal.number, goal.title)]
                + ([safe_cell(subgoal.number), safe_cell(subgoal.title)] if subgoal else [])
            )


def heading_cell(sheet, heading: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=heading)
    cell.font = Font(bold=True)
    return cell
