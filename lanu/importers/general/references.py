"""Rows that point to another row's action instead of repeating it (seed 003's layout).

"Ks. edellinen kohta" (the previous row's action), "Kts. kohta 1" (sub-goal 1's under
the same goal) and "Ks. edelliset kohdat" (all of the goal's so far): the action cell
says only that, the row's other cells are empty. The actions referred to then serve
this row's sub-goal too, as one action, never copied.
"""

from ..data import ActionData
from ..org_tables.actions import REFERENCE
from .cells import Part, one_line


class References:
    """The actions read so far, by their owner (an organisation, and its section of
    tables) and sub-goal, to resolve references within the owner's own rows."""

    def __init__(self) -> None:
        self.previous: list[ActionData] = []  # the last row's actions
        self.by_subgoal: dict[tuple[tuple, str], list[ActionData]] = {}

    def add(self, actions: list[ActionData], owner: tuple, key: str) -> None:
        """The actions of a row under the sub-goal `key`."""
        self.previous = actions
        self.by_subgoal.setdefault((owner, key), []).extend(actions)

    def targets(self, parts: list[Part], owner: tuple, key: str) -> list[ActionData] | None:
        """The actions the cell refers to ([] when none is there), or None when the cell
        is no reference."""
        found = REFERENCE.fullmatch(one_line(parts))
        if found is None:
            return None
        goal = key.split(".", 1)[0]
        if found["previous"]:
            return list(self.previous)
        if found["number"]:
            return list(self.by_subgoal.get((owner, f"{goal}.{found['number']}"), []))
        of_goal = [
            action
            for (whose, subgoal), actions in self.by_subgoal.items()
            if whose == owner and subgoal.split(".", 1)[0] == goal
            for action in actions
        ]
        return list({id(action): action for action in of_goal}.values())
