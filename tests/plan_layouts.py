"""Plan documents as municipalities lay them out, written from any plan read as `PlanData`.

The acceptance tests of the general reader (and bench/import.py) write a plan in each
layout of issue 9 and read it back: the same goals, sub-goals, actions and organisations
must come out. Each builder takes any PlanData, so the seeds' real texts are the
content, and writes a cover page (the plan's name and period) before the plan:

- `principle_tables_docx`: a table per goal, Periaate | Tavoite | Toimenpide | Mittari,
  as in Espoo's plan: the goal cell merged down its table, a sub-goal written on its
  first row only, the actions' items and the metrics as bulleted list paragraphs;
- `heading_tables_docx`: a numbered heading per goal (Heading 1 "1 …") and sub-goal
  (Heading 2 "1.1 …"), and a table per sub-goal: Toimenpide | Vastuutaho | Aikataulu
  | Mittari;
- `merged_table_docx`: one table, Painopiste | Tavoite | Toimenpide | Vastuutaho |
  Mittarit (or in Swedish), the goal and sub-goal cells merged down over their actions;
- `sheet_xlsx` and `sheet_csv`: the same columns in a sheet, a goal and a sub-goal
  written on its group's first row only (and Toteuttaja when the plan has several
  organisations);
- `organisation_tables_docx`: a heading per goal ("I …") and a table under it with the
  organisation in a column, Tavoite | Toimenpide | Toteuttaja | Aikataulu | Mittari,
  the sub-goal repeated on each row.

An action serving several sub-goals is written under each, as a document repeats it.
`convert()` makes ODT or PDF copies of Word files with LibreOffice, as a plan's
published PDF is made.
"""

import csv
import hashlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from lanu.importers.data import ActionData, GoalData, PlanData, SubGoalData

MOTHER_TONGUE = "*äidinkieli/kansalaisuus"  # Espoo's mark of a metric broken down so
HEADERS = {
    "principle": ["Periaate", "Tavoite", "Toimenpide", "Mittari"],
    "heading": ["Toimenpide", "Vastuutaho", "Aikataulu", "Mittari"],
    "merged-fi": ["Painopiste", "Tavoite", "Toimenpide", "Vastuutaho", "Mittarit"],
    "merged-sv": ["Fokusområde", "Mål", "Åtgärd", "Ansvarig", "Mätare"],
    "organisation": ["Tavoite", "Toimenpide", "Toteuttaja", "Aikataulu", "Mittari"],
}
# Each column's share of the page's width: the actions wide, as people make them.
WIDTHS = {
    "principle": [4, 5, 10, 7],
    "heading": [10, 5, 3, 7],
    "merged-fi": [4, 5, 9, 5, 7],
    "merged-sv": [4, 5, 9, 5, 7],
    "organisation": [4, 11, 4, 5, 7],
}
ORGANISATION_COLUMN = "Toteuttaja"


@dataclass
class Place:
    """One sub-goal of the plan with its goal, and the actions written under it."""

    goal: GoalData
    subgoal: SubGoalData
    actions: list[ActionData]

    @property
    def key(self) -> str:
        return f"{self.goal.number}.{self.subgoal.number}"


def places(data: PlanData) -> Iterator[Place]:
    """Every sub-goal in the plan's order with its actions (in the plan's order)."""
    for goal in data.goals:
        for subgoal in goal.subgoals:
            key = f"{goal.number}.{subgoal.number}"
            yield Place(goal, subgoal, [a for a in data.actions if key in a.subgoals])


def cover_title(data: PlanData) -> str:
    """The plan's name with its period, as a cover page says it."""
    period = f"{data.period_start}–{data.period_end}"
    return data.name if period in data.name else f"{data.name} {period}"


def metric_texts(action: ActionData, mark: str = "") -> list[str]:
    return [f"{m.text} {mark}" if mark and m.by_mother_tongue else m.text for m in action.metrics]


# Word ---------------------------------------------------------------------------------


