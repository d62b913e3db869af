"""Every value an importer read, checked against the model field it will be written to.

Importers read files into plain data classes (data.py) and touch no database. Before
anything is written, `check_values()` walks such an object and compares each of its
values with its model's field of the same name: the Python type the data class
declares, text length (`max_length`), choices, the range of integer fields, and in
every text the characters no database stores (NUL, and halves of surrogate pairs).
The limits are read from the fields themselves, so a new field or a new data class
is checked without code of its own: pass `models_of`, a mapping of data class -> model
(`plan_models()` for a plan). Each problem names the item (and the line it starts on
in the file, where known) and the field, in the user's language.
"""

import dataclasses
import functools
import re
import types
import typing
from datetime import date

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import data as plan_data
from .data import Problem

INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges  # the same on every database
BAD_TEXT = re.compile("[\x00\ud800-\udfff]")  # what no database stores as text


class WrongType(Problem):
    """A value of another type than its data class declares: other checks cannot run."""


@dataclasses.dataclass(frozen=True)
class Check:
    """How one field of a data class is checked, worked out once per data class."""

    name: str
    hint: object
    fits: typing.Callable[[object], bool]
    field: models.Field | None  # the model's column of the same name
    holds: bool  # whether the value is, or is a list of, data classes
    limited: models.Field | None  # the field, if it has limits beyond its text (a length …)


@functools.cache
def plan_models() -> dict[type, type[models.Model]]:
    """Each data class of a read plan -> the model it is written as."""
    from lanu.plans import models as plans  # the app registry is ready when files are read

    return {
        plan_data.PlanData: plans.Plan,
        plan_data.OrganisationData: plans.Organisation,
        plan_data.GoalData: plans.Goal,
        plan_data.SubGoalData: plans.SubGoal,
        plan_data.ActionData: plans.Action,
        plan_data.MetricData: plans.Metric,
        plan_data.SectionData: plans.Section,
        plan_data.IndicatorDescriptionData: plans.IndicatorDescription,
    }


@functools.cache
def checks_of(cls, model) -> tuple[Check, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        Check(
            f.name,
            hints[f.name],
            type_check(hints[f.name]),
            concrete_field(model, f.name),
            holds_items(hints[f.name]),
            limited(concrete_field(model, f.name)),
        )
        for f in dataclasses.fields(cls)
    )


def limited(field):
    if field is None:
        return None
    limits = limits_of(field)
    return field if limits.max_length or limits.choices or limits.low is not None else None


def check_values(item, models_of: dict | None = None, label: str = "", line=None) -> list:
    """The problems of every value of `item` (a data class) and of the items it holds.

    `label` names the item in messages (by default its model's name)."""
    models_of = plan_models() if models_of is None else models_of
    return item_problems(item, models_of, (label,) if label else (), line)


def item_problems(item, models_of: dict, place: tuple, line) -> list[Problem]:
    """`place`: where the item is, as (model or class, number) steps, named only for a
    message (names are translations: looking them up for every item would be slow)."""
    kind: type = type(item)  # plain `type`: mypy takes a type[Any] for unhashable (#11470)
    model = models_of.get(kind)
    line = getattr(item, "line", None) or line
    problems: list[Problem] = []
    for check in checks_of(kind, model):
        value = getattr(item, check.name)
        if not check.fits(value):
            where = place_name(place or ((model or kind, None),), check)
            problems.append(WrongType(wrong_type(where, check.hint, value), line))
            continue
        messages = value_messages(check.limited, value)
        if messages:
            where = place_name(place or ((model or kind, None),), check)
            problems += [Problem(f"{where}: {message}", line) for message in messages]
        if check.holds:
            problems += held_items(value, models_of, place, line)
    return problems


def held_items(value, models_of: dict, place: tuple, line) -> list[Problem]:
    """The problems of the data classes a field holds (a plan's goals, a goal's sub-goals)."""
    entries = value if isinstance(value, list) else [value]
    problems = []
    for number, entry in enumerate(entries, 1):
        if dataclasses.is_dataclass(entry) and not isinstance(entry, type):
            step = (models_of.get(type(entry)) or type(entry), number if entries is value else None)
            problems += item_problems(entry, models_of, (*place, step), line)
    return problems


def holds_items(hint) -> bool:
    return any(dataclasses.is_dataclass(arg) for arg in (hint, *typing.get_args(hint)))


