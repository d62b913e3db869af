"""A municipality's plan with principle tables (Espoo 2017-2021, seed 002).

The document: the city's name ("ESPOO / ESBO") and the plan's title with its
period, intro chapters (a heading line followed by bullet lists), a numbered
list of principles, then one table per principle with the header
"Periaate<TAB>Tavoite<TAB>Toimenpide<TAB>Mittari". The first row of a table
names the principle ("1. title"); a row with a Tavoite starts a sub-goal, later
rows leave the cells that continue empty. Every table row is one action.

Cells are `<ul>` lists whose items were run together with single spaces: the
only mark of a new item is a capital letter. An action item starts with a
passive verb ("Kehitetään", "Luodaan"); a metric starts with any capital word
except after "ja", ",", inside brackets or a name such as "Lape".
"""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .data import (
    ActionData,
    GoalData,
    ImportRefused,
    MetricData,
    OrganisationData,
    PlanData,
    Problem,
    SectionData,
    SubGoalData,
)
from .text import lower_first, strip_formatting

HEADER = ("periaate", "tavoite", "toimenpide", "mittari")
TITLE = re.compile(r"hyvinvointisuunnitelma\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
NUMBERED = re.compile(r"^(\d+)\.\s+(\S.*)$")
BULLET = re.compile(r"^\s*[-•]\s")
CAPTION = re.compile(r"^(kuva|kuvat|photo)\s*:", re.IGNORECASE)
MOTHER_TONGUE = re.compile(r"\s*\*\s*äidinkieli\s*/\s*kansalaisuus\s*$", re.IGNORECASE)
# An action item begins with a passive verb: "Kehitetään", "Otetaan", "Luodaan".
ACTION_ITEM = re.compile(r"\s+(?=[A-ZÅÄÖ][a-zåäö]*(?:aan|ään)\b)")
METRIC_ITEM = re.compile(r"\s+(?=[A-ZÅÄÖ])")
# A capital word does not start a metric after one of these words, after a lone
# word ("Jaettujen Kaikukorttien määrä"), inside brackets, or if it is a name.
JOINING_WORDS = ("ja", "sekä", "tai", "osana")
NAMES = ("Lape",)


def detect(text: str) -> bool:
    return any(is_header(line) for line in text.split("\n"))


def is_header(line: str) -> bool:
    return "\t" in line and tuple(c.strip().lower() for c in line.split("\t")) == HEADER


@dataclass
class Block:
    """Lines between blank lines, with the number of the first one."""

    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)


def split_blocks(text: str) -> list[Block]:
    blocks, current = [], None
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            current = None
        elif current is None:
            current = Block(number, [line.rstrip("\r")])
            blocks.append(current)
        else:
            current.lines.append(line.rstrip("\r"))
    return blocks


def is_numbered_list(block: Block) -> bool:
    return all(NUMBERED.match(line.strip()) for line in block.lines)


def is_heading(block: Block) -> bool:
    line = block.lines[0].strip()
    plain = not BULLET.match(line) and not NUMBERED.match(line)
    return len(block.lines) == 1 and plain and len(line) <= 150 and not line.endswith(".")


def is_names(block: Block) -> bool:
    names = [line.strip(" *") for line in block.lines]
    return all(name.isupper() for name in names)


def clean_line(line: str) -> str:
    nested = line[:1].isspace() and BULLET.match(line)
    return ("  " if nested else "") + strip_formatting(line)


def block_body(block: Block) -> str:
    return "\n".join(clean_line(line) for line in block.lines)


def split_items(cell: str, boundary: re.Pattern) -> list[str]:
    return [item for item in boundary.split(strip_formatting(cell)) if item]


def joins_previous(previous: str, piece: str) -> bool:
    """Whether a capitalised piece of a metrics cell continues the one before."""
    words = previous.split()
    inside_brackets = previous.count("(") > previous.count(")")
    joined = words[-1] in JOINING_WORDS or previous.endswith(",") or len(words) == 1
    return joined or inside_brackets or piece.startswith(NAMES)


def split_metrics(cell: str) -> list[str]:
    metrics: list[str] = []
    for piece in split_items(cell, METRIC_ITEM):
        if metrics and joins_previous(metrics[-1], piece):
            metrics[-1] += " " + piece
        else:
            metrics.append(piece)
    return metrics


def metric(text: str) -> MetricData:
    marked = MOTHER_TONGUE.search(text)
    return MetricData(MOTHER_TONGUE.sub("", text), by_mother_tongue=bool(marked))


def action_items(cell: str) -> list[str]:
    return [re.sub(r"\s+([.,;:])$", r"\1", item) for item in split_items(cell, ACTION_ITEM)]


