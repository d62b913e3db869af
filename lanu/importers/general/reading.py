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

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..data import ActionData, PlanData, Problem, SectionData, check_plan
from ..details import MissingDetail
from ..priority_tables import region_of, section_kind
from . import columns, contents, cover, outline
from .actions import ActionReader, sameness
from .cells import fitted, join_paragraphs, one_line, text_of
from .document import Document
from .levels import cell_level, level_of, node_level
from .references import References
from .result import Choices, Guesses, Reading, TableFound
from .tables import (
    LEVEL_ROLES,
    Chain,
    RowRef,
    join_page_breaks,
    number_column,
    paragraph_actions,
    role_of,
    row_where,
    table_chains,
)
from .tree import GoalTree, Level

NAME_LIMIT = 300  # a plan's name (Plan.name); a longer guess is cut, the person may edit it
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
    guessed = columns.find_all(document.tables())  # one layout's tables decide alike
    reading.tables = [found_table(found, choices, known, reading) for found in guessed]
    reading.guesses = cover.guess(document, reading.tables)
    header_rows = {t.number: t.header_row for t in reading.tables if t.is_action_table}
    document_outline = outline.Outline(document, header_rows)
    chains = table_chains(document, reading.tables, document_outline.places)
    if not chains:
        message = columns.describe_refusal(reading.tables)
        reading.problems.append(Problem(message, file=document.source))
        return reading
    PlanReader(document, reading, choices, document_outline).read(chains)
    return reading


