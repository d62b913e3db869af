"""What an importer's read() returns: the plan as plain data, checked, not yet saved.

Every importer builds a `PlanData`; `save.save_plan()` writes any of them the
same way. Problems are collected as `Problem`s with the file, line and column
they were found at, and raised together as `ImportRefused`.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from lanu.plans.metric_kinds import guess_kind


@dataclass
class Problem:
    """One thing wrong in the input, and where."""

    message: str
    line: int | None = None
    column: int | None = None
    file: str = ""

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.line, self.column) if part)
        return f"{where}: {self.message}" if where else str(self.message)


class ImportRefused(Exception):
    """The input cannot be imported; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class OrganisationData:
    name: str
    short_name: str = ""
    kind: str = "other"
    aliases: list[str] = field(default_factory=list)


@dataclass
class SubGoalData:
    number: str
    title: str
    description: str = ""
    notes: str = ""
    archived: bool = False  # a full export (lanu/backup/) carries archived items, flagged


@dataclass
class GoalData:
    number: str
    title: str
    description: str = ""
    notes: str = ""
    subgoals: list[SubGoalData] = field(default_factory=list)
    archived: bool = False


@dataclass
class MetricData:
    text: str
    by_mother_tongue: bool = False
    kind: str = ""  # blank: guessed from the text (plans/metric_kinds.py)
    unit: str = ""

    def __post_init__(self):
        if not self.kind and isinstance(self.text, str):
            self.kind = guess_kind(self.text)


@dataclass
class ActionData:
    organisation: str  # the organisation's name, as in PlanData.organisations
    subgoals: list[str]  # keys "GOAL.SUB", e.g. "I.3"
    description: str = ""
    items: list[str] = field(default_factory=list)
    metrics: list[MetricData] = field(default_factory=list)
    schedule: str = ""
    start_date: date | None = None
    end_date: date | None = None
    permanence: str = "unknown"
    responsible: str = ""
    monitoring: str = ""
    ease: str = ""
    impact: str = ""
    notes: str = ""
    line: int | None = None  # where the action starts in the source, for messages
    archived: bool = False


@dataclass
class SectionData:
    title: str
    body: str = ""
    kind: str = "other"


@dataclass
class IndicatorDescriptionData:
    name: str
    number: int | None = None
    group: str = ""
    description: str = ""
    source: str = ""


@dataclass
class PlanData:
    name: str
    period_start: int
    period_end: int
    region: str = ""
    slug: str = ""
    language: str = "fi"
    goal_label: str = "Päätavoite"
    subgoal_label: str = "Välitavoite"
    action_label: str = "Toimenpide"
    goal_label_sv: str = ""  # empty: the usual label's from plans/labels.py, or the Finnish
    goal_label_en: str = ""
    subgoal_label_sv: str = ""
    subgoal_label_en: str = ""
    action_label_sv: str = ""
    action_label_en: str = ""
    approved_by: str = ""
    approved_on: date | None = None
    status: str = "draft"
    published: bool = False
    notes: str = ""
    source: str = ""
    organisations: list[OrganisationData] = field(default_factory=list)
    sections: list[SectionData] = field(default_factory=list)
    indicators: list[IndicatorDescriptionData] = field(default_factory=list)
    goals: list[GoalData] = field(default_factory=list)
    actions: list[ActionData] = field(default_factory=list)
    report: list[str] = field(default_factory=list)  # what the import report tells the user

    def subgoal_keys(self) -> list[str]:
        return [f"{goal.number}.{sub.number}" for goal in self.goals for sub in goal.subgoals]


def check_plan(data: PlanData) -> list[Problem]:
    """What makes a read plan inconsistent: what the document does not say and the person
    must give (details.py), values the models do not take (validation.py), unknown
    organisations or sub-goals, duplicates."""
    from .details import missing_details
    from .validation import WrongType, check_values  # reads the models: needs the app registry

    problems = check_values(data)
    if any(isinstance(problem, WrongType) for problem in problems):
        return problems  # the checks below compare values of the declared types
    problems[:0] = missing_details(data)
    if not data.goals:
        problems.append(Problem(_("No goals were found.")))
    goal_numbers = [goal.number for goal in data.goals]
    for number in sorted({n for n in goal_numbers if goal_numbers.count(n) > 1}):
        problems.append(Problem(_("Goal %s appears twice.") % number))
    problems += twice_subgoals(data.goals)
    problems += shared_names(data.organisations)
    keys = set(data.subgoal_keys())
    names = {organisation.name for organisation in data.organisations}
    for action in data.actions:
        if action.organisation and action.organisation not in names:
            problems.append(
                Problem(_("Unknown organisation “%s”.") % action.organisation, action.line)
            )
        for key in action.subgoals:
            if key not in keys:
                problems.append(Problem(_("Unknown sub-goal “%s”.") % key, action.line))
    return problems


def shared_names(organisations: list[OrganisationData]) -> list[Problem]:
    """Two organisations of one plan may not share a name or an alias."""
    seen: dict[str, str] = {}
    problems = []
    for organisation in organisations:
        for name in {organisation.name, *organisation.aliases}:
            if seen.setdefault(name, organisation.name) != organisation.name:
                message = _("Organisations “%(first)s” and “%(second)s” share the name “%(name)s”.")
                values = {"first": seen[name], "second": organisation.name, "name": name}
                problems.append(Problem(message % values))
    return problems


def twice_subgoals(goals: list[GoalData]) -> list[Problem]:
    problems = []
    for goal in goals:
        numbers = [sub.number for sub in goal.subgoals]
        for number in sorted({n for n in numbers if numbers.count(n) > 1}):
            problems.append(Problem(_("Sub-goal %s appears twice.") % f"{goal.number}.{number}"))
    return problems
