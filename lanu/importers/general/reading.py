"""The general reader: a Document's action tables, headings and cover read into a plan.

    read_document(document, choices, known_layouts) -> Reading

1. Action tables are the tables with a column for the actions (columns.find; the
   person's roles in `Choices.roles`, or a mapping saved for the same header words in
   `known_layouts`). A table with no header row and as many columns right after one
   (a table a page break split) continues it.
2. Each row's goal levels are the goal headings above its table (outline.py), then the
   table's goal columns, outermost first: the outer two are the goal and sub-goal, a
   third is kept with each action, first in its notes. A merged or blank goal cell is
   the cell's above (a merged cell is one sub-goal, never one per row).
3. Each row gives one action: the action cell's first paragraph that is not a bullet
   is the description, the rest its items. When the action cells' paragraphs line up
   one to one with another column's paragraphs (a responsible or a metric per
   paragraph), each paragraph is an action. Bullets that look like several actions
   are flagged; the person may choose "one action per bullet" (`Choices.split_bullets`).
4. The organisation: the row's organisation column, the organisation headings, the
   person's choice, the cover's guess; else the person is asked to name it.

Every problem says where it is as the person sees the document: “table 3, row
“Lasten ja nuorten…””, “sheet Toimenpiteet, row 12”.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lanu.lib.schedule import dates, permanence

from ..data import ActionData, PlanData, Problem, SectionData, check_plan
from ..priority_tables import region_of, section_kind
from . import columns, cover, outline
from .cells import (
    Part,
    actions_by_paragraph,
    aligned,
    continues,
    description_and_items,
    first_words,
    looks_like_actions,
    metrics_of,
    one_line,
    parts_of,
    plain_paragraphs,
    text_of,
)
from .document import Cell, Document, Table
from .result import Choices, Flag, Guesses, Reading, TableFound
from .tree import GoalTree, Level

LEVEL_ROLES = ("goal", "subgoal", "subgoal2")
NOTE_ROLES = ("status", "resources", "partners", "other")
SHEET_KINDS = ("xlsx", "csv")
NUMBER_ONLY = re.compile(r"^(?:\d+|[IVXLC]+)[.)]?$")
LABELS = {
    "fi": ("Päätavoite", "Välitavoite", "Toimenpide"),
    "sv": ("Huvudmål", "Delmål", "Åtgärd"),
}


def read_document(
    document: Document,
    choices: Choices | None = None,
    known_layouts: dict[str, list[str]] | None = None,
) -> Reading:
    """The plan the document holds, or the problems that keep it from being one."""
    choices = choices or Choices()
    reading = Reading(document)
    known = known_layouts or {}
    reading.tables = [found_table(t, choices, known, reading) for t in document.tables()]
    reading.guesses = cover.guess(document, reading.tables)
    document_outline = outline.Outline(document)
    chains = table_chains(document, reading.tables, document_outline.places)
    if not chains:
        message = columns.describe_refusal(reading.tables)
        reading.problems.append(Problem(message, file=document.source))
        return reading
    PlanReader(document, reading, choices, document_outline).read(chains)
    return reading


def found_table(
    table: Table, choices: Choices, known: dict[str, list[str]], reading: Reading
) -> TableFound:
    """The table's columns: the person's roles, else a saved mapping, else guessed. Roles
    that do not fit the table (a saved mapping of another year's columns) are not used;
    the person's are a problem to correct."""
    found = columns.find(table)
    chosen = choices.roles.get(table.number)
    roles = chosen or known.get(found.signature)
    if not roles:
        return found
    try:
        return columns.apply(found, roles)
    except ValueError as error:
        if chosen:
            reading.problems.append(Problem(str(error), file=reading.document.source))
        return found


# Tables ------------------------------------------------------------------------------


@dataclass
class RowRef:
    """One body row of an action table, as the reader sees it."""

    table: Table
    found: TableFound
    index: int  # 0-based in its table
    cells: dict[int, list[Part]] = field(default_factory=dict)  # column -> its parts
    fresh: set[int] = field(default_factory=set)  # goal columns with a value of their own
    span: str = ""  # the row is one cell across the table: a heading inside it


@dataclass
class Chain:
    """An action table and the tables that continue it, as rows with one set of columns."""

    found: TableFound
    rows: list[RowRef] = field(default_factory=list)
    numbers: set[int] = field(default_factory=set)  # columns numbering a goal column


def table_chains(document: Document, found: list[TableFound], places: dict) -> list[Chain]:
    """The action tables, each with the tables that continue it."""
    chains: list[Chain] = []
    previous: Table | None = None
    for table, table_found in zip(document.tables(), found, strict=True):
        last = chains[-1] if chains else None
        if last is not None and continues_chain(last, table, table_found, previous, places):
            add_rows(last, table, table_found)
        elif table_found.is_action_table:
            chains.append(Chain(table_found))
            add_rows(chains[-1], table, table_found)
        previous = table
    return chains


def continues_chain(
    last: Chain, table: Table, found: TableFound, previous: Table | None, places: dict
) -> bool:
    """Does the table go on with the last action table: right after it, under the same
    headings, with as many columns and no header of its own (or the same header)?"""
    if previous is None or not last.rows or last.rows[-1].table is not previous:
        return False
    if places.get(table.number) != places.get(previous.number):
        return False
    same_width = len(found.columns) == len(last.found.columns)
    no_header = found.header_row < 0 and not found.is_action_table
    return same_width and (no_header or found.signature == last.found.signature)


def add_rows(chain: Chain, table: Table, found: TableFound) -> None:
    """The table's body rows under the chain's columns (a continuation has no header)."""
    start = found.body_row if found.is_action_table else 0
    roles = {c.index: c.role for c in chain.found.columns if c.role}
    levels = {i for i, role in roles.items() if role in LEVEL_ROLES}
    for index in range(start, len(table.rows)):
        row = table.rows[index]
        ref = RowRef(table, found, index)
        for column in roles:
            cell = row[column] if column < len(row) else Cell()
            ref.cells[column] = parts_of(cell)
            if column in levels and ref.cells[column] and cell.merged != "up":
                ref.fresh.add(column)
        ref.span = span_text(row)
        if ref.span or any(ref.cells.values()):  # a row of dashes or nothing says nothing
            chain.rows.append(ref)


def span_text(row: list[Cell]) -> str:
    """The text of a row that is one cell across the whole table ("1. Osallisuus")."""
    if len(row) < 2 or not row[0].text.strip():
        return ""
    if all(cell.merged == "left" for cell in row[1:]):
        return one_line(parts_of(row[0]))
    return ""


# Rows --------------------------------------------------------------------------------


def join_page_breaks(chain: Chain, action: int) -> list[str]:
    """A row that starts no new goal and whose cell starts in lower case finishes the row
    before it, cut by a page break: that paragraph is joined back. A detail cell the join
    empties shares the joined paragraph, so the row's own actions keep it."""
    joined = []
    for before, row in zip(chain.rows, chain.rows[1:], strict=False):
        if row.fresh or row.span:
            continue
        for column, parts in row.cells.items():
            earlier = before.cells.get(column)
            if parts and earlier and continues(parts[0], earlier[-1]):
                earlier[-1] = Part(f"{earlier[-1].text} {parts[0].text}", earlier[-1].bullet)
                parts.pop(0)
                joined.append(column)
                if not parts and column != action and row.cells.get(action):
                    parts.append(earlier[-1])
    return joined


def paragraph_actions(chains: list[Chain]) -> bool:
    """Are the action cells' paragraphs actions each? Yes when, in most rows with several,
    another column has as many paragraphs: a responsible or metric for each."""
    several = lined_up = 0
    for chain in chains:
        roles = {c.index: c.role for c in chain.found.columns if c.role}
        action = next(i for i, role in roles.items() if role == "action")
        details = [i for i, role in roles.items() if role not in (*LEVEL_ROLES, "action")]
        for row in chain.rows:
            count = plain_paragraphs(row.cells.get(action, []))
            if count >= 2:
                several += 1
                lined_up += any(len(row.cells.get(i, [])) == count for i in details)
    return several > 0 and lined_up * 2 > several


def row_where(row: RowRef, document: Document) -> str:
    """The row as a person finds it: “table 3, row “Lasten ja nuorten…””, or by its
    number in a spreadsheet."""
    if document.kind in SHEET_KINDS:
        return _("%(table)s, row %(row)d") % {"table": row.found.where, "row": row.index + 1}
    words = next((one_line(parts_of(c)) for c in row.table.rows[row.index] if c.text.strip()), "")
    return _("%(table)s, row “%(words)s”") % {"table": row.found.where, "words": first_words(words)}


# The plan ----------------------------------------------------------------------------


class PlanReader:
    """Reads the action tables' rows into goals, sub-goals, actions and organisations."""

    def __init__(
        self, document: Document, reading: Reading, choices: Choices, found: outline.Outline
    ):
        self.document = document
        self.reading = reading
        self.choices = choices
        self.tree = GoalTree()
        self.actions: list[ActionData] = []
        self.organisations: list[str] = []
        self.report: list[str] = []
        self.outline = found
        self.structure: outline.Structure | None = None
        self.by_paragraph = False
        self.one_subgoal: list[str] = []
        self.third_level = 0
        self.default_organisation = ""
        self.labels: list[str] = []
        self.written: dict[tuple, ActionData] = {}  # each action by its texts
        self.repeated = 0  # actions written again under another sub-goal

    def problem(self, message: str, where: str = "") -> None:
        text = (
            _("%(where)s: %(message)s") % {"where": where, "message": message} if where else message
        )
        self.reading.problems.append(Problem(text, file=self.document.source))

    def read(self, chains: list[Chain]) -> None:
        numbers = [chain.found.number for chain in chains]
        self.outline.count_action_tables(numbers)
        self.structure = outline.structure(self.outline, numbers)
        for chain in chains:
            action = next(c.index for c in chain.found.columns if c.role == "action")
            if join_page_breaks(chain, action):
                self.report.append(
                    _("%s: a cell cut by a page break was joined to the row before it.")
                    % chain.found.where
                )
        self.by_paragraph = paragraph_actions(chains)
        self.default_organisation = self.plan_organisation()
        for chain in chains:
            self.read_chain(chain)
        self.finish()

    # Organisations

    def plan_organisation(self) -> str:
        details = self.choices.details.organisations
        names = details or self.reading.guesses.organisations
        return names[0] if names else ""

    def organisation_of(self, chain: Chain, row_value: str) -> str:
        heading = self.structure.organisations.get(chain.found.number)
        name = row_value or (heading.title if heading else "") or self.default_organisation
        if name and name not in self.organisations:
            self.organisations.append(name)
        return name

    # Goal levels

    def heading_levels(self, chain: Chain) -> list[Level]:
        nodes = self.structure.levels.get(chain.found.number, [])
        roles = {c.role for c in chain.found.columns}
        if {"goal", "subgoal"} <= roles:
            return []  # the table names both levels: its headings are chapters
        return [node_level(node) for node in nodes]

    def level_columns(self, chain: Chain) -> list[tuple[int, str, int | None]]:
        """The goal columns outermost first: (column, header, column of its numbers)."""
        found = sorted(
            (c for c in chain.found.columns if c.role in LEVEL_ROLES),
            key=lambda c: (LEVEL_ROLES.index(c.role), c.index),
        )
        return [(c.index, c.header, number_column(chain, c.index)) for c in found]

    def read_chain(self, chain: Chain) -> None:
        headings = self.heading_levels(chain)
        level_columns = self.level_columns(chain)
        if not headings and not level_columns:
            headings = self.nearest_heading(chain)
        self.labels_from(chain, headings, level_columns)
        values: list[Level | None] = [None] * len(level_columns)
        span: Level | None = None
        organisation = ""
        for row in chain.rows:
            if row.span:
                span = level_of(row.span)
                values = [None] * len(values)
                continue
            values = self.row_levels(row, level_columns, values)
            organisation = self.row_organisation(chain, row) or organisation
            levels = [*headings, *([span] if span else []), *values]
            empty = next(
                (c[1] for c, v in zip(level_columns, values, strict=True) if v is None), ""
            )
            levels = levels[-3:] if len(levels) > 3 else levels
            self.read_row(chain, row, levels, organisation, empty)

    def nearest_heading(self, chain: Chain) -> list[Level]:
        place = self.outline.places.get(chain.found.number)
        nodes = place.markers or place.headings if place else []
        return [node_level(nodes[-1])] if nodes else []

    def labels_from(self, chain: Chain, headings: list[Level], level_columns: list) -> None:
        if self.labels:
            return
        names = [level.label for level in headings] + [header for _, header, _ in level_columns]
        action = next(c.header for c in chain.found.columns if c.role == "action")
        self.labels = [*names[-3:][:2], action]

    def row_levels(self, row: RowRef, level_columns: list, values: list) -> list:
        """The row's goal column values: its own, else the row's above (merged or blank);
        a new value clears the levels inside it."""
        values = list(values)
        for place, (column, header, numbers) in enumerate(level_columns):
            if column in row.fresh:
                parts = row.cells[column]
                number = one_line(row.cells.get(numbers, [])) if numbers is not None else ""
                values[place] = level_of(one_line(parts), number or parts[0].number, header)
                values[place + 1 :] = [None] * (len(values) - place - 1)
        return values

    def row_organisation(self, chain: Chain, row: RowRef) -> str:
        column = next((c.index for c in chain.found.columns if c.role == "organisation"), None)
        return one_line(row.cells.get(column, [])) if column is not None else ""

    def read_row(
        self, chain: Chain, row: RowRef, levels: list, organisation: str, empty: str
    ) -> None:
        """The row's actions under its sub-goal; `empty` is the header of a goal column
        with no value on or above the row."""
        action_column = next(c.index for c in chain.found.columns if c.role == "action")
        key, third = self.subgoal_key(row, levels, bool(row.cells.get(action_column)), empty)
        if key is None:
            return
        if not row.cells.get(action_column):
            self.keep_without_action(chain, row, key)
            return
        name = self.organisation_of(chain, organisation)
        for action in self.row_actions(chain, row, action_column):
            action.organisation = name
            action.subgoals = [key]
            if third:
                action.notes = "\n".join(filter(None, [third, action.notes]))
            self.add_action(action)
            self.table_found(row).actions += 1

    def add_action(self, action: ActionData) -> None:
        """A new action, or, when the same organisation's same action (every text alike)
        was written under another sub-goal too, that action now serving this one as well."""
        same = self.written.get(sameness(action))
        if same is None:
            self.written[sameness(action)] = action
            self.actions.append(action)
        elif action.subgoals[0] not in same.subgoals:
            same.subgoals.append(action.subgoals[0])
            self.repeated += 1

    def table_found(self, row: RowRef) -> TableFound:
        return self.reading.tables[row.table.number - 1]

    def subgoal_key(
        self, row: RowRef, levels: list, has_action: bool, empty: str
    ) -> tuple[str | None, str]:
        """The row's sub-goal key ("1.2") and its third level's text for the notes."""
        if not levels or levels[0] is None or (len(levels) > 1 and levels[1] is None):
            if has_action:
                self.problem(no_goal(empty), row_where(row, self.document))
            return None, ""
        goal = self.tree.goal(levels[0])
        if len(levels) == 1:
            subgoal = self.tree.subgoal(goal, Level("", goal.title))
            self.one_subgoal.append(goal.number)
        else:
            subgoal = self.tree.subgoal(goal, levels[1])
        third = ""
        inner = [level for level in levels[2:] if level is not None]
        if inner:
            self.third_level += 1
            third = "\n".join(f"{level.label or LABELS['fi'][1]}: {level.title}" for level in inner)
        return f"{goal.number}.{subgoal.number}", third

    def no_goal(self, row: RowRef) -> str:
        empty = [c.header for c in row.found.columns if c.role in LEVEL_ROLES]
        if not empty:
            return _(
                "the action has no goal: the table has no goal column and no heading above it."
            )
        message = _("the action has no goal: “%s” is empty on this row and the rows above it.")
        return message % empty[0]

    def keep_without_action(self, chain: Chain, row: RowRef, key: str) -> None:
        """A row with no action: its other cells are kept in its sub-goal's notes."""
        texts = [
            text_of(parts)
            for column, parts in row.cells.items()
            if parts and role_of(chain, column) not in LEVEL_ROLES and column not in chain.numbers
        ]
        if not texts:
            return
        goal_number, sub_number = key.split(".", 1)
        goal = next(g for g in self.tree.goals if g.number == goal_number)
        subgoal = next(s for s in goal.subgoals if s.number == sub_number)
        subgoal.notes = "\n".join(filter(None, [subgoal.notes, *texts]))
        message = _("%s: a row with no action; its other cells are kept in the sub-goal's notes.")
        self.report.append(message % row_where(row, self.document))

    # Actions

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
        return actions

    def flag_bullets(self, row: RowRef, key: str, parts: list[Part]) -> None:
        count = sum(part.bullet for part in parts)
        message = _(
            "The action cell has %d bullet points: they may be separate actions. "
            "Choose “one action per bullet” to read each as its own action."
        )
        self.reading.flags.append(Flag(key, row_where(row, self.document), message % count))

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
                action.metrics += metrics_of(parts)
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
        action.notes = "\n".join(notes)
        return action

    # The result

    def finish(self) -> None:
        guesses = self.reading.guesses
        details = self.choices.details
        name = details.name or guessed_name(guesses)
        start = details.period_start or guesses.period_start
        end = details.period_end or guesses.period_end
        self.ask_details(name, start, end)
        if self.reading.problems:
            return
        data = PlanData(
            name=name,
            period_start=start,
            period_end=end,
            region=region_of(self.organisations[0]) if self.organisations else "",
            language=guesses.language,
            source=self.document.source,
            organisations=self.organisation_data(),
            sections=self.sections(),
            goals=self.tree.goals,
            actions=self.actions,
        )
        data.goal_label, data.subgoal_label, data.action_label = self.plan_labels(guesses)
        data.report = self.summary(data) + self.report
        problems = check_plan(data)
        if problems:
            for problem in problems:
                problem.file = problem.file or self.document.source
            self.reading.problems += problems
            return
        self.reading.data = data

    def ask_details(self, name: str, start: int | None, end: int | None) -> None:
        if not name:
            self.problem(_("Name the plan: its name was not found on the first pages."))
        if not start or not end:
            self.problem(
                _(
                    "Give the plan's period (e.g. 2024–2026): it was not found on the "
                    "first pages or in the file's name."
                )
            )
        if any(not action.organisation for action in self.actions):
            self.problem(
                _("Name the plan's organisation: the document does not say whose plan it is.")
            )
            self.organisations = [name for name in self.organisations if name]

    def organisation_data(self) -> list:
        cover_paragraphs = cover.cover_paragraphs(self.document.blocks[: cover.COVER_BLOCKS])
        found = []
        for name in self.organisations:
            aliases = (
                cover.aliases(cover_paragraphs, name) if name == self.default_organisation else []
            )
            found.append(cover.organisation_data(name, aliases))
        return found

    def plan_labels(self, guesses: Guesses) -> tuple[str, str, str]:
        defaults = LABELS.get(guesses.language, LABELS["fi"])
        labels = [label for label in self.labels if label and len(label) <= 40]
        if len(labels) == 3:
            return tuple(label[:1].upper() + label[1:] for label in labels)
        return defaults

    def sections(self) -> list[SectionData]:
        """The document's headings that are not the plan's structure, with their text."""
        used = {id(node) for nodes in self.structure.levels.values() for node in nodes}
        used |= {id(node) for node in self.structure.organisation_nodes}
        name = self.reading.guesses.name.lower()
        found = []
        for node in self.outline.nodes:
            if id(node) in used or not node.level or node.title.lower() in name:
                continue
            body = join_paragraphs(node.before + node.after)
            found.append(SectionData(node.title, body, section_kind(node.title)))
        return found

    def summary(self, data: PlanData) -> list[str]:
        counts = {
            "goals": len(data.goals),
            "subgoals": len(data.subgoal_keys()),
            "actions": len(data.actions),
            "tables": sum(1 for t in self.reading.tables if t.actions),
        }
        lines = [
            _(
                "%(goals)d goals, %(subgoals)d sub-goals and %(actions)d actions were read from "
                "%(tables)d tables."
            )
            % counts
        ]
        if self.one_subgoal:
            lines.append(
                _(
                    "Goals with no sub-goals of their own (%s) have one sub-goal each, "
                    "with the goal's title."
                )
                % ", ".join(dict.fromkeys(self.one_subgoal))
            )
        if self.repeated:
            message = _(
                "%d actions were written again under another sub-goal: each was read as one "
                "action serving all of its sub-goals."
            )
            lines.append(message % self.repeated)
        if self.third_level:
            lines.append(
                _("A third goal level was kept first in the notes of %d actions.")
                % self.third_level
            )
        if self.by_paragraph:
            lines.append(
                _(
                    "The action cells' paragraphs line up with the other columns' "
                    "paragraphs: each paragraph was read as one action."
                )
            )
        if self.structure.organisation_nodes:
            lines.append(
                _("The headings %s repeat the same goals: each is read as an organisation.")
                % ", ".join(f"“{node.title}”" for node in self.structure.organisation_nodes)
            )
        return lines


# Helpers -----------------------------------------------------------------------------


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


def no_goal(empty: str) -> str:
    """Why a row's action has no goal: its goal column is empty, or there is none."""
    if not empty:
        return _("the action has no goal: the table has no goal column and no heading above it.")
    message = _("the action has no goal: “%s” is empty on this row and the rows above it.")
    return message % empty


def level_of(text: str, number: str = "", label: str = "") -> Level:
    """A goal level from a cell or a heading-like row: "1.1 Lapset…" is numbered 1."""
    written, title = outline.split_number(text)
    number = number.strip().rstrip(".)") or written
    return Level(outline.last_part(number), title or text.strip(), label)


def node_level(node: outline.Node) -> Level:
    return Level(
        node.number,
        node.title,
        node.label,
        join_paragraphs(node.before),
        "\n".join(node.after),
    )


def number_column(chain: Chain, column: int) -> int | None:
    """A column just before a goal column, with no header and only numbers in it ("1",
    "2"): the goal column's numbering, written in a cell of its own."""
    before = column - 1
    if before < 0 or header_of(chain, before).strip() or role_of(chain, before) in LEVEL_ROLES:
        return None
    values = [
        ref.table.rows[ref.index][before].text.strip()
        for ref in chain.rows
        if before < len(ref.table.rows[ref.index])
    ]
    numbers = [value for value in values if value]
    if not numbers or not all(NUMBER_ONLY.match(value) for value in numbers):
        return None
    for ref in chain.rows:
        ref.cells[before] = parts_of(ref.table.rows[ref.index][before])
    chain.numbers.add(before)
    return before


def role_of(chain: Chain, column: int) -> str:
    return next((c.role for c in chain.found.columns if c.index == column), "")


def header_of(chain: Chain, column: int) -> str:
    return next((c.header for c in chain.found.columns if c.index == column), "")


def join(first: str, second: str) -> str:
    return "\n".join(filter(None, [first, second]))


def join_paragraphs(texts: list[str]) -> str:
    """Body text: paragraphs apart by a blank line; one a page break cut is joined again."""
    found: list[str] = []
    for text in texts:
        if found and continues(Part(text), Part(found[-1])):
            found[-1] += " " + text
        elif not all(ch in "-–—_*|: " for ch in text):
            found.append(text)
    return "\n\n".join(found)


def guessed_name(guesses: Guesses) -> str:
    """The cover's name, with the period when the name does not say it."""
    name = guesses.name
    if name and guesses.period_start and str(guesses.period_start) not in name:
        return f"{name} {guesses.period_start}–{guesses.period_end}"
    return name
