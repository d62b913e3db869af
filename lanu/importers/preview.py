"""What an upload would do, for its preview: a new plan's goal tree with its first
actions, the columns of a document's tables with the role each has (the person changes
them), counts per organisation, and what the person decides about a new plan's
organisations that exist already."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanu.accounts.permissions import can_change_organisation

from .data import ActionData, PlanData
from .general import columns
from .general.result import ROLES, Flag, Reading, TableFound
from .general.result import Choices as ReadingChoices
from .organisations import Choices, Match, match_organisations

SHOWN_ACTIONS = 3  # the first actions of each sub-goal the preview shows with their texts

ROLE_LABELS = {  # what a column is to the general reader (general/result.py ROLES)
    "goal": gettext_lazy("Goal"),
    "subgoal": gettext_lazy("Sub-goal"),
    "subgoal2": gettext_lazy("Third goal level (kept with its sub-goal)"),
    "action": gettext_lazy("Action"),
    "organisation": gettext_lazy("Organisation"),
    "responsible": gettext_lazy("Responsible"),
    "schedule": gettext_lazy("Schedule"),
    "metrics": gettext_lazy("Metrics"),
    "monitoring": gettext_lazy("Monitoring"),
    "resources": gettext_lazy("Resources"),
    "partners": gettext_lazy("Partners"),
    "status": gettext_lazy("Status"),
    "other": gettext_lazy("Other (kept in notes)"),
}


# The plan as the preview shows it -----------------------------------------------------


@dataclass
class SubGoalShown:
    key: str  # "I.3"
    title: str
    actions: int
    first: list[ActionData]  # the first SHOWN_ACTIONS, with their texts


@dataclass
class GoalShown:
    number: str
    title: str
    subgoals: list[SubGoalShown]

    @property
    def actions(self) -> int:
        return sum(subgoal.actions for subgoal in self.subgoals)


def goal_tree(data: PlanData) -> list[GoalShown]:
    """Each goal with its sub-goals, their numbers of actions and their first actions:
    enough of the plan to see that the document was read as it was meant."""
    per_key: dict[str, list[ActionData]] = {}
    for action in data.actions:
        for key in action.subgoals:
            per_key.setdefault(key, []).append(action)
    return [
        GoalShown(goal.number, goal.title, [subgoal_shown(goal, s, per_key) for s in goal.subgoals])
        for goal in data.goals
    ]


def subgoal_shown(goal, subgoal, per_key: dict[str, list[ActionData]]) -> SubGoalShown:
    key = f"{goal.number}.{subgoal.number}"
    actions = per_key.get(key, [])
    return SubGoalShown(key, subgoal.title, len(actions), actions[:SHOWN_ACTIONS])


def organisation_counts(data: PlanData) -> list["Count"]:
    per_organisation = Counter(action.organisation for action in data.actions)
    return [Count(o.name, new=per_organisation[o.name]) for o in data.organisations]


# A document's tables: the columns and their roles, which the person may change -------


@dataclass
class ColumnShown:
    field: str  # the select's name: "role-TABLE-INDEX"
    header: str
    role: str  # "" when the reader gave the column none
    chosen: bool


@dataclass
class TableShown:
    table: TableFound
    columns: list[ColumnShown]
    remembered: bool  # its roles are those chosen at an earlier import


def tables_shown(reading: Reading, known_layouts: dict[str, list[str]]) -> dict:
    """The tables whose header row was recognised (or given roles), and the others: a
    document's tables of contacts or meetings are many, and rarely the plan's."""
    shown = [
        TableShown(table, columns_shown(table), table.signature in known_layouts)
        for table in reading.tables
        if table.columns
    ]
    return {
        "tables": [item for item in shown if item.table.header_row >= 0],
        "other_tables": [item for item in shown if item.table.header_row < 0],
    }


def columns_shown(table: TableFound) -> list[ColumnShown]:
    return [
        ColumnShown(role_field(table, column.index), column.header, column.role, column.chosen)
        for column in table.columns
    ]


def role_field(table: TableFound, index: int) -> str:
    return f"role-{table.number}-{index}"


def roles_of(table: TableFound) -> list[str]:
    """The table's roles as `Choices.roles` holds them: one per column, in its order."""
    return [column.role for column in table.columns]


def posted_reading_choices(
    reading: Reading, posted, kept: ReadingChoices
) -> tuple[ReadingChoices, list[str]]:
    """The person's choices after the preview's form was posted: the roles of every
    table where a select was changed (and of those changed before), the bullets to
    split among the flags shown; the details are the form's (forms.PlanDetailsForm).
    Roles the reader cannot take (one role that places the action, given to two
    columns) are not kept: the messages say why."""
    roles, refused = dict(kept.roles), []
    for table in reading.tables:
        shown = roles_of(table)
        wanted = [posted.get(role_field(table, i), role) for i, role in enumerate(shown)]
        wanted = [role if role in ROLES else shown[i] for i, role in enumerate(wanted)]
        if wanted == shown:
            continue
        twice = [role for role in columns.SINGLE_ROLES if wanted.count(role) > 1]
        if twice:
            refused.append(role_twice(table, twice[0]))
        else:
            roles[table.number] = wanted
    offered = {flag.key for flag in reading.flags} | kept.split_bullets
    split = set(posted.getlist("split")) & offered
    return ReadingChoices(roles, split, kept.details), refused


