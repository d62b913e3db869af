"""Chapter 2's action tables: main goal lines, header rows and rows numbered by sub-goal."""

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _

from .cells import clean
from .document import GOAL_LINE, Chapter, Reading, intro_end

HEADER = re.compile(r"^\t?välitavoite\ttoimenpide\t", re.IGNORECASE | re.MULTILINE)
SUBGOAL_CELL = re.compile(r"^\s*(\d+)\s*(.*)$", re.DOTALL)
COLUMNS = {
    "välitavoite": "subgoal",
    "toimenpide": "action",
    "mittari": "metrics",
    "aikataulu": "schedule",
    "toimija": "responsible",
    "seuranta": "monitoring",
}


class GoalLine(NamedTuple):
    """A “PÄÄTAVOITE I: title” line."""

    number: str
    title: str
    line: int


@dataclass
class Row:
    line: int
    goal: str
    goal_title: str
    number: str
    title: str
    cells: dict[str, str]

    @property
    def key(self) -> str:
        return f"{self.goal}.{self.number}"


@dataclass
class Table:
    line: int
    goal: GoalLine | None
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    questions_seen: bool = False


def tables(reading: Reading, chapters: list[Chapter]) -> list[Table]:
    """The tables from the first main goal line to the next chapter."""
    start = intro_end(reading, 0, len(reading.lines))
    if start >= len(reading.lines):
        reading.problem(_("No main goal (“PÄÄTAVOITE I: …”) and action tables were found."), 1)
        return []
    end = next((c.start for c in chapters if c.start > start), len(reading.lines))
    found: list[Table] = []
    goal: GoalLine | None = None
    i = start
    while i < end:
        i, goal = table_line(reading, i, found, goal)
    for table in found:
        if not table.rows:
            reading.problem(_("The table has a header row but no rows."), table.line)
    return found


def table_line(
    reading: Reading, i: int, found: list[Table], goal: GoalLine | None
) -> tuple[int, GoalLine | None]:
    """Read line i; return the index of the next line to read and the main goal in force."""
    line = reading.lines[i]
    if match := GOAL_LINE.match(line.strip()):
        return goal_line(reading, i, match)
    if HEADER.match(line):
        found.append(open_table(reading, i, goal))
    elif "\t" in line and found:
        add_row(reading, found[-1], i)
    elif "\t" in line:
        reading.problem(_("A table row without a header row above it."), i + 1)
    elif line.strip():
        reading.notes.append(f"{clean(line)}")
    return i + 1, goal


def goal_line(reading: Reading, i: int, match: re.Match) -> tuple[int, GoalLine]:
    title, after = match[3].strip(), i + 1
    if not title:
        title, after = title_below(reading, i)
    if not title:
        reading.problem(_("The main goal has no title."), i + 1)
    return after, GoalLine(match[2].upper(), clean(title), i + 1)


def title_below(reading: Reading, i: int) -> tuple[str, int]:
    """A main goal's title on the next non-empty line, unless that is a row or a goal line."""
    lines = reading.lines
    following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), i)
    candidate = lines[following]
    if "\t" not in candidate and not GOAL_LINE.match(candidate.strip()):
        return candidate, following + 1
    return "", i + 1


def open_table(reading: Reading, i: int, goal: GoalLine | None) -> Table:
    cells = [cell.strip().lower() for cell in reading.lines[i].split("\t")]
    columns = column_names(cells)
    for n, name in enumerate(columns):
        if not name:
            reading.problem(_("Unknown column “%s” in the table header.") % cells[n], i + 1, n + 1)
    if goal is None:
        reading.problem(_("The table has no main goal (“PÄÄTAVOITE …”) line above it."), i + 1)
    return Table(line=i + 1, goal=goal, columns=columns)


def column_names(cells: list[str]) -> list[str]:
    """Each header cell's column: "number" when it is empty, "" when it is unknown."""
    names = [next((n for k, n in COLUMNS.items() if c.startswith(k)), "") for c in cells]
    return ["number" if not cell else name for cell, name in zip(cells, names, strict=True)]


def add_row(reading: Reading, table: Table, i: int) -> None:
    cells = reading.lines[i].split("\t")
    if not cell_count_fits(reading, table, cells, i):
        cells = (cells + [""] * len(table.columns))[: len(table.columns)]
    values = dict(zip(table.columns, cells, strict=True))
    number, title = subgoal_cell(values)
    if number is None and not table.rows and not table.questions_seen:
        table.questions_seen = True  # the row of guiding questions under the header
    elif number is None:
        reading.problem(_("The row does not start with a sub-goal number."), i + 1, 1)
    elif table.goal:
        goal, goal_title, _line = table.goal
        table.rows.append(Row(i + 1, goal, goal_title, number, title, values))


def cell_count_fits(reading: Reading, table: Table, cells: list[str], i: int) -> bool:
    expected = len(table.columns)
    if len(cells) != expected:
        message, column = cell_count_problem(reading, len(cells), expected, i)
        reading.problem(message, i + 1, column)
    return len(cells) == expected


def cell_count_problem(reading: Reading, found: int, expected: int, i: int) -> tuple[str, int]:
    """The message for a row of the wrong length, and the column it points at."""
    values = {"found": found, "expected": expected}
    if found > expected:
        message = _("The row has %(found)d cells, the table header %(expected)d.")
        return message % values, expected + 1
    if not any(line.strip() for line in reading.lines[i + 1 :]):
        message = _(
            "The file ends in the middle of this row: it has %(found)d of %(expected)d cells."
        )
        return message % values, found
    message = _("The row has only %(found)d of the table's %(expected)d cells.")
    return message % values, found


def subgoal_cell(values: dict[str, str]) -> tuple[str | None, str]:
    """The row's sub-goal number and title, from its own column or the välitavoite cell."""
    if "number" in values:
        number = values["number"].strip()
        return (number if number.isdigit() else None), clean(values.get("subgoal", ""))
    match = SUBGOAL_CELL.match(values.get("subgoal", ""))
    return (match[1], clean(match[2])) if match else (None, "")
