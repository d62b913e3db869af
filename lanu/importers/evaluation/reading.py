"""Reading the document line by line: main goals, table headers, rows, and the other text."""

import re

from django.utils.translation import gettext as _

from ..text import strip_formatting
from .cells import highlights, priorities
from .data import Reading, RoundData
from .organisations import OrganisationRef, normalised

GOAL_LINE = re.compile(r"^#*\s*PÄÄTAVOITE\s+([IVXLC]+)\s*:\s*(.*)$", re.IGNORECASE)
HEADER = re.compile(r"^\t?välitavoite\ttoimenpiteiden eteneminen\t", re.IGNORECASE)
COLUMNS = {
    "välitavoite": "subgoal",
    "toimenpiteiden eteneminen": "status",
    "lisättyjä painopisteitä": "priorities",
    "yhteisen työn nostot": "highlights",
}
DOCUMENT_YEAR = re.compile(r"arviointi\s+(\d{4})\b", re.IGNORECASE)
NUMBER_AND_TITLE = re.compile(r"^\s*(\d+)\s*(.*)$", re.DOTALL)


def plan_reading(text: str, source: str, plan) -> Reading:
    subgoals = plan_subgoals(plan)
    organisations = [
        OrganisationRef(o.pk, o.name, o.short_name, list(o.aliases))
        for o in plan.organisations.all()
    ]
    goals = {goal.number: goal.title for goal in plan.goals.all()}
    lines = text.splitlines()
    return Reading(lines, source, subgoals, goals, organisations, plan.goal_label)


def plan_subgoals(plan) -> dict[str, str]:
    from lanu.plans.models import SubGoal

    found = SubGoal.objects.filter(goal__plan=plan).select_related("goal")
    return {subgoal.key: subgoal.title for subgoal in found.order_by("goal__order", "order")}


def check_year(reading: Reading, plan, year: int) -> None:
    from lanu.followup.models import FollowUpRound

    if FollowUpRound.objects.filter(plan=plan, year=year).exists():
        message = _("The plan has a follow-up round for %(year)s already.")
        reading.problem(message % {"year": year})
    if not plan.period_start <= year <= plan.period_end:
        message = _("The year %(year)s is not in the plan's period %(start)s–%(end)s.")
        reading.problem(
            message % {"year": year, "start": plan.period_start, "end": plan.period_end}
        )
    for i, line in enumerate(reading.lines[:40]):
        if (match := DOCUMENT_YEAR.search(line)) and int(match[1]) != year:
            message = _("The document is the evaluation of %(found)s, not of %(year)s.")
            reading.problem(message % {"found": match[1], "year": year}, i + 1)
            return


def read_lines(reading: Reading, data: RoundData) -> None:
    """Walk the document: goal lines, table headers, rows; other text into the notes."""
    goal, columns, header_line, rows = None, None, 0, 0
    for i, line in enumerate(reading.lines):
        if match := GOAL_LINE.match(line.strip()):
            goal = goal_line(reading, i, match)
            if columns is not None and rows == 0:
                reading.problem(_("The table has a header row but no rows."), header_line)
            columns = None
        elif HEADER.match(line):
            if columns is not None and rows == 0:
                reading.problem(_("The table has a header row but no rows."), header_line)
            columns, header_line, rows = open_table(reading, i, goal), i + 1, 0
            keep_once(reading, _("Columns of the tables:") + " " + header_text(line))
        elif "\t" in line and columns is None:
            reading.problem(_("A table row without a header row above it."), i + 1)
        elif "\t" in line and columns is not None:
            rows += read_row(reading, data, goal, columns, i)
        elif line.strip() and not (goal and goal[2] == i):
            reading.notes.append(strip_formatting(line).lstrip("# "))
    if columns is not None and rows == 0:
        reading.problem(_("The table has a header row but no rows."), header_line)


def header_text(line: str) -> str:
    return " / ".join(cell.strip() for cell in line.split("\t") if cell.strip())


def keep_once(reading: Reading, note: str) -> None:
    if note not in reading.notes:
        reading.notes.append(note)


def goal_line(reading: Reading, i: int, match: re.Match) -> tuple[str, str, int]:
    """The main goal (number, title, index of a title line below the goal line)."""
    number, title, title_index = match[1].upper(), strip_formatting(match[2]), -1
    if not title:
        title_index = next(
            (j for j in range(i + 1, len(reading.lines)) if reading.lines[j].strip()), i
        )
        below = reading.lines[title_index]
        title = strip_formatting(below).lstrip("# ") if "\t" not in below else ""
    if number not in reading.goals:
        reading.problem(_("The plan has no main goal %s.") % number, i + 1)
    elif not same_title(title, reading.goals[number]):
        message = _("Main goal %(number)s is “%(title)s” in the plan, “%(found)s” here.")
        values = {"number": number, "title": reading.goals[number], "found": title}
        reading.problem(message % values, i + 1)
    return number, title, title_index


def same_title(found: str, expected: str) -> bool:
    found, expected = normalised(found), normalised(expected)
    return bool(found) and (found == expected or expected.startswith(found))