def found_table(
    found: TableFound, choices: Choices, known: dict[str, list[str]], reading: Reading
) -> TableFound:
    """The table's columns: the person's roles, else a saved mapping, else as guessed.
    Roles that do not fit the table (a saved mapping of another year's columns) are not
    used; the person's are a problem to correct."""
    chosen = choices.roles.get(found.number)
    roles = chosen or known.get(found.signature)
    if not roles:
        return found
    try:
        return columns.apply(found, roles)
    except ValueError as error:
        if chosen:
            reading.problems.append(Problem(str(error), file=reading.document.source))
        return found


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
        self.structure: outline.Structure  # set by read(), as is action_reader
        self.by_paragraph = False
        self.action_reader: ActionReader
        self.one_subgoal: list[str] = []
        self.third_level = 0
        self.default_organisation = ""
        self.labels: list[str] = []
        self.written: dict[tuple, ActionData] = {}  # each action by its texts
        self.repeated = 0  # actions written again under another sub-goal
        self.references = References()
        self.restarts = contents.Sections()
        self.defaulted: list[tuple[ActionData, int]] = []  # the plan's organisation's, by section
        self.referring = 0  # rows referring to other rows' actions

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
        self.action_reader = ActionReader(
            self.choices, self.reading.flags, self.document, self.by_paragraph
        )
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
                values[place] = cell_level(row, column, numbers, header)
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
        owner = (name, self.restarts.at(key))  # whose actions a reference may point to
        if self.referred(chain, row, action_column, owner, key):
            return
        actions = []
        for action in self.action_reader.row_actions(chain, row, action_column):
            action.organisation = name
            action.subgoals = [key]
            if third:
                action.notes = "\n".join(filter(None, [third, action.notes]))
            actions.append(self.add_action(action, owner[1]))
            self.table_found(row).actions += 1
        if name == self.default_organisation:
            self.defaulted += [(action, owner[1]) for action in actions]
        self.references.add(actions, owner, key)

    def referred(self, chain: Chain, row: RowRef, column: int, owner: tuple, key: str) -> bool:
        """Is the row a reference to other rows' actions ("Ks. edellinen kohta")? Those
        actions then serve the row's sub-goal too."""
        details = [
            parts
            for i, parts in row.cells.items()
            if parts and i != column and role_of(chain, i) not in LEVEL_ROLES
        ]
        targets = self.references.targets(row.cells[column], owner, key)
        if targets is None or details:
            return False
        if not targets:
            message = _("“%s” refers to a row that has no action.") % one_line(row.cells[column])
            self.problem(message, row_where(row, self.document))
            return True
        for action in targets:
            if key not in action.subgoals:
                action.subgoals.append(key)
        self.referring += 1
        return True

    def add_action(self, action: ActionData, section: int) -> ActionData:
        """A new action, or, when the same organisation's same action (every text alike)
        was written under another sub-goal too, that action now serving this one as well."""
        same = self.written.get((sameness(action), section))
        if same is None:
            self.written[(sameness(action), section)] = action
            self.actions.append(action)
            return action
        if action.subgoals[0] not in same.subgoals:
            same.subgoals.append(action.subgoals[0])
            self.repeated += 1
        return same

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
            unnamed = LABELS.get(self.reading.guesses.language, LABELS["fi"])[1]
            third = "\n".join(f"{level.label or unnamed}: {level.title}" for level in inner)
        return f"{goal.number}.{subgoal.number}", third

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

    # The result

    def finish(self) -> None:
        guesses = self.reading.guesses
        details = self.choices.details
        name = details.name or fitted(cover.guessed_name(guesses), NAME_LIMIT)[0]
        start = details.period_start or guesses.period_start
        end = details.period_end or guesses.period_end
        self.organisations_in_contents()
        self.ask_details(name, start, end)
        if self.reading.problems or not start or not end:  # a missing period is asked
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

    def organisations_in_contents(self) -> None:
        """When the person names no organisation and the tables start again from the
        first sub-goal once for each organisation the table of contents names, each
        section of tables is that organisation's (but for rows whose organisation a
        column or a heading names)."""
        sections = self.restarts.count + 1
        if self.choices.details.organisations or sections < 2:
            return
        if not self.defaulted:
            return
        names = contents.organisations(self.document)
        if len(names) != sections:
            if names:
                message = _(
                    "The table of contents names %(names)d organisations, but the tables "
                    "start again from the first sub-goal %(sections)d times: name the "
                    "organisations in the document or in a column."
                )
                self.report.append(message % {"names": len(names), "sections": sections})
            return
        for action, section in self.defaulted:
            action.organisation = names[section]
        others = [name for name in self.organisations if name != self.default_organisation]
        self.organisations = list(dict.fromkeys([*names, *others]))
        message = _(
            "The organisations the table of contents names (%s) were given the sections of "
            "tables in their order, each starting again from the first sub-goal."
        )
        self.report.append(message % ", ".join(f"“{name}”" for name in names))

    def ask_details(self, name: str, start: int | None, end: int | None) -> None:
        """What the document does not say is asked of the person (details.py's
        MissingDetail, which the preview's form and the command's options answer)."""
        if not name:
            self.ask("name", _("Name the plan: its name was not found on the first pages."))
        if not start or not end:
            message = _(
                "Give the plan's period (e.g. 2024–2026): it was not found on the first "
                "pages or in the file's name."
            )
            self.ask("period", message)
        if any(not action.organisation for action in self.actions):
            message = _("Name the plan's organisation: the document does not say whose plan it is.")
            self.ask("organisation", message)
            self.organisations = [name for name in self.organisations if name]

    def ask(self, detail: str, message: str) -> None:
        self.reading.problems.append(
            MissingDetail(message, file=self.document.source, detail=detail)
        )

    def organisation_data(self) -> list:
        """The plan's organisations: those of its actions, then the others the person
        named (they take part in the plan without actions of their own yet)."""
        cover_paragraphs = cover.cover_paragraphs(self.document.blocks[: cover.COVER_BLOCKS])
        named = [n for n in self.choices.details.organisations if n not in self.organisations]
        found = []
        for name in [*self.organisations, *named]:
            aliases = (
                cover.aliases(cover_paragraphs, name) if name == self.default_organisation else []
            )
            found.append(cover.organisation_data(name, aliases))
        return found

    def plan_labels(self, guesses: Guesses) -> tuple[str, str, str]:
        defaults = LABELS.get(guesses.language, LABELS["fi"])
        labels = [label for label in self.labels if label and len(label) <= 40]
        if len(labels) == 3:
            goal, subgoal, action = (label[:1].upper() + label[1:] for label in labels)
            return goal, subgoal, action
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
        """What the report tells the person: what was read, and how the document's
        layout was understood where it could be read more than one way."""
        counts = {
            "goals": len(data.goals),
            "subgoals": len(data.subgoal_keys()),
            "actions": len(data.actions),
            "tables": sum(1 for t in self.reading.tables if t.actions),
        }
        message = _(
            "Goals: %(goals)d, sub-goals: %(subgoals)d, actions: %(actions)d, from tables: "
            "%(tables)d."
        )
        return [message % counts, *filter(None, self.layout_notes())]

    def layout_notes(self) -> list[str]:
        """How the layout was understood, where it could be read more than one way."""
        notes = []
        if self.one_subgoal:
            message = _(
                "Goals with no sub-goals of their own (%s) have one sub-goal each, "
                "with the goal's title."
            )
            notes.append(message % ", ".join(dict.fromkeys(self.one_subgoal)))
        if renumbered := self.tree.renumbered():
            message = _(
                "Numbers written for two different goals or sub-goals (%s) were given to "
                "the first; the others were numbered anew."
            )
            notes.append(message % ", ".join(dict.fromkeys(renumbered)))
        notes += self.counted_notes()
        if self.by_paragraph:
            message = _(
                "The action cells' paragraphs line up with the other columns' paragraphs: "
                "each paragraph was read as one action."
            )
            notes.append(message)
        if self.structure.organisation_nodes:
            message = _("The headings %s repeat the same goals: each is read as an organisation.")
            titles = (f"“{node.title}”" for node in self.structure.organisation_nodes)
            notes.append(message % ", ".join(titles))
        return notes

    def counted_notes(self) -> list[str]:
        counted = (
            (
                self.repeated,
                ngettext(
                    "%d action was written again under another sub-goal: it was read as one "
                    "action serving all of its sub-goals.",
                    "%d actions were written again under other sub-goals: each was read as "
                    "one action serving all of its sub-goals.",
                    self.repeated,
                ),
            ),
            (
                self.referring,
                ngettext(
                    "%d row refers to another row's action (“Ks. edellinen kohta”): that "
                    "action serves its sub-goal too.",
                    "%d rows refer to other rows' actions (“Ks. edellinen kohta”): those "
                    "actions serve their sub-goals too.",
                    self.referring,
                ),
            ),
            (
                self.third_level,
                ngettext(
                    "A third goal level was kept first in the notes of %d action.",
                    "A third goal level was kept first in the notes of %d actions.",
                    self.third_level,
                ),
            ),
        )
        return [message % count for count, message in counted if count]


# Helpers -----------------------------------------------------------------------------


def no_goal(empty: str) -> str:
    """Why a row's action has no goal: its goal column is empty, or there is none."""
    if not empty:
        return _("the action has no goal: the table has no goal column and no heading above it.")
    message = _("the action has no goal: “%s” is empty on this row and the rows above it.")
    return message % empty
