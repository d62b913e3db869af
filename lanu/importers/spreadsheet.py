"""Lanu's action template: the XLSX export (instructions, goals and actions sheets) and
the CSV export (actions only), read back.

One row per action, the columns of plans/spreadsheets.py `columns()`, headed in
Finnish, Swedish or English (case and accents do not matter); columns may be left
out or reordered. Sheets are recognised by their heading row, not their name.

- An XLSX makes a new plan: its name and period from the instructions sheet, its goals
  from the goals sheet, its organisations from the actions (`read_bytes`).
- An XLSX or CSV applied to an existing plan updates the rows with an ID and creates
  the others (`changes.py`); a CSV alone has no goals, so it cannot make a plan.

This module reads rows into plain values and touches no database.
"""

import contextlib
import csv
import functools
import io
import itertools
import re
import warnings
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import openpyxl
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from lanu.lib import schedule
from lanu.lib.text import plain
from lanu.plans import spreadsheets as template

from . import files
from .data import (
    ActionData,
    GoalData,
    ImportRefused,
    MetricData,
    OrganisationData,
    PlanData,
    Problem,
    SubGoalData,
)
from .validation import concrete_field, value_messages

LIST_FIELDS = ("items", "metrics")
CHOICE_FIELDS = ("permanence", "ease", "impact")
DATE_FIELDS = ("start_date", "end_date")
FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
PERIOD = re.compile(r"(\d{4})\s*[-–—/]\s*(\d{4})")
FORMULA_ESCAPED = re.compile(r"^'(?='*[=+\-@\t\r])")  # lanu.lib.spreadsheet.safe_cell()
SUBGOAL_SEPARATOR = re.compile(r"[;,\n]")


def action_headings() -> dict[str, str]:
    """Every accepted heading of the action columns (plain) -> the column's key."""
    found: dict[str, str] = {}
    for language in template.LANGUAGES:
        with translation.override(language):
            found |= {plain(heading): key for key, heading in template.columns()}
    return found | {plain(key): key for key, _h in template.columns()}


def goal_headings() -> dict[str, str]:
    return {
        plain(heading): key
        for key, texts in template.GOAL_COLUMNS.items()
        for heading in [key, *texts.values()]
    }


def choice_kinds() -> dict:
    from lanu.plans.models import Action  # the app registry is ready when files are read

    return {"permanence": Action.Permanence, "ease": Action.Ease, "impact": Action.Impact}


def choices() -> dict[str, dict[str, str]]:
    """For each choice column, its accepted values (keys and labels in any language):
    the export writes the labels in its reader's language, any reader may import it."""
    fields = choice_kinds()
    found: dict[str, dict[str, str]] = {name: {} for name in fields}
    for language in template.LANGUAGES:
        with translation.override(language):
            for name, kind in fields.items():
                found[name] |= {plain(label): value for value, label in kind.choices}
    for name, kind in fields.items():
        found[name] |= {plain(value): value for value in kind.values}
    return found


# Cells -------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as text: dates ISO, whole numbers without ".0", the export's escape undone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return FORMULA_ESCAPED.sub("", str(value)).replace("\r\n", "\n").strip()


@dataclass
class Row:
    """One row of a sheet: its number (1 = the heading row) and its cells by key."""

    number: int
    cells: dict[str, str]


@dataclass
class Sheet:
    name: str
    columns: dict[str, int]  # key -> column number (1-based)
    rows: list[Row] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # headings of unknown columns


def make_sheet(name: str, rows: list[list], headings: dict[str, str]) -> Sheet:
    """The sheet's heading row read into columns, and its non-empty rows."""
    head = [cell_text(value) for value in rows[0]] if rows else []
    columns, ignored = {}, []
    for number, heading in enumerate(head, 1):
        key = headings.get(plain(heading))
        if key and key not in columns:
            columns[key] = number
        elif heading:
            ignored.append(heading)
    sheet = Sheet(name, columns, ignored=ignored)
    for number, values in enumerate(rows[1:], 2):
        cells = {key: cell_text(at(values, n)) for key, n in columns.items()}
        if any(cells.values()):
            sheet.rows.append(Row(number, cells))
    return sheet