def role_twice(table: TableFound, role: str) -> str:
    """Why a table's roles were not taken (columns.check_roles's rule, in the words of
    the preview's selects)."""
    message = _("%(where)s: only one column can be “%(role)s”, so its roles were not changed.")
    return message % {"where": capfirst(table.where), "role": ROLE_LABELS[role]}


def split_flags(reading: Reading, choices: ReadingChoices, kept: list[Flag]) -> list[Flag]:
    """The flags of the cells split into one action per bullet, to offer undoing it:
    flagged by the reading before the split, or kept from an earlier one."""
    flags = {flag.key: flag for flag in [*kept, *reading.flags]}
    return [flags[key] for key in sorted(choices.split_bullets) if key in flags]


def flags_shown(reading: Reading, split: list[Flag]) -> list[Flag]:
    """The bullets the person may split: those flagged, and those split already."""
    flagged = {flag.key for flag in reading.flags}
    return [*reading.flags, *(flag for flag in split if flag.key not in flagged)]


def layouts_chosen(reading: Reading, choices: ReadingChoices, known: dict) -> dict[str, list[str]]:
    """The tables' roles to keep with the new plan: those the person chose, and those
    taken from an earlier import's (so that the plan after this one finds them too)."""
    return {
        table.signature: roles_of(table)
        for table in reading.tables
        if table.signature and (table.number in choices.roles or table.signature in known)
    }


@dataclass
class Count:
    label: str
    subgoals: int = 0
    new: int = 0
    changed: int = 0
    already: int = 0  # rows without an ID that the plan has already: not added again


def changes_counts(found) -> tuple[list[Count], list[Count]]:
    """Changes to a plan: new, changed and already there actions per goal and per
    organisation."""
    goal_of: dict[str, Count] = {}
    goals: dict[str, Count] = {}
    for goal in found.plan.goals.filter(archived=False):
        goals[goal.number] = Count(f"{goal.number} {goal.title}")
    organisations: dict[str, Count] = {}
    rows = [(a.organisation, a.subgoals, "new") for a in found.new_actions]
    rows += [(u.organisation, u.subgoals, "changed") for u in found.updates]
    rows += [(a.organisation, a.subgoals, "already") for a in found.already_there]
    for organisation, subgoals, kind in rows:
        count = organisations.setdefault(organisation, Count(organisation))
        setattr(count, kind, getattr(count, kind) + 1)
        for number in {key.split(".")[0] for key in subgoals}:
            goal = goals.get(number) or goal_of.setdefault(number, Count(number))
            setattr(goal, kind, getattr(goal, kind) + 1)
    shown = [count for count in goals.values() if count.new or count.changed or count.already]
    return shown, list(organisations.values())


# A new plan's organisations that exist already: used as they are; the person answers
# which one an ambiguous name is, and may accept the file's new names (organisations.py).


@dataclass
class Decision:
    index: int
    match: Match
    may_change: bool  # may add the proposed aliases (accounts.permissions decides)
    selected: str = ""  # the posted choice of an ambiguous name, an organisation's pk
    accepted: list[str] = field(default_factory=list)  # the posted aliases


def organisation_decisions(data, user, posted) -> list[Decision]:
    """The file's organisations that are, or may be, existing ones, with the posted answers."""
    if not isinstance(data, PlanData):
        return []
    return [
        Decision(
            index,
            match,
            match.existing is not None and can_change_organisation(user, match.existing),
            posted.get(f"organisation-{index}", ""),
            posted.getlist(f"aliases-{index}"),
        )
        for index, match in enumerate(match_organisations(data))
        if match.candidates
    ]


def posted_choices(data, user, posted) -> tuple[Choices, list[Decision]]:
    """The answers as save_plan() takes them, and the ambiguous names left unanswered."""
    choices, unanswered = Choices(user=user), []
    for decision in organisation_decisions(data, user, posted):
        match, name = decision.match, decision.match.item.name
        picked = [o for o in match.candidates if str(o.pk) == decision.selected]
        if match.ambiguous and picked:
            choices.chosen[name] = picked[0]
        elif match.ambiguous:
            unanswered.append(decision)
        elif decision.may_change:
            choices.aliases[name] = [a for a in decision.accepted if a in match.new_aliases]
    return choices, unanswered
