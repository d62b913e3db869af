"""A row's action cell and detail cells read into actions, their structure kept.

The first paragraph of an action cell that is not a bullet is the description, the rest
its items; when the document's action cells have paragraphs lined up one to one with
another column's (a responsible or a metric per paragraph), each paragraph is an action.
Bullets that look like several actions are flagged; the person may choose "one action
per bullet" (each bullet then an action with the row's other columns; a column with as
many paragraphs as bullets gives one to each). The detail columns: metrics one per
paragraph, schedule (with its dates), responsible and monitoring as text, and every
other column in the notes as "Header: text", never dropped.
"""

from django.utils.translation import gettext as _

from lanu.lib.schedule import dates, permanence

from ..data import ActionData, MetricData
from ..org_tables.actions import METRIC_REFERENCE
from .cells import (
    Part,
    actions_by_paragraph,
    aligned,
    description_and_items,
    fitted,
    looks_like_actions,
    metrics_of,
    one_line,
    plain_paragraphs,
    text_of,
)
from .result import Choices, Flag
from .tables import LEVEL_ROLES, Chain, RowRef, header_of, role_of, row_where


class ActionReader:
    """Reads rows' cells into actions, and flags the cells the person may split."""

    def __init__(self, choices: Choices, flags: list[Flag], document, by_paragraph: bool):
        self.choices = choices
        self.flags = flags
        self.document = document
        self.by_paragraph = by_paragraph
        self.previous: ActionData | None = None  # the last row's last action

    def row_actions(self, chain: Chain, row: RowRef, action_column: int) -> list[ActionData]:
        parts = row.cells[action_column]
        key = f"{row.table.number}:{row.index}:{action_column}"
        groups = [parts]
        if self.by_paragraph and plain_paragraphs(parts) >= 2:
            groups = actions_by_paragraph(parts)
        intro: list[Part] = []
        if len(groups) == 1 and looks_like_actions(parts):
            if key in self.choices.split_bullets:
                intro = [part for part in parts if not part.bullet]
                groups = [[Part(part.text)] for part in parts if part.bullet]
            else:
                self.flag_bullets(row, key, parts)
        details = self.detail_parts(chain, row, action_column, len(groups))
        actions = []
        for index, group in enumerate(groups):
            description, items = description_and_items(group)
            action = self.action(chain, description, items, [d[index] for d in details])
            if intro:
                header = header_of(chain, action_column)
                action.notes = "\n".join(
                    filter(None, [f"{header}: {text_of(intro)}", action.notes])
                )
            actions.append(action)
        self.previous = actions[-1] if actions else self.previous
        return actions

    def metrics(self, parts: list[Part]) -> list[MetricData]:
        """The cell's metrics, or the previous row's when it says only "Kts. ed."."""
        if self.previous and METRIC_REFERENCE.fullmatch(one_line(parts)):
            return [MetricData(m.text, m.by_mother_tongue) for m in self.previous.metrics]
        return metrics_of(parts)

    def flag_bullets(self, row: RowRef, key: str, parts: list[Part]) -> None:
        count = sum(part.bullet for part in parts)
        message = _(
            "The action cell has %d bullet points: they may be separate actions. "
            "Choose “one action per bullet” to read each as its own action."
        )
        self.flags.append(Flag(key, row_where(row, self.document), message % count))

    def detail_parts(self, chain: Chain, row: RowRef, action_column: int, count: int) -> list:
        """For each detail column: (column, its parts for each of the row's actions)."""
        found = []
        for column, parts in row.cells.items():
            if column == action_column or column in chain.numbers:
                continue
            if role_of(chain, column) in (*LEVEL_ROLES, "organisation"):
                continue
            if count > 1 and len(parts) in (count, 0) or count > 1 and self.by_paragraph:
                split = aligned(parts, count)
            else:
                split = [parts] * count
            found.append([(column, part) for part in split])
        return found

    def action(self, chain: Chain, description: str, items: list[str], details: list) -> ActionData:
        action = ActionData(organisation="", subgoals=[], description=description, items=items)
        notes = []
        for column, parts in details:
            role, text = role_of(chain, column), text_of(parts)
            if not parts:
                continue
            if role == "metrics":
                action.metrics += self.metrics(parts)
            elif role == "schedule":
                action.schedule = join(action.schedule, text)
            elif role == "responsible":
                action.responsible = join(action.responsible, text)
            elif role == "monitoring":
                action.monitoring = join(action.monitoring, text)
            else:
                header = header_of(chain, column).strip()
                notes.append(f"{header}: {text}" if header else text)
        action.start_date, action.end_date = dates(action.schedule)
        action.permanence = permanence(action.schedule)
        action.schedule, whole = fitted(action.schedule, schedule_limit())
        if whole:
            notes.append(f"{schedule_header(chain)}: {whole}")
        action.notes = "\n".join(notes)
        return action


def sameness(action: ActionData) -> tuple:
    """What makes two rows the same action: its organisation and all its texts."""
    return (
        action.organisation,
        action.description,
        tuple(action.items),
        tuple((metric.text, metric.by_mother_tongue) for metric in action.metrics),
        action.responsible,
        action.schedule,
        action.monitoring,
        action.notes,
    )


def join(first: str, second: str) -> str:
    return "\n".join(filter(None, [first, second]))


def schedule_limit() -> int | None:
    from lanu.plans.models import Action  # the app registry is ready when files are read

    return Action._meta.get_field("schedule").max_length


def schedule_header(chain: Chain) -> str:
    return next((c.header for c in chain.found.columns if c.role == "schedule"), "")