def at(values, number: int):
    return values[number - 1] if number <= len(values) else None


def is_actions(sheet: Sheet) -> bool:
    return {"organisation", "description"} <= set(sheet.columns) or (
        "id" in sheet.columns and len(sheet.columns) >= 3
    )


def is_goals(sheet: Sheet) -> bool:
    return {"goal", "subgoal"} <= set(sheet.columns)


# Workbooks and CSV --------------------------------------------------------------------


@dataclass
class Workbook:
    """What a template file holds: its actions, and (XLSX only) goals and plan cells."""

    source: str
    actions: Sheet | None = None
    goals: Sheet | None = None
    plan_cells: dict[str, str] = field(default_factory=dict)
    title: str = ""


MAX_COLUMNS = 50  # the template has 15; columns further right are not read
MAX_ROWS = 200_000  # rows with values, per sheet


def load_xlsx(raw: bytes, source: str) -> Workbook:
    """The workbook's sheets, read row by row (files.check_parts has bounded its parts)."""
    with opened_xlsx(raw, source) as book:
        found = Workbook(source, title=book.properties.title or "")
        for worksheet in book.worksheets:
            take_sheet(found, worksheet.title, sheet_rows(worksheet, source))
    return found


@contextlib.contextmanager
def opened_xlsx(raw: bytes, source: str, data_only: bool = False):
    """The workbook opened read-only, and any error reading it (in the `with` block
    too: openpyxl reads a read-only sheet's cells only as they are iterated) refused
    as a damaged file. Every reader of Excel files opens them here.

    `data_only` gives a formula's last computed value (what a person sees) instead of
    the formula itself (what the template's reader has always been given)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles it cannot read
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only)
            try:
                yield book
            finally:
                book.close()
    except ImportRefused:
        raise
    except Exception:  # openpyxl raises many kinds of errors for broken parts
        message = _("The Excel file is damaged: its sheets cannot be read.")
        raise ImportRefused([Problem(message, file=source)]) from None


def sheet_rows(worksheet, source: str) -> list:
    """The sheet's rows, its first MAX_COLUMNS cells each; an empty row is kept as ()."""
    return [
        row if any(value is not None for value in row) else ()
        for row in bounded_rows(worksheet, source)
    ]


def bounded_rows(worksheet, source: str, values_only: bool = True):
    """The sheet's rows one at a time, its first MAX_COLUMNS cells each.

    A sheet claiming 16,384 columns or a million formatted but empty rows costs
    nothing then; more than MAX_ROWS rows with values are refused. With
    `values_only` false the rows hold openpyxl's cells (their number formats too)."""
    filled = 0
    for row in worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=values_only):
        filled += any(getattr(value, "value", value) is not None for value in row)
        if filled > MAX_ROWS:
            values = {"sheet": worksheet.title, "limit": MAX_ROWS}
            message = _("The sheet “%(sheet)s” has more than %(limit)d rows.") % values
            raise ImportRefused([Problem(message, file=source)])
        yield row


def take_sheet(found: Workbook, name: str, rows: list) -> None:
    """Keep the sheet if it is the actions, the goals or the instructions."""
    rows = [list(row) for row in rows]
    first = next((n for n, row in enumerate(rows) if any(v is not None for v in row)), None)
    if first is None:
        return
    actions = make_sheet(name, rows[first:], action_headings())
    goals = make_sheet(name, rows[first:], goal_headings())
    if found.actions is None and is_actions(actions):
        found.actions = actions
    elif found.goals is None and is_goals(goals):
        found.goals = goals
    else:
        found.plan_cells |= plan_cells(rows)


def plan_cells(rows: list[list]) -> dict[str, str]:
    """The instructions sheet's plan cells: a label in column A, the value in B."""
    labels = {
        plain(text): key for key, texts in template.PLAN_FIELDS.items() for text in texts.values()
    }
    found = {}
    for row in rows:
        if len(row) < 2 or row[0] is None:
            continue
        parts = [plain(part) for part in str(row[0]).split("/")]
        key = next((labels[part] for part in parts if part in labels), None)
        if key:
            found[key] = cell_text(row[1])
    return found


