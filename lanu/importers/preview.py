"""What an upload would do, counted for its preview: per goal and per organisation."""

from collections import Counter
from dataclasses import dataclass


@dataclass
class Count:
    label: str
    subgoals: int = 0
    new: int = 0
    changed: int = 0


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
    """Changes to a plan: new and changed actions per goal and per organisation."""
    goal_of = {}
    goals = {}
    for goal in found.plan.goals.filter(archived=False):
        goals[goal.number] = Count(f"{goal.number} {goal.title}")
    organisations: dict[str, Count] = {}
    rows = [(a.organisation, a.subgoals, "new") for a in found.new_actions]
    rows += [(u.organisation, u.subgoals, "changed") for u in found.updates]
    for organisation, subgoals, kind in rows:
        count = organisations.setdefault(organisation, Count(organisation))
        setattr(count, kind, getattr(count, kind) + 1)
        for number in {key.split(".")[0] for key in subgoals}:
            goal = goals.get(number) or goal_of.setdefault(number, Count(number))
            setattr(goal, kind, getattr(goal, kind) + 1)
    shown = [count for count in goals.values() if count.new or count.changed]
    return shown, list(organisations.values())
