"""What an upload would do, for its preview: counts per goal and per organisation, and
what the person decides about a new plan's organisations that exist already."""

from collections import Counter
from dataclasses import dataclass, field

from lanu.accounts.permissions import can_change_organisation

from .data import PlanData
from .organisations import Choices, Match, match_organisations


@dataclass
class Count:
    label: str
    subgoals: int = 0
    new: int = 0
    changed: int = 0
    already: int = 0  # rows without an ID that the plan has already: not added again


def plan_counts(data) -> tuple[list[Count], list[Count]]:
    """A new plan: each goal's sub-goals and actions, and each organisation's actions."""
    goals = []
    for goal in data.goals:
        keys = {f"{goal.number}.{sub.number}" for sub in goal.subgoals}
        actions = sum(1 for action in data.actions if keys & set(action.subgoals))
        goals.append(Count(f"{goal.number} {goal.title}", len(goal.subgoals), new=actions))
    per_organisation = Counter(action.organisation for action in data.actions)
    organisations = [Count(o.name, new=per_organisation[o.name]) for o in data.organisations]
    return goals, organisations


def changes_counts(found) -> tuple[list[Count], list[Count]]:
    """Changes to a plan: new, changed and already there actions per goal and per
    organisation."""
    goal_of = {}
    goals = {}
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