DELIMITERS = (",", ";", "\t")


def load_csv(text: str, source: str) -> Workbook:
    """The CSV's rows, split at the delimiter that splits its heading row into headings."""
    sheet = make_sheet(source, csv_rows(text, header_delimiter(text), source), action_headings())
    if not is_actions(sheet):
        raise ImportRefused([Problem(no_actions_message(), 1, file=source)])
    return Workbook(source, actions=sheet)


def csv_rows(text: str, delimiter: str, source: str) -> list[list[str]]:
    """Whole rows: quoted cells may hold delimiters, newlines and doubled quotes.

    A cell may be as long as the file (the csv module's default limit is 128 KB)."""
    csv.field_size_limit(max(csv.field_size_limit(), files.max_bytes()))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as error:
        raise ImportRefused([csv_problem(error, reader.line_num, source)]) from None
    return rows


def header_delimiter(text: str, known: Collection[str] | None = None) -> str:
    """The delimiter that splits the heading row into the most known headings (plain;
    by default the action columns'); between delimiters that find as many (none, in a
    table of other headings), the one that splits the most rows into the same number of
    cells."""
    known = action_headings() if known is None else known
    return max(
        DELIMITERS,
        key=lambda delimiter: (heading_count(text, delimiter, known), steady_rows(text, delimiter)),
    )


def heading_count(text: str, delimiter: str, known: Collection[str]) -> int:
    reader = csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delimiter)
    try:
        return sum(plain(cell) in known for cell in next(reader, []))
    except csv.Error:
        return 0


def steady_rows(text: str, delimiter: str) -> int:
    """How many of the first rows have the commonest number of cells, if over one: a
    table's rows split alike at its delimiter, its texts' commas and semicolons do not."""
    reader = csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delimiter)
    try:
        counts = Counter(len(row) for row in itertools.islice(reader, 50) if row)
    except csv.Error:
        return 0
    return max((count for width, count in counts.items() if width > 1), default=0)


def csv_problem(error: csv.Error, line: int, source: str) -> Problem:
    """The csv module's one refusal of a text: a cell over its field size limit."""
    message = _("A cell is too long: at most %d characters are read.") % csv.field_size_limit()
    return Problem(f"{message} ({error})", line, file=source)


def no_actions_message() -> str:
    return _(
        "No actions sheet was found: its first row must have Lanu's column headings "
        "(ID, Organisation, Sub-goals, Description …) in Finnish, Swedish or English."
    )