def new_document(data: PlanData) -> docx.Document:
    """A Word document in landscape A4, Arial 9 pt in columns wide enough for the seeds'
    longest words, with the plan's cover page: its title, then a page break."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(9)
    # Word's own default spacing, which also tells a PDF's paragraphs from its lines.
    normal.paragraph_format.space_after, normal.paragraph_format.line_spacing = Pt(8), 1.08
    document.add_paragraph(cover_title(data), style="Title")
    document.add_paragraph("Lasten ja nuorten hyvinvointisuunnitelma")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return document


def add_table(document, layout: str):
    """A ruled table with its header row, repeated on every page as long tables are."""
    headers, widths = HEADERS[layout], WIDTHS[layout]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for column, share in zip(table.columns, widths, strict=True):
        column.width = Cm(26.7 * share / sum(widths))
    for cell, column in zip(table.rows[0].cells, table.columns, strict=True):
        cell.width = column.width
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    header_row = table.rows[0]._tr.get_or_add_trPr()
    header_row.append(OxmlElement("w:tblHeader"))
    header_row[-1].set(qn("w:val"), "true")
    return table


def write_cell(cell, paragraphs: list[str], bullets: list[str] = ()) -> None:
    """Plain paragraphs, then list paragraphs (Word's bullets), in one table cell."""
    texts = [(text, None) for text in paragraphs if text] + [(t, "List Bullet") for t in bullets]
    for n, (text, style) in enumerate(texts):
        paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        paragraph.add_run(text)
        if style:
            paragraph.style = style


def write_action_cell(cell, action: ActionData) -> None:
    write_cell(cell, [action.description], action.items)


def write_lines(cell, lines: list[str]) -> None:
    write_cell(cell, [line for line in lines if line])


def merge_down(table, column: int, first: int, last: int) -> None:
    if last > first:
        table.cell(first, column).merge(table.cell(last, column))


def principle_tables_docx(data: PlanData, path: Path, mother_tongue: str = MOTHER_TONGUE) -> Path:
    """(a) A table per goal: Periaate | Tavoite | Toimenpide | Mittari, as Espoo's."""
    document = new_document(data)
    for goal in data.goals:
        table = add_table(document, "principle")
        for place in places(goal_view(data, goal)):
            for n, action in enumerate(place.actions or [None]):
                cells = table.add_row().cells
                if n == 0:
                    write_lines(cells[1], [place.subgoal.title])
                if action:
                    write_action_cell(cells[2], action)
                    write_cell(cells[3], [], metric_texts(action, mother_tongue))
        write_lines(table.cell(1, 0), [f"{goal.number}. {goal.title}"])
        merge_down(table, 0, 1, len(table.rows) - 1)
        document.add_paragraph()
    document.save(path)
    return path


def goal_view(data: PlanData, goal: GoalData) -> PlanData:
    """The plan seen through one of its goals, for a table per goal."""
    return PlanData(
        data.name, data.period_start, data.period_end, goals=[goal], actions=data.actions
    )


def heading_tables_docx(data: PlanData, path: Path) -> Path:
    """(b) Numbered headings per goal and sub-goal, and a table per sub-goal."""
    document = new_document(data)
    shown_goal = None
    for place in places(data):
        if place.goal is not shown_goal:
            document.add_heading(f"{place.goal.number} {place.goal.title}", level=1)
            shown_goal = place.goal
        document.add_heading(f"{place.key} {place.subgoal.title}", level=2)
        table = add_table(document, "heading")
        for action in place.actions:
            cells = table.add_row().cells
            write_action_cell(cells[0], action)
            write_lines(cells[1], [action.responsible])
            write_lines(cells[2], [action.schedule])
            write_cell(cells[3], [], metric_texts(action))
    document.save(path)
    return path


def merged_table_docx(data: PlanData, path: Path, language: str = "fi") -> Path:
    """(c) One table; the goal and sub-goal cells merged down over their actions, and
    a metric per paragraph (typed lines, not a list)."""
    document = new_document(data)
    table = add_table(document, f"merged-{language}")
    for goal in data.goals:
        goal_first = len(table.rows)
        for place in places(goal_view(data, goal)):
            first = len(table.rows)
            for action in place.actions or [None]:
                cells = table.add_row().cells
                if action:
                    write_action_cell(cells[2], action)
                    write_lines(cells[3], [action.responsible])
                    write_lines(cells[4], metric_texts(action))
            write_lines(table.cell(first, 1), [place.subgoal.title])
            merge_down(table, 1, first, len(table.rows) - 1)
        write_lines(table.cell(goal_first, 0), [goal.title])
        merge_down(table, 0, goal_first, len(table.rows) - 1)
    document.save(path)
    return path


def organisation_tables_docx(data: PlanData, path: Path) -> Path:
    """(e) A heading per goal, and a table with the organisation in a column."""
    document = new_document(data)
    for goal in data.goals:
        document.add_heading(f"{goal.number} {goal.title}", level=1)
        table = add_table(document, "organisation")
        for place in places(goal_view(data, goal)):
            for action in place.actions:
                cells = table.add_row().cells
                write_lines(cells[0], [place.subgoal.title])
                write_action_cell(cells[1], action)
                write_lines(cells[2], [action.organisation])
                write_lines(cells[3], [action.schedule])
                write_cell(cells[4], [], metric_texts(action))
    document.save(path)
    return path


# Spreadsheets -------------------------------------------------------------------------


def sheet_rows(data: PlanData) -> list[list[str]]:
    """(d) The cover's title, a blank row, the header, and a row per action: a goal and
    a sub-goal on its group's first row only; items as "- " lines, a metric per line."""
    several = len(data.organisations) > 1
    header = HEADERS["merged-fi"][:4] + ([ORGANISATION_COLUMN] if several else [])
    rows = [[cover_title(data)], [], [*header, HEADERS["merged-fi"][4]]]
    shown_goal = None
    for place in places(data):
        for n, action in enumerate(place.actions or [None]):
            goal = place.goal.title if place.goal is not shown_goal else ""
            shown_goal = place.goal
            row = [goal, place.subgoal.title if n == 0 else ""]
            row += action_columns(action, several)
            rows.append(row)
    return rows


def action_columns(action: ActionData | None, several: bool) -> list[str]:
    if action is None:
        return ["", "", *([""] if several else []), ""]
    text = "\n".join([action.description, *(f"- {item}" for item in action.items)]).strip()
    organisation = [action.organisation] if several else []
    return [text, action.responsible, *organisation, "\n".join(metric_texts(action))]


def sheet_xlsx(data: PlanData, path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Toimenpiteet"
    for row in sheet_rows(data):
        sheet.append(row)
    workbook.save(path)
    return path


def sheet_csv(data: PlanData, path: Path) -> Path:
    """As Excel saves "CSV UTF-8" in Finland: semicolons, a byte-order mark."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";").writerows(sheet_rows(data))
    return path


# Documents without a plan ------------------------------------------------------------

CONTACTS = [
    ["Yhteyshenkilö", "Puhelin", "Sähköposti"],
    ["Maija Meikäläinen", "040 123 4567", "maija.meikalainen@example.fi"],
    ["Matti Virtanen", "050 765 4321", "matti.virtanen@example.fi"],
]
MEETINGS = [["Kokous", "Päivämäärä"], ["Ohjausryhmä", "12.3.2024"], ["Lautakunta", "4.6.2024"]]


def contacts_docx(path: Path) -> Path:
    """A Word document with a cover and two tables, neither of them of actions."""
    document = docx.Document()
    document.add_paragraph("Hyvinvointityön yhteystiedot 2024", style="Title")
    document.add_paragraph("Alla työryhmän yhteystiedot ja kokoukset.")
    for rows in (CONTACTS, MEETINGS):
        table = document.add_table(rows=0, cols=len(rows[0]))
        table.style = "Table Grid"
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.paragraphs[0].add_run(value)
        document.add_paragraph()
    document.save(path)
    return path


def contacts_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Yhteystiedot"
    for row in CONTACTS:
        workbook.active.append(row)
    workbook.save(path)
    return path


def contacts_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";").writerows(CONTACTS)
    return path


# Copies by LibreOffice ----------------------------------------------------------------


def convert(paths: list[Path], kind: str, folder: Path) -> list[Path]:
    """ODT or PDF copies of Word files, all in one LibreOffice run (about 1 s a file).

    LibreOffice gets a profile of its own, so that it neither waits for nor disturbs
    another soffice running on the machine. Its copies are kept in COPIES by what the
    Word file says and the LibreOffice that made them: the suite's run on PostgreSQL,
    and the next run, take the copies the first made instead of starting LibreOffice."""
    keys = {path: copy_key(path, kind) for path in paths}
    missing = [path for path in paths if not (COPIES / keys[path]).exists()]
    if missing:
        for path, made in zip(missing, run_soffice(missing, kind, folder), strict=True):
            keep(made, COPIES / keys[path])
    for path in paths:
        shutil.copyfile(COPIES / keys[path], folder / f"{path.stem}.{kind}")
    return [folder / f"{path.stem}.{kind}" for path in paths]


COPIES = Path(tempfile.gettempdir()) / "lanu-soffice-copies"


def copy_key(path: Path, kind: str) -> str:
    """The Word file's parts (not the zip's dates, which change at each save), the kind
    of copy, and the LibreOffice installed (an upgrade makes its copies anew)."""
    digest = hashlib.sha256(kind.encode())
    soffice = Path(shutil.which("soffice") or "soffice").resolve()
    if soffice.exists():
        digest.update(f"{soffice}:{soffice.stat().st_mtime_ns}".encode())
    with zipfile.ZipFile(path) as word:
        for name in sorted(word.namelist()):
            digest.update(name.encode() + b"\0" + word.read(name))
    return f"{digest.hexdigest()}.{kind}"


def keep(made: Path, kept: Path) -> None:
    """A copy kept whole or not at all, even with two test runs writing at once."""
    kept.parent.mkdir(exist_ok=True)
    part = kept.with_name(f"{kept.name}.{os.getpid()}.part")
    shutil.copyfile(made, part)
    os.replace(part, kept)


def run_soffice(paths: list[Path], kind: str, folder: Path) -> list[Path]:
    profile = folder / f".soffice-profile-{kind}"
    command = [
        "soffice",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--convert-to",
        kind,
        "--outdir",
        str(folder),
        *(str(path) for path in paths),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    copies = [folder / f"{path.stem}.{kind}" for path in paths]
    missing = [copy.name for copy in copies if not copy.exists()]
    if run.returncode or missing:
        raise RuntimeError(f"soffice made no {missing}: {run.stdout}\n{run.stderr}")
    return copies