def open_table(reading: Reading, i: int, goal) -> list[str]:
    cells = [cell.strip().lower() for cell in reading.lines[i].split("\t")]
    columns = []
    for n, cell in enumerate(cells):
        name = next((c for word, c in COLUMNS.items() if cell.startswith(word)), "")
        if cell and not name:
            reading.problem(_("Unknown column “%s” in the table header.") % cell, i + 1, n + 1)
        columns.append(name or "number")
    if goal is None:
        reading.problem(_("The table has no main goal (“PÄÄTAVOITE …”) line above it."), i + 1)
    return columns


def read_row(reading: Reading, data: RoundData, goal, columns: list[str], i: int) -> int:
    """Read one table row; 1 if it was a sub-goal's row, else 0."""
    cells = reading.lines[i].split("\t")
    if len(cells) != len(columns):
        reading.problem(cell_count_message(reading, len(cells), len(columns), i), i + 1)
        return 1
    values = dict(zip(columns, cells, strict=True))
    number, title = number_and_title(reading, values, i)
    if number is None:
        if any(strip_formatting(c) for k, c in values.items() if k not in ("subgoal", "number")):
            reading.problem(_("The row does not start with a sub-goal number."), i + 1, 1)
        else:  # the row of guiding questions under the header
            keep_once(reading, _("Under the header:") + " " + strip_formatting(values["subgoal"]))
        return 0
    if goal is None:
        return 1
    key = f"{goal[0]}.{number}"
    if check_subgoal(reading, key, title, i):
        data.priorities += priorities(reading, key, values.get("priorities", ""), i + 1)
        data.highlights += highlights(key, values.get("highlights", ""), i + 1)
    return 1


def cell_count_message(reading: Reading, found: int, expected: int, i: int) -> str:
    values = {"found": found, "expected": expected}
    if found > expected:
        return _("The row has %(found)d cells, the table header %(expected)d.") % values
    if not any(line.strip() for line in reading.lines[i + 1 :]):
        message = _(
            "The file ends in the middle of this row: it has %(found)d of %(expected)d cells."
        )
        return message % values
    return _("The row has only %(found)d of the table's %(expected)d cells.") % values


def number_and_title(reading: Reading, values: dict[str, str], i: int) -> tuple[str | None, str]:
    """The row's sub-goal number and title; the status cell when it only repeats the number."""
    if "number" in values:
        number, title = strip_formatting(values["number"]), strip_formatting(values["subgoal"])
    elif match := NUMBER_AND_TITLE.match(strip_formatting(values["subgoal"])):
        number, title = match[1], match[2]
    else:
        return None, ""
    if not number.isdigit():
        return None, ""
    status = strip_formatting(values.get("status", ""))
    if not title and status:  # the title slipped into the status column (II.4–6)
        title = status
        reading.report.append(
            _("Line %(line)d: the sub-goal's name is in the status column.") % {"line": i + 1}
        )
    elif status and status != number:
        reading.statuses += 1
        label = _("Progress of the actions")
        reading.notes.append(f"{number}. {label}: {status}")
    return number, title


def check_subgoal(reading: Reading, key: str, title: str, i: int) -> bool:
    if key not in reading.subgoals:
        reading.problem(_("The plan has no sub-goal %s.") % key, i + 1, 1)
        return False
    if not same_title(title, reading.subgoals[key]):
        message = _("Sub-goal %(key)s is “%(title)s” in the plan, “%(found)s” here.")
        values = {"key": key, "title": reading.subgoals[key], "found": title}
        reading.problem(message % values, i + 1, 1)
        return False
    if key in reading.seen:
        message = _("Sub-goal %(key)s appears twice (first on line %(line)d).")
        reading.problem(message % {"key": key, "line": reading.seen[key]}, i + 1, 1)
        return False
    reading.seen[key] = i + 1
    return True


# --- cells -----------------------------------------------------------------------------
def summary(reading: Reading, data: RoundData) -> list[str]:
    lines = [
        _("Round %(year)s: %(priorities)d added priorities, %(highlights)d joint highlights.")
        % {
            "year": data.year,
            "priorities": len(data.priorities),
            "highlights": len(data.highlights),
        }
    ]
    for number, goal_title in reading.goals.items():
        lines.append(f"{reading.goal_label} {number}: {goal_title}")
        for key, title in reading.subgoals.items():
            if key.split(".")[0] == number:
                lines.append("  " + subgoal_counts(data, key, title))
    data.unknown = list(reading.unknown)
    for name, found in reading.unknown.items():
        message = _(
            "No organisation of the plan is called “%(name)s” (lines %(lines)s): its added "
            "priorities are kept as text, with the prefix as the document wrote it."
        )
        lines.append(message % {"name": name, "lines": ", ".join(map(str, found))})
    if reading.statuses:
        message = _("%d cells of the status column are kept in the round's notes.")
        lines.append(message % reading.statuses)
    else:
        message = _(
            "The status column (“Toimenpiteiden eteneminen”) is empty: its colours were lost "
            "when the document was converted to text, so no statuses were imported. The colour "
            "legend is kept in the round's notes."
        )
        lines.append(message)
    return lines


def subgoal_counts(data: RoundData, key: str, title: str) -> str:
    counts = {
        "key": key,
        "title": title,
        "priorities": sum(1 for p in data.priorities if p.subgoal == key),
        "highlights": sum(1 for h in data.highlights if h.subgoal == key),
    }
    message = _(
        "%(key)s %(title)s: %(priorities)d added priorities, %(highlights)d joint highlights"
    )
    return message % counts
