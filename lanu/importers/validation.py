"""Every value an importer read, checked against the model field it will be written to.

Importers read files into plain data classes (data.py) and touch no database. Before
anything is written, `check_values()` walks such an object and compares each of its
values with its model's field of the same name: the Python type the data class
declares, text length (`max_length`), choices, the range of integer fields, and in
every text the characters no database stores (NUL, and halves of surrogate pairs).
The limits are read from the fields themselves, so a new field or a new data class
is checked without code of its own: pass `models`, a mapping of data class -> model
(`plan_models()` for a plan). Each problem names the item (and the line it starts on
in the file, where known) and the field, in the user's language.
"""

import dataclasses
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


class WrongType(Problem):
    """A value of another type than its data class declares: other checks cannot run."""


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


def check_values(item, models_of: dict | None = None, label: str = "", line=None) -> list:
    """The problems of every value of `item` (a data class) and of the items it holds."""
    models_of = plan_models() if models_of is None else models_of
    model = models_of.get(type(item))
    line = getattr(item, "line", None) or line
    hints = typing.get_type_hints(type(item))
    problems = []
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        model_field = concrete_field(model, field.name)
        where = item_field(label or item_name(model, type(item)), model_field, field.name)
        if not fits(value, hints[field.name]):
            problems.append(WrongType(wrong_type(where, hints[field.name], value), line))
            continue
        problems += [
            Problem(f"{where}: {message}", line) for message in value_messages(model_field, value)
        ]
        problems += held_items(value, models_of, label, line)
    return problems


def held_items(value, models_of: dict, label: str, line) -> list[Problem]:
    """The problems of the data classes a field holds (a plan's goals, a goal's sub-goals)."""
    entries = value if isinstance(value, list) else [value]
    problems = []
    for number, entry in enumerate(entries, 1):
        if dataclasses.is_dataclass(entry) and not isinstance(entry, type):
            name = item_name(models_of.get(type(entry)), type(entry))
            own = f"{name} {number}" if isinstance(value, list) else name
            problems += check_values(entry, models_of, f"{label}, {own}" if label else own, line)
    return problems


def concrete_field(model, name: str):
    """The model's own column of that name (not a relation), or None."""
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.concrete and not field.is_relation else None


def item_name(model, cls) -> str:
    return str(model._meta.verbose_name) if model else cls.__name__


def item_field(label: str, model_field, name: str) -> str:
    field = str(model_field.verbose_name) if model_field else name
    return capfirst(f"{label}, {field}" if label else field)


# One value ----------------------------------------------------------------------------


def value_messages(field, value) -> list[str]:
    """What is wrong with a value for a model field (None: only its text is checked)."""
    if isinstance(value, list):
        entry_field = None if isinstance(field, models.JSONField) else field
        return [message for entry in value for message in value_messages(entry_field, entry)]
    messages = text_messages(value) if isinstance(value, str) else []
    if field is not None and value is not None and not messages:
        messages += field_messages(field, value)
    return messages


def text_messages(text: str) -> list[str]:
    if "\x00" in text:
        return [_("the text has a NUL character, which cannot be stored.")]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return [_("the text has an invalid character (half of a surrogate pair).")]
    return []


def field_messages(field, value) -> list[str]:
    max_length = getattr(field, "max_length", None)
    if isinstance(value, str) and max_length and len(value) > max_length:
        values = {"limit": max_length, "length": len(value)}
        return [_("at most %(limit)d characters are allowed, this has %(length)d.") % values]
    if field.choices and not (value == "" and field.blank):
        allowed = [str(choice) for choice, _label in field.flatchoices]
        if value not in allowed:
            values = {"value": value, "allowed": ", ".join(allowed)}
            return [_("“%(value)s” is not one of: %(allowed)s.") % values]
    limits = INTEGER_RANGES.get(field.get_internal_type())
    if limits and isinstance(value, int) and not limits[0] <= value <= limits[1]:
        values = {"value": value, "low": limits[0], "high": limits[1]}
        return [_("%(value)d is not between %(low)d and %(high)d.") % values]
    return []


# Types --------------------------------------------------------------------------------


def fits(value, hint) -> bool:
    """Is the value of the type a data class field declares (lists: every entry)?"""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(fits(value, arg) for arg in args)
    if origin is list:
        return isinstance(value, list) and all(fits(entry, args[0]) for entry in value)
    if origin is dict:
        return isinstance(value, dict) and all(fits(v, args[1]) for v in value.values())
    if hint is type(None):
        return value is None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, hint) if isinstance(hint, type) else True


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
