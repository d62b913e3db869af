"""Each organisation's section of rows, and the plan's goals, checked against each other.

The first section gives the main goals and sub-goals; every other section must
follow them in order, and its titles are compared with the first section's.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..data import ActionData, GoalData, SubGoalData
from .document import Reading
from .tables import Row


@dataclass
class OrgSection:
    """One organisation's rows, and what they became while being read."""

    organisation: str
    rows: list[Row]
    by_key: dict[str, ActionData | None] = field(default_factory=dict)
    previous: ActionData | None = None


def split_sections(reading: Reading, rows: list[Row], names: list[str]) -> list[OrgSection]:
    """A new section starts at sub-goal 1 of the first main goal; names come in order."""
    sections: list[OrgSection] = []
    for row in rows:
        if not sections or (row.goal == rows[0].goal and row.number == "1"):
            name = names[len(sections)] if len(sections) < len(names) else "?"
            sections.append(OrgSection(name, []))
        sections[-1].rows.append(row)
    if names and len(sections) != len(names):
        count_mismatch(reading, sections, names)
    return sections


def count_mismatch(reading: Reading, sections: list[OrgSection], names: list[str]) -> None:
    values = {"names": len(names), "sections": len(sections)}
    message = _(
        "The table of contents names %(names)d organisations, but the tables "
        "make %(sections)d sections (each starting again from sub-goal 1)."
    )
    extra = sections[len(names)] if len(sections) > len(names) else None
    reading.problem(message % values, extra.rows[0].line if extra else reading.toc_line)


def goals(reading: Reading, rows: list[Row]) -> list[GoalData]:
    """The main goals and sub-goals, from the first section's rows."""
    found: dict[str, GoalData] = {}
    for row in rows:
        goal = found.setdefault(row.goal, GoalData(number=row.goal, title=row.goal_title))
        expected = len(goal.subgoals) + 1
        if row.number == str(expected):
            goal.subgoals.append(SubGoalData(number=row.number, title=row.title))
        else:
            reading.problem(out_of_sequence(row, expected), row.line, 1)
    return list(found.values())


def out_of_sequence(row: Row, expected: int) -> str:
    values = {"found": row.number, "goal": row.goal, "expected": expected}
    message = _(
        "Sub-goal %(found)s does not fit: main goal %(goal)s continues with sub-goal %(expected)d."
    )
    return message % values


def check_section(reading: Reading, section: OrgSection, goals: list[GoalData]) -> None:
    """The section's rows must follow the goals' order; differing titles are reported."""
    keys = [f"{g.number}.{s.number}" for g in goals for s in g.subgoals]
    titles = {f"{g.number}.{s.number}": s.title for g in goals for s in g.subgoals}
    titles |= {g.number: g.title for g in goals}
    position = -1
    for row in section.rows:
        if row.key not in keys or keys.index(row.key) <= position:
            reading.problem(misfit(row, keys), row.line, 1)
            continue
        position = keys.index(row.key)
        compare(reading, section, row.key, row.title, titles[row.key])
        compare(reading, section, row.goal, row.goal_title, titles[row.goal])


def misfit(row: Row, keys: list[str]) -> str:
    if row.key in keys:
        return _("Sub-goal %s comes twice or out of order in this organisation's tables.") % (
            row.key
        )
    values = {"key": row.key, "keys": ", ".join(keys)}
    return _("Sub-goal %(key)s does not fit: the plan's sub-goals are %(keys)s.") % values


def compare(reading: Reading, section: OrgSection, key: str, title: str, expected: str) -> None:
    if title == expected:
        return
    note = _(
        "%(organisation)s, %(key)s: the title “%(title)s” differs from “%(expected)s”; "
        "the first section's title was kept."
    )
    values = {"organisation": section.organisation, "key": key, "title": title}
    line = note % (values | {"expected": expected})
    if line not in reading.report:
        reading.report.append(line)