def concrete_field(model, name: str):
    """The model's own column of that name (not a relation), or None."""
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.concrete and not field.is_relation else None


def place_name(place: tuple, check: Check) -> str:
    """E.g. "Goal 1, sub-goal 3, title", in the user's language."""
    steps = [step if isinstance(step, str) else step_name(*step) for step in place]
    steps.append(str(check.field.verbose_name) if check.field else check.name)
    return capfirst(", ".join(steps))


def step_name(kind, number) -> str:
    name = str(kind._meta.verbose_name) if hasattr(kind, "_meta") else kind.__name__
    return f"{name} {number}" if number else name


# One value ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Limits:
    """A model field's limits, read once."""

    max_length: int | None
    choices: frozenset | None
    blank: bool
    low: int | None
    high: int | None


@functools.cache
def limits_of(field) -> Limits:
    low, high = INTEGER_RANGES.get(field.get_internal_type(), (None, None))
    choices = frozenset(str(c) for c, _label in field.flatchoices) if field.choices else None
    return Limits(getattr(field, "max_length", None), choices, field.blank, low, high)


def value_messages(field, value) -> list[str]:
    """What is wrong with a value for a model field (None: only its text is checked)."""
    if isinstance(value, str):
        if BAD_TEXT.search(value):
            return [text_message(value)]
        return field_messages(field, value) if field is not None else []
    if isinstance(value, list):
        entry_field = None if isinstance(field, models.JSONField) else field
        return [message for entry in value for message in value_messages(entry_field, entry)]
    if field is None or value is None:
        return []
    return field_messages(field, value)


def text_message(text: str) -> str:
    if "\x00" in text:
        return _("the text has a NUL character, which cannot be stored.")
    return _("the text has an invalid character (half of a surrogate pair).")


def field_messages(field, value) -> list[str]:
    limits = limits_of(field)
    if limits.max_length and isinstance(value, str) and len(value) > limits.max_length:
        values = {"limit": limits.max_length, "length": len(value)}
        return [_("at most %(limit)d characters are allowed, this has %(length)d.") % values]
    if limits.choices is not None and not (value == "" and limits.blank):
        if str(value) not in limits.choices:  # choices are kept as text (an integer's too)
            allowed = ", ".join(str(choice) for choice, _label in field.flatchoices)
            return [
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed}
            ]
    low, high = limits.low, limits.high
    if low is not None and high is not None and isinstance(value, int) and not low <= value <= high:
        values = {"value": value, "low": low, "high": high}
        return [_("%(value)d is not between %(low)d and %(high)d.") % values]
    return []


# Types --------------------------------------------------------------------------------


def fits(value, hint) -> bool:
    """Is the value of the type a data class field declares (lists: every entry)?"""
    return type_check(hint)(value)


@functools.cache
def type_check(hint) -> typing.Callable[[object], bool]:
    """A function telling whether a value is of the declared type, made once per type."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        alternatives = tuple(type_check(arg) for arg in args)
        return lambda value: any(fits_one(value) for fits_one in alternatives)
    if origin is list:
        entry = type_check(args[0])
        return lambda value: isinstance(value, list) and all(map(entry, value))
    if origin is dict:
        entry = type_check(args[1])
        return lambda value: isinstance(value, dict) and all(map(entry, value.values()))
    if hint is type(None):
        return lambda value: value is None
    if hint in (int, float):
        kinds = int if hint is int else int | float
        return lambda value: isinstance(value, kinds) and not isinstance(value, bool)
    if isinstance(hint, type):
        return lambda value: isinstance(value, hint)
    return lambda value: True


def expected(hint) -> str:
    """The type a field declares, in words."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _(" or ").join(expected(arg) for arg in args)
    if origin is list or hint is list:
        return _("a list")
    if origin is dict or hint is dict or dataclasses.is_dataclass(hint):
        return _("an object")
    words = {str: _("text"), int: _("a whole number"), float: _("a number")}
    words |= {bool: _("true or false"), date: _("a date (YYYY-MM-DD)"), type(None): "null"}
    return words.get(hint, getattr(hint, "__name__", str(hint)))


def found(value) -> str:
    """The type of a value, in words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    if isinstance(value, date):
        return _("a date (YYYY-MM-DD)")
    return type(value).__name__


def wrong_type(where: str, hint, value) -> str:
    values = {"where": where, "expected": expected(hint), "found": found(value)}
    return _("%(where)s: expected %(expected)s, found %(found)s.") % values
