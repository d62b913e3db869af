"""What the general reader is told (`Choices`) and what it answers (`Reading`)."""

from dataclasses import dataclass, field

from ..data import PlanData, Problem
from .document import Document

# The roles a table column can have. The goal levels are from the outermost in:
# "goal" becomes the plan's goal, "subgoal" its sub-goal; a third level ("subgoal2")
# is kept with its sub-goal (see reading.py). "other" is kept in the action's notes.
ROLES = (
    "goal",
    "subgoal",
    "subgoal2",
    "action",
    "organisation",
    "responsible",
    "schedule",
    "metrics",
    "monitoring",
    "resources",
    "partners",
    "status",
    "other",
)


@dataclass
class PlanDetails:
    """What the person says about the plan; empty values are taken from the guesses."""

    name: str = ""
    period_start: int | None = None
    period_end: int | None = None
    organisations: list[str] = field(default_factory=list)  # the plan's own, if no column


@dataclass
class Choices:
    roles: dict[int, list[str]] = field(default_factory=dict)  # table number -> role per column
    split_bullets: set[str] = field(default_factory=set)  # Flag.key: one action per bullet
    details: PlanDetails = field(default_factory=PlanDetails)


@dataclass
class Column:
    index: int  # 0-based place in the table
    header: str  # the header cell's text as written
    role: str  # one of ROLES, or "" when the column has none
    chosen: bool = False  # set by the person (Choices), not guessed


@dataclass
class TableFound:
    number: int
    where: str  # as a person finds it: "table 3", "sheet Toimenpiteet", "table 2 (page 4)"
    header_row: int  # 0-based index of the header row; -1 if none was recognised
    columns: list[Column] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # the header row's texts, for messages
    actions: int = 0  # how many actions it gave
    signature: str = ""  # the header words, normalised: a saved mapping's key
    # where the data starts: the row after the header and the rows describing its
    # columns ("Missä on onnistuttava?"); -1 means the row right after the header
    body_row: int = -1
    # the number of the action table this one continues (a table a page break split,
    # read with that table's columns), 0 if none: set by the general reader
    continues: int = 0

    def __post_init__(self):
        if self.body_row < 0:
            self.body_row = self.header_row + 1

    @property
    def is_action_table(self) -> bool:
        return any(column.role == "action" for column in self.columns)


@dataclass
class Guesses:
    name: str = ""
    period_start: int | None = None
    period_end: int | None = None
    organisations: list[str] = field(default_factory=list)
    language: str = "fi"


@dataclass
class Flag:
    """Something the person may want to decide, e.g. a cell whose bullets look like actions."""

    key: str  # stable between readings of the same document, e.g. "3:12:1" (table:row:col)
    where: str  # "table 3, row “Lasten ja nuorten …”"
    message: str


@dataclass
class Reading:
    document: Document
    tables: list[TableFound] = field(default_factory=list)
    guesses: Guesses = field(default_factory=Guesses)
    data: PlanData | None = None  # None when there are problems
    problems: list[Problem] = field(default_factory=list)  # each says where, as a person sees it
    flags: list[Flag] = field(default_factory=list)
