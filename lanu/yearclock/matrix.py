"""The ease × impact matrix of seed 001: four fields that sort actions.

Impact runs left (low) to right (high), ease top (easy) to bottom (hard), as on the
Kymenlaakso poster: quick wins (easy, high impact), major projects (hard, high), small
tasks (easy, low) and reconsider (hard, low). Rating actions goes through
plans/editing.py (claim and record): versioned, in the history.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lanu.history.models import Change
from lanu.history.records import record, snapshot
from lanu.plans.editing import Conflict, claim
from lanu.plans.models import Action


@dataclass
class Field:
    key: str
    name: object  # a lazy translation
    ease: str
    impact: str
    column: int  # 0 left (low impact), 1 right (high)
    row: int  # 0 top (easy), 1 bottom (hard)
    actions: list = field(default_factory=list)


FIELDS = (  # in the order a reader meets them: the best first
    ("quick-wins", _("Quick wins"), "easy", "high", 1, 0),
    ("major-projects", _("Major projects"), "hard", "high", 1, 1),
    ("small-tasks", _("Small tasks"), "easy", "low", 0, 0),
    ("reconsider", _("Reconsider"), "hard", "low", 0, 1),
)
BY_RATING = {(ease, impact): key for key, _n, ease, impact, _c, _r in FIELDS}
RATINGS = {key: (ease, impact) for key, _n, ease, impact, _c, _r in FIELDS} | {"": ("", "")}
RATED = ("ease", "impact")

SIZE = 360  # the SVG's width and height
MARGIN = 40  # room for the axes' words
CELL = (SIZE - MARGIN) / 2
DOT = 13  # the distance between actions' numbered dots


def field_of(action) -> str:
    """The action's field ("quick-wins", …), or "" if it is not rated on both."""
    return BY_RATING.get((action.ease, action.impact), "")


def sorted_into_fields(actions) -> tuple[list[Field], list]:
    """The four fields, each with its actions, and the actions not rated."""
    fields = [Field(*values) for values in FIELDS]
    by_key = {f.key: f for f in fields}
    unrated: list = []
    for action in actions:
        key = field_of(action)
        (by_key[key].actions if key else unrated).append(action)
    return fields, unrated


def dots(fields: list[Field]) -> list[dict]:
    """Where each action's numbered dot goes in its field, in rows of the field's width."""
    per_row = int((CELL - 16) // DOT)
    found = []
    for each in fields:
        left = MARGIN + each.column * CELL + 12
        top = each.row * CELL + 52
        for n, action in enumerate(each.actions):
            x = left + (n % per_row) * DOT
            y = top + (n // per_row) * DOT
            if y < (each.row + 1) * CELL - 6:  # a crowded field shows what fits
                found.append({"x": round(x, 1), "y": round(y, 1), "action": action})
    return found


def field_boxes(fields: list[Field]) -> list[dict]:
    return [
        {
            "field": each,
            "x": MARGIN + each.column * CELL,
            "y": each.row * CELL,
            "text_x": MARGIN + each.column * CELL + 8,
            "text_y": each.row * CELL + 20,
            "best": each.key == "quick-wins",
        }
        for each in fields
    ]


class Outdated(Exception):
    """An action was saved by someone else since the matrix was loaded."""

    def __init__(self, action):
        super().__init__(str(action))
        self.action = action


def rate(actions: dict[int, Action], chosen: dict[int, tuple[str, int]], user, plan) -> int:
    """Give each action the field chosen for it (key, the version it was shown at), in one
    transaction; the number changed. Raises Outdated (nothing saved) for a changed action."""
    changed = 0
    with transaction.atomic():
        for pk, (key, loaded) in chosen.items():
            action = actions[pk]
            ease, impact = RATINGS[key]
            if (action.ease, action.impact) == (ease, impact):
                continue
            before = snapshot(action, RATED)
            try:
                claim(Action, pk, loaded)
            except Conflict as error:
                raise Outdated(action) from error
            action.ease, action.impact, action.version = ease, impact, loaded + 1
            Action.objects.filter(pk=pk).update(ease=ease, impact=impact)
            record(user, action, Change.Kind.CHANGED, plan, before, snapshot(action, RATED))
            changed += 1
    return changed