def detect(text: str) -> bool:
    """A CSV whose first line has the template's headings (ID, organisation …)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if "\t" not in first and "," not in first and ";" not in first:
        return False
    cells = [plain(cell.strip('"')) for cell in re.split(r"[,;\t]", first)]
    known = action_headings()
    return sum(cell in known for cell in cells) >= 3


def read(text: str, source: str) -> PlanData:
    """A CSV cannot make a plan: it has no goals."""
    message = _(
        "A CSV file has only actions, no goals: import it into an existing plan "
        "(on the plan's import page, or with --plan SLUG), or use the Excel template."
    )
    raise ImportRefused([Problem(message, 1, file=source)])


# Values -------------------------------------------------------------------------------


class RowReader:
    """Reads rows' cells into values, collecting problems with their row and column."""

    def __init__(self, sheet: Sheet, source: str):
        self.sheet = sheet
        self.file = f"{source} / {sheet.name}" if sheet.name != source else source
        self.problems: list[Problem] = []
        self.choices = choices()

    def problem(self, message: str, row: Row, key: str | None = None) -> None:
        column = self.sheet.columns.get(key) if key else None
        self.problems.append(Problem(message, row.number, column, self.file))

    def values(self, row: Row) -> dict:
        """The row's values by key, parsed and checked; only the columns the sheet has."""
        found = {}
        for key, text in row.cells.items():
            found[key] = self.value(row, key, text)
            self.check(row, key, found[key])
        return found

    def check(self, row: Row, key: str, value) -> None:
        """The value against the limits of the model field it is written to."""
        field = cell_field(key)
        for message in value_messages(field, value) if field else []:
            self.problem(f"{capfirst(field.verbose_name)}: {message}", row, key)

    def value(self, row: Row, key: str, text: str):
        if key == "id":
            return self.action_id(row, text)
        if key in LIST_FIELDS:
            return [line.strip() for line in text.split("\n") if line.strip()]
        if key == "subgoals":
            return [part.strip() for part in SUBGOAL_SEPARATOR.split(text) if part.strip()]
        if key in DATE_FIELDS:
            return self.date(row, key, text)
        if key in CHOICE_FIELDS:
            return self.choice(row, key, text)
        return text

    def action_id(self, row: Row, text: str) -> int | None:
        if text and not text.isdigit():
            self.problem(_("The ID “%s” is not a number.") % text, row, "id")
        return int(text) if text.isdigit() else None

    def date(self, row: Row, key: str, text: str) -> date | None:
        if not text:
            return None
        finnish = FINNISH_DATE.match(text)
        try:
            if finnish:
                return date(int(finnish[3]), int(finnish[2]), int(finnish[1]))
            return date.fromisoformat(text[:10])
        except ValueError:
            message = _("“%s” is not a date (write 2024-01-31 or 31.1.2024).") % text
            self.problem(message, row, key)
            return None

    def choice(self, row: Row, key: str, text: str) -> str:
        if not text:
            return "unknown" if key == "permanence" else ""
        value = self.choices[key].get(plain(text))
        if value is None:
            allowed = ", ".join(str(label) for label in choice_kinds()[key].labels)
            values = {"value": text, "allowed": allowed}
            self.problem(_("“%(value)s” is not one of: %(allowed)s.") % values, row, key)
            return "unknown" if key == "permanence" else ""
        return value


@functools.cache
def cell_field(key: str):
    """The model field a column's value is written to (None for the ID and sub-goals)."""
    from lanu.plans.models import Action, Metric, Organisation

    if key == "organisation":
        return Organisation._meta.get_field("name")
    if key == "metrics":
        return Metric._meta.get_field("text")
    return concrete_field(Action, key)


def action_data(values: dict, row: Row) -> ActionData:
    """An ActionData of a row's values (the columns it lacks stay empty, but for the
    dates and permanence its schedule states)."""
    values = from_schedule(values)
    simple = {key: values[key] for key in ActionData.__dataclass_fields__ if key in values}
    simple.pop("metrics", None)
    start: dict[str, Any] = {"organisation": "", "subgoals": [], "line": row.number}
    action = ActionData(**start | simple)
    action.metrics = [MetricData(text) for text in values.get("metrics", [])]
    return action


def from_schedule(values: dict) -> dict:
    """The row's values with the start, end and permanence its schedule states
    ("2024 alkaen", "Pysyvää toimintaa") where their cells are empty, as the document
    importers read them; a filled cell is kept as written."""
    text = values.get("schedule") or ""
    stated = {
        "start_date": schedule.start_date(text),
        "end_date": schedule.end_date(text),
        "permanence": schedule.permanence(text),
    }
    filled = {
        key: value
        for key, value in stated.items()
        if value not in (None, "unknown") and values.get(key) in (None, "", "unknown")
    }
    return values | filled


# A new plan ---------------------------------------------------------------------------


TEMPLATE_HEAD_ROWS = 10  # the goals sheet's heading row is its first filled row


def is_template(raw: bytes, source: str) -> bool:
    """Is the workbook Lanu's own template or export (it has the goals sheet)? Any other
    workbook is a plan typed in its own columns, for the general reader. Only the first
    rows of each sheet are read."""
    known = goal_headings()
    with opened_xlsx(raw, source) as book:
        for worksheet in book.worksheets:
            rows = itertools.islice(bounded_rows(worksheet, source), TEMPLATE_HEAD_ROWS)
            head = next((list(row) for row in rows if any(v is not None for v in row)), [])
            if is_goals(make_sheet(worksheet.title, [head], known)):
                return True
    return False


