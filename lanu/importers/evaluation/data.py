"""What read() returns: the round as plain data; and one reading's working state."""

from dataclasses import dataclass, field

from ..data import Problem
from .organisations import OrganisationRef


@dataclass
class PriorityData:
    subgoal: str  # "I.1"
    text: str
    prefix: str = ""  # the organisation(s) as the document named them
    organisation: OrganisationRef | None = None
    line: int | None = None


@dataclass
class HighlightData:
    subgoal: str
    text: str
    line: int | None = None


@dataclass
class RoundData:
    plan_id: int
    year: int
    source: str = ""
    priorities: list[PriorityData] = field(default_factory=list)
    highlights: list[HighlightData] = field(default_factory=list)
    notes: str = ""
    unknown: list[str] = field(default_factory=list)  # prefixes no organisation matched
    report: list[str] = field(default_factory=list)


@dataclass
class Reading:
    """One reading of a document against a plan, and what it collects."""

    lines: list[str]
    source: str
    subgoals: dict[str, str]  # "I.1" -> title, the plan's
    goals: dict[str, str]  # "I" -> title
    organisations: list[OrganisationRef]
    goal_label: str = "Päätavoite"
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # sub-goal key -> line of its row
    unknown: dict[str, list[int]] = field(default_factory=dict)  # name -> lines
    statuses: int = 0  # status cells with text

    def problem(self, message: str, line: int | None = None, column: int | None = None):
        self.problems.append(Problem(message, line, column, self.source))
