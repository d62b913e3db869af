"""Rows into actions: a row has its own action, refers to another row's, or has none.

"Ks. edellinen kohta", "Kts. kohta 1" and "Ks. edelliset kohdat" refer to other
rows' actions, which then serve this row's sub-goal too; "Kts. ed" in the metric
column repeats the previous row's metrics; "-" everywhere means nothing.
"""

import re
from collections.abc import Sequence

from django.utils.translation import gettext as _

from lanu.lib.schedule import end_date, kinds_of_work, permanence, start_date

from ..data import ActionData, GoalData, MetricData, OrganisationData
from .cells import cell_text, clean, split_cell, unmarked_lists
from .document import Reading
from .sections import OrgSection, check_section, goals, split_sections
from .tables import COLUMNS, Row, Table

REFERENCE = re.compile(
    r"kt?s\.?\s+(?:(?P<previous>edellinen kohta)|kohta\s+(?P<number>\d+)"
    r"|(?P<all>edelliset kohdat)\b.*?)\.?",
    re.IGNORECASE,
)
METRIC_REFERENCE = re.compile(r"kt?s\.?\s+ed(?:ellinen)?\.?", re.IGNORECASE)
DETAIL_COLUMNS = ("metrics", "schedule", "responsible", "monitoring")


def goals_and_actions(
    reading: Reading, tables: list[Table], organisations: list[OrganisationData]
) -> tuple[list[GoalData], list[ActionData]]:
    rows = [row for table in tables for row in table.rows]
    sections = split_sections(reading, rows, [o.name for o in organisations])
    found = goals(reading, sections[0].rows if sections else [])
    for section in sections[1:]:
        check_section(reading, section, found)
    actions = []
    for section in sections:
        actions += section_actions(reading, section)
    return found, actions


def section_actions(reading: Reading, section: OrgSection) -> list[ActionData]:
    """The actions of the section's own rows, each once, in order."""
    actions = []
    for row in section.rows:
        action = row_action(reading, section, row)
        section.by_key[row.key] = action
        section.previous = action
        if action is not None and action.line == row.line:
            actions.append(action)
    return actions


def row_action(reading: Reading, section: OrgSection, row: Row) -> ActionData | None:
    """The row's own action, the action it refers to, or None when it has none."""
    cells = {name: "" if value.strip() == "-" else value for name, value in row.cells.items()}
    if has_nothing(reading, section, row, cells):
        return None
    reference = REFERENCE.fullmatch(clean(cells["action"]))
    if reference and not any(clean(cells.get(name, "")) for name in DETAIL_COLUMNS):
        return referred(reading, section, row, reference)
    return new_action(reading, section, row, cells)


def has_nothing(reading: Reading, section: OrgSection, row: Row, cells: dict[str, str]) -> bool:
    """A row with no action, or only dashes: its remark, if any, is kept."""
    dashes = sum(row.cells.get(name, "").strip() == "-" for name in DETAIL_COLUMNS)
    if clean(cells["action"]) and dashes < len(DETAIL_COLUMNS):
        return False
    reading.counts["nothing"] += 1
    remark = " ".join(clean(cells.get(name, "")) for name in ("action", *DETAIL_COLUMNS))
    if remark.strip():
        reading.remarks.append(f"{section.organisation}, {row.key}: {remark.strip()}")
    return True


def referred(
    reading: Reading, section: OrgSection, row: Row, reference: re.Match
) -> ActionData | None:
    """The action a reference points to, now serving this row's sub-goal too."""
    found = reference_targets(reading, section, row, reference)
    targets = [target for target in found if target is not None]
    if len(targets) < len(found) or not targets:
        message = _("“%s” refers to a row that has no action.") % reference[0]
        reading.problem(message, row.line, 2)
        return None
    for target in targets:
        target.subgoals.append(row.key)
    reading.counts["references"] += 1
    return targets[-1]


def reference_targets(
    reading: Reading, section: OrgSection, row: Row, reference: re.Match
) -> Sequence[ActionData | None]:
    if reference["all"]:
        reading.remarks.append(f"{section.organisation}, {row.key}: {reference[0]}")
        return goal_actions(section, row.goal)
    if reference["number"]:
        return [section.by_key.get(f"{row.goal}.{reference['number']}")]
    return [section.previous]


def goal_actions(section: OrgSection, goal: str) -> list[ActionData]:
    """The section's actions so far under a main goal, each once."""
    found = [a for key, a in section.by_key.items() if key.startswith(f"{goal}.") and a]
    return list({id(a): a for a in found}.values())


def new_action(
    reading: Reading, section: OrgSection, row: Row, cells: dict[str, str]
) -> ActionData:
    description, items = split_cell(cells["action"])
    schedule = cell_text(cells.get("schedule", ""), "; ")
    reading.counts["lists"] += sum(unmarked_lists(cells.get(n, "")) for n in COLUMNS.values())
    reading.counts["mixed"] += len(kinds_of_work(schedule)) > 1
    return ActionData(
        organisation=section.organisation,
        subgoals=[row.key],
        description=description,
        items=items,
        metrics=metrics(reading, section, cells.get("metrics", "")),
        schedule=schedule,
        start_date=start_date(schedule),
        end_date=end_date(schedule),
        permanence=permanence(schedule),
        responsible=cell_text(cells.get("responsible", "")),
        monitoring=cell_text(cells.get("monitoring", "")),
        line=row.line,
    )


def metrics(reading: Reading, section: OrgSection, cell: str) -> list[MetricData]:
    """The cell's metrics, or the previous row's when it says “Kts. ed”."""
    if METRIC_REFERENCE.fullmatch(clean(cell)) and section.previous:
        reading.counts["metric_refs"] += 1
        return [MetricData(m.text, m.by_mother_tongue) for m in section.previous.metrics]
    plain, entries = split_cell(cell)
    return [MetricData(text) for text in [plain, *entries] if text]