def read_bytes(raw: bytes, source: str) -> PlanData:
    """A new plan from a filled-in template or an export."""
    book = load_xlsx(raw, source)
    problems: list[Problem] = []
    if book.actions is None:
        problems.append(Problem(no_actions_message(), file=source))
    data = plan_head(book, problems)
    if book.goals is None:
        message = _("No goals sheet was found (goal number, goal title, sub-goal number …).")
        problems.append(Problem(message, file=source))
    else:
        data.goals = read_goals(book.goals, source, problems)
    if book.actions is not None:
        read_actions(book.actions, source, data, problems)
    if problems:
        raise ImportRefused(problems)
    return data


def plan_head(book: Workbook, problems: list[Problem]) -> PlanData:
    name = book.plan_cells.get("name") or book.title
    period = PERIOD.search(book.plan_cells.get("period", ""))
    if not name:
        message = _("The plan's name is missing: fill in its cell on the instructions sheet.")
        problems.append(Problem(message, file=book.source))
    if not period:
        message = _(
            "The plan's period (e.g. 2024–2027) is missing: fill in its cell on the "
            "instructions sheet."
        )
        problems.append(Problem(message, file=book.source))
    start, end = (int(period[1]), int(period[2])) if period else (0, 0)
    return PlanData(name=name, period_start=start, period_end=end, source=book.source)


def read_goals(sheet: Sheet, source: str, problems: list[Problem]) -> list[GoalData]:
    reader = RowReader(sheet, source)
    goals: dict[str, GoalData] = {}
    for row in sheet.rows:
        cells = row.cells
        if not cells.get("goal"):
            reader.problem(_("The row has no goal number."), row, "goal")
            continue
        goal = goals.setdefault(cells["goal"], GoalData(cells["goal"], cells.get("goal_title", "")))
        number = cells.get("subgoal", "")
        if number and any(sub.number == number for sub in goal.subgoals):
            message = _("Sub-goal %s appears twice.") % f"{goal.number}.{number}"
            reader.problem(message, row, "subgoal")
        elif number:
            goal.subgoals.append(SubGoalData(number, cells.get("subgoal_title", "")))
    problems += reader.problems
    return list(goals.values())


def read_actions(sheet: Sheet, source: str, data: PlanData, problems: list[Problem]) -> None:
    reader = RowReader(sheet, source)
    names: dict[str, None] = {}  # in the order first seen (a set of any size, kept in order)
    ids = 0
    for row in sheet.rows:
        values = reader.values(row)
        ids += values.pop("id", None) is not None
        if not values.get("organisation"):
            reader.problem(_("The row has no organisation."), row, "organisation")
            continue
        names.setdefault(values["organisation"])
        data.actions.append(action_data(values, row))
    data.organisations = [OrganisationData(name) for name in names]
    problems += reader.problems + check_rows(data, sheet, reader.file)
    data.report = [
        _("%(actions)d actions of %(organisations)d organisations were read.")
        % {"actions": len(data.actions), "organisations": len(names)}
    ]
    if ids:
        data.report.append(_("%d IDs were ignored: a new plan gets new actions.") % ids)


def check_rows(data: PlanData, sheet: Sheet, file: str) -> list[Problem]:
    """Unknown sub-goals, with their row and column."""
    keys = set(data.subgoal_keys())
    found = []
    rows = [row for row in sheet.rows if row.cells.get("organisation")]
    for action, row in zip(data.actions, rows, strict=True):
        for key in action.subgoals:
            if key not in keys:
                message = _("Unknown sub-goal “%s”.") % key
                found.append(Problem(message, row.number, sheet.columns.get("subgoals"), file))
        if not action.subgoals:
            message = _("The action has no sub-goal.")
            found.append(Problem(message, row.number, sheet.columns.get("subgoals"), file))
    return found