@dataclass
class Reader:
    """Reads the blocks in order, collecting problems instead of stopping."""

    source: str
    problems: list[Problem] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    title: Block | None = None
    notes: list[str] = field(default_factory=list)
    sections: list[SectionData] = field(default_factory=list)
    principles: list[tuple[int, str, str]] = field(default_factory=list)  # line, number, title
    labels: list[str] = field(default_factory=list)
    goals: list[GoalData] = field(default_factory=list)
    actions: list[ActionData] = field(default_factory=list)
    goal: GoalData | None = None
    subgoal: SubGoalData | None = None
    tables_seen: bool = False
    unreadable: bool = False  # the table's principle is wrong: its rows cannot be placed

    def problem(self, message: str, line: int, column: int | None = None) -> None:
        self.problems.append(Problem(message, line, column, self.source))

    def read_blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if is_header(block.lines[0]):
                self.read_table(block)
            elif "\t" in block.lines[0]:
                self.problem(_("A table row without the table’s header above it."), block.line)
            else:
                self.read_text(block)

    def read_text(self, block: Block) -> None:
        if CAPTION.match(block.text):
            self.notes.append(block.text)
        elif self.title is None and TITLE.search(block.text):
            self.title = block
        elif self.title is None and not self.names and is_names(block):
            self.names = [line.strip(" *").title() for line in block.lines]
        elif not self.tables_seen and is_numbered_list(block):
            self.read_principles(block)
        else:
            self.read_prose(block)

    def read_principles(self, block: Block) -> None:
        for offset, line in enumerate(block.lines):
            if numbered := NUMBERED.match(line.strip()):  # each line is: is_numbered_list
                self.principles.append((block.line + offset, numbered[1], numbered[2]))

    def read_prose(self, block: Block) -> None:
        if is_heading(block):
            title = block.text.rstrip(":").strip()
            self.sections.append(SectionData(title, "", self.section_kind(title)))
        elif self.sections:
            section = self.sections[-1]
            section.body = "\n\n".join(filter(None, [section.body, block_body(block)]))
        else:
            self.notes.append(block_body(block))

    def section_kind(self, title: str) -> str:
        if title.lower().startswith(("seuranta", "arviointi")):
            return "monitoring"
        return "other" if self.tables_seen else "introduction"

    def read_table(self, block: Block) -> None:
        self.tables_seen = True
        self.labels = [cell.strip() for cell in block.lines[0].split("\t")]
        self.goal = self.subgoal = None
        self.unreadable = False
        if len(block.lines) == 1:
            self.problem(_("The table has a header but no rows."), block.line)
        for offset, line in enumerate(block.lines[1:], 1):
            self.read_row(block.line + offset, line.split("\t"))

    def read_row(self, line: int, cells: list[str]) -> None:
        if len(cells) != len(HEADER):
            message = _("The row has %(found)d cells; the table’s header has %(expected)d.")
            column = min(len(cells), len(HEADER)) + 1
            self.problem(message % {"found": len(cells), "expected": len(HEADER)}, line, column)
            return
        principle, goal, action, metrics = (strip_formatting(cell) for cell in cells)
        if principle:
            self.start_goal(line, principle)
        if self.unreadable:
            return
        if goal:
            self.start_subgoal(line, goal)
        if action or metrics:
            self.add_action(line, cells[2], cells[3])

    def start_goal(self, line: int, text: str) -> None:
        numbered = NUMBERED.match(text)
        self.goal = self.subgoal = None
        self.unreadable = not numbered
        if not numbered:
            message = _("The principle “%s” should begin with its number, as in “1. Title”.")
            self.problem(message % text, line, 1)
            return
        self.goal = GoalData(numbered[1], numbered[2])
        self.goals.append(self.goal)

    def start_subgoal(self, line: int, text: str) -> None:
        if self.goal is None:
            self.problem(_("The goal “%s” has no principle before it.") % text, line, 2)
            return
        self.subgoal = SubGoalData(str(len(self.goal.subgoals) + 1), text)
        self.goal.subgoals.append(self.subgoal)

    def add_action(self, line: int, action: str, metrics: str) -> None:
        if not strip_formatting(action):
            self.problem(_("The row has metrics but no action."), line, 3)
        elif self.goal is None or self.subgoal is None:
            self.problem(_("The row has an action but no goal before it."), line, 3)
        else:
            key = f"{self.goal.number}.{self.subgoal.number}"
            items = action_items(action)
            measures = [metric(text) for text in split_metrics(metrics)]
            self.actions.append(ActionData("", [key], items=items, metrics=measures, line=line))


