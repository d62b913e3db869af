"""The plan's goals and sub-goals as the tables and headings name them, each once.

A goal or sub-goal is known by its number when it has one ("1.1 Lapset…" -> 1, "I"),
else by its title: the rows of a merged goal cell, the rows an Excel sheet leaves blank
under its group's first row and a goal repeated above several tables are all the same
goal. Goals without a number are numbered in order (1, 2, …), sub-goals within their
goal.
"""

import difflib
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..data import GoalData, SubGoalData
from .cells import fitted

TYPO = 0.85  # how alike two titles (of one number) a typo apart are, letter by letter
Item = TypeVar("Item", GoalData, SubGoalData)


@dataclass(frozen=True)
class Level:
    """One goal level's value for a row: its number (if written) and title."""

    number: str
    title: str
    label: str = ""  # the column's header or the vocabulary word, for a third level
    description: str = ""  # a heading's text under it
    notes: str = ""


def normal(title: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", title.lower()).split())


class Numbered(Generic[Item]):
    """Items known by number or title, numbered in order when they have none."""

    def __init__(self) -> None:
        self.by_number: dict[str, Item] = {}
        self.by_title: dict[str, Item] = {}
        self.renumbered: list[str] = []  # numbers written again for another title

    def find(self, level: Level) -> Item | None:
        """The item of the level's number, unless that number was written for another
        title (a numbering that starts again); else the item of its title."""
        found = self.by_number.get(level.number) if level.number else None
        if found is not None and same_title(found.title, level.title):
            return found
        return self.by_title.get(normal(level.title))

    def number_for(self, level: Level) -> str:
        if level.number and level.number not in self.by_number:
            return level.number
        if level.number:
            self.renumbered.append(level.number)
        count = len(self.by_number) + 1
        while str(count) in self.by_number:
            count += 1
        return str(count)

    def add(self, item: Item, level: Level) -> None:
        self.by_number[item.number] = item
        self.by_title.setdefault(normal(level.title), item)


def same_title(first: str, second: str) -> bool:
    """Are two titles written for one number the same goal's (a typo or a full stop
    apart, or one cut short), or two goals'?"""
    first, second = normal(first), normal(second)
    if not first or not second or first.startswith(second) or second.startswith(first):
        return True
    words, others = set(first.split()), set(second.split())
    if len(words & others) * 2 >= len(words | others):
        return True
    return difflib.SequenceMatcher(None, first, second).ratio() >= TYPO


class GoalTree:
    def __init__(self) -> None:
        self.goals: list[GoalData] = []
        self.numbered: Numbered[GoalData] = Numbered()
        self.subgoals: dict[int, Numbered[SubGoalData]] = {}  # id(goal) -> its sub-goals

    def renumbered(self) -> list[str]:
        """The numbers written for two different goals (or sub-goals of one goal)."""
        found = list(self.numbered.renumbered)
        for goal in self.goals:
            found += [f"{goal.number}.{n}" for n in self.subgoals[id(goal)].renumbered]
        return found

    def goal(self, level: Level) -> GoalData:
        found = self.numbered.find(level)
        if found is None:
            found = GoalData(self.numbered.number_for(level), "")
            found.title, found.description = titled(level, GoalData)
            found.notes = level.notes
            self.goals.append(found)
            self.numbered.add(found, level)
            self.subgoals[id(found)] = Numbered()
        elif not found.title:
            found.title = level.title
        return found

    def subgoal(self, goal: GoalData, level: Level) -> SubGoalData:
        numbered = self.subgoals[id(goal)]
        found = numbered.find(level)
        if found is None:
            found = SubGoalData(numbered.number_for(level), "")
            found.title, found.description = titled(level, SubGoalData)
            found.notes = level.notes
            goal.subgoals.append(found)
            numbered.add(found, level)
        elif not found.title:
            found.title = level.title
        return found


def titled(level: Level, kind: type) -> tuple[str, str]:
    """The title and description of a new goal or sub-goal: a title longer than the
    field takes (a whole paragraph in a goal cell) is cut, and kept whole first in the
    description."""
    title, whole = fitted(level.title, title_limit(kind))
    return title, "\n\n".join(filter(None, [whole, level.description]))


def title_limit(kind: type) -> int | None:
    from lanu.plans.models import Goal, SubGoal  # the app registry is ready when read

    model = Goal if kind is GoalData else SubGoal
    return model._meta.get_field("title").max_length