def read(text: str, source: str) -> PlanData:
    reader = Reader(source)
    reader.read_blocks(split_blocks(text))
    if not reader.goals and not reader.problems:
        reader.problem(_("No table of principles was found."), 1)
    check_principles(reader)
    header = plan_header(reader)
    if reader.problems:
        raise ImportRefused(sorted(reader.problems, key=lambda p: (p.line or 0, p.column or 0)))
    return build_plan(reader, *header)


def plan_header(reader: Reader) -> tuple[str, int, int]:
    """The plan's title and period, or problems saying they are missing."""
    period = TITLE.search(reader.title.text) if reader.title is not None else None
    if reader.title is None or period is None:  # the title is the block TITLE found
        message = _(
            "The plan’s title with its period, as in “Lasten ja nuorten "
            "hyvinvointisuunnitelma 2017-2021”, was not found before the tables."
        )
        reader.problem(message, 1)
        return "", 0, 0
    if not reader.names:
        message = _("The municipality’s name (as in “ESPOO”) was not found before the title.")
        reader.problem(message, reader.title.line)
    start, end = period.groups()
    return reader.title.text, int(start), int(end)


def organisation(names: list[str]) -> OrganisationData:
    """The city itself: the document names it in Finnish first, then in Swedish."""
    return OrganisationData(f"{names[0]}n kaupunki", kind="municipality", aliases=names)


def plan_name(region: str, title: str, start: int, end: int) -> str:
    """The title after the city's genitive ("Espoon lasten ja nuorten …"), unless it
    begins with it already; its words keep their case but for the one continued."""
    title = TITLE.sub(lambda m: f"{m.group(0).split()[0]} {start}–{end}", title)
    if title.casefold().startswith(f"{region}n ".casefold()):
        return title
    return f"{region}n {lower_first(title)}"


def build_plan(reader: Reader, title: str, start: int, end: int) -> PlanData:
    city = organisation(reader.names)
    for action in reader.actions:
        action.organisation = city.name
    region = reader.names[0]
    notes = reader.notes + unmatched_principles(reader)
    return PlanData(
        name=plan_name(region, title, start, end),
        slug=slugify(f"{region} {start} {end}"),
        period_start=start,
        period_end=end,
        region=region,
        goal_label=reader.labels[0],
        subgoal_label=reader.labels[1],
        action_label=reader.labels[2],
        notes="\n\n".join(notes),
        source=reader.source,
        organisations=[city],
        sections=reader.sections,
        goals=reader.goals,
        actions=reader.actions,
        report=report(reader, notes),
    )


def check_principles(reader: Reader) -> None:
    """A listed principle with no table means the document is incomplete."""
    numbers = {goal.number for goal in reader.goals}
    for line, number, title in reader.principles:
        if number not in numbers:
            message = _("The principle “%(number)s. %(title)s” is listed but has no table.")
            reader.problem(message % {"number": number, "title": title}, line)


def unmatched_principles(reader: Reader) -> list[str]:
    """Entries of the list of principles worded differently from the tables' principles."""
    in_tables = {(goal.number, goal.title) for goal in reader.goals}
    listed = [(number, title) for _line, number, title in reader.principles]
    return [f"{n}. {title}" for n, title in listed if (n, title) not in in_tables]


def report(reader: Reader, notes: list[str]) -> list[str]:
    broken_down = sum(m.by_mother_tongue for a in reader.actions for m in a.metrics)
    message = _("%d metrics are broken down by mother tongue / citizenship.")
    lines = [counts(reader), message % broken_down]
    if notes:
        lines.append(_("Kept as plan notes: %s") % "; ".join(notes))
    return lines + repeated_items(reader.actions)


def counts(reader: Reader) -> str:
    message = _(
        "Read %(goals)d principles, %(subgoals)d goals and %(actions)d actions, one per row."
    )
    subgoals = sum(len(goal.subgoals) for goal in reader.goals)
    return message % {
        "goals": len(reader.goals),
        "subgoals": subgoals,
        "actions": len(reader.actions),
    }


def repeated_items(actions: list[ActionData]) -> list[str]:
    """Items that the document repeats in another row, worth a look."""
    first_seen: dict[str, int | None] = {}
    lines: list[str] = []
    for action in actions:
        for item in action.items:
            if item in first_seen and first_seen[item] != action.line:
                message = _("Lines %(first)d and %(again)d both have the item “%(item)s”.")
                lines.append(
                    message % {"first": first_seen[item], "again": action.line, "item": item}
                )
            first_seen.setdefault(item, action.line)
    return lines
