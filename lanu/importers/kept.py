"""What a pending upload keeps of its file, as JSON: the plan read, or the Document
(`Document.to_json`) and the person's Choices so far. So the preview, its redraws and
the confirmation never read the file again (issue 9: parse once).

The plan is read back by lanu_json's reader, which builds the data classes by their
declared field types: a field added to data.py is kept without code of its own.
"""

import dataclasses
from collections.abc import Sequence

from .data import PlanData
from .general.result import ROLES, Choices, Flag, PlanDetails
from .lanu_json import FAILED, convert


def plan_to_json(data: PlanData) -> dict:
    """The plan as JSON values (dates are written by the field's DjangoJSONEncoder)."""
    return dataclasses.asdict(data)


def plan_from_json(value: dict) -> PlanData:
    """The plan kept by plan_to_json, with the action lines and the report the file
    reader wrote (lanu_json reads neither from a file: they are the reader's)."""
    value = dict(value)
    report = value.pop("report", [])
    value["actions"] = [dict(action) for action in value.get("actions", [])]
    lines = [action.pop("line", None) for action in value["actions"]]
    problems: list = []
    data = convert(PlanData, value, "plan", problems)
    if data is FAILED:  # only a kept value of another version of the data classes
        raise ValueError("; ".join(problem.message for problem in problems))
    for action, line in zip(data.actions, lines, strict=True):
        action.line = line
    data.report = report
    return data


def choices_to_json(choices: Choices, split_flags: Sequence[Flag] = ()) -> dict:
    """The choices, and the flags of the bullets split: a split cell is no longer
    flagged by the reader, but the preview still offers to undo it."""
    return {
        "roles": {str(number): roles for number, roles in choices.roles.items()},
        "split_bullets": sorted(choices.split_bullets),
        "details": dataclasses.asdict(choices.details),
        "split_flags": [dataclasses.asdict(flag) for flag in split_flags],
    }


def split_flags_from_json(value: dict) -> list[Flag]:
    return [Flag(**flag) for flag in value.get("split_flags") or ()]


def choices_from_json(value: dict) -> Choices:
    roles = {
        int(number): [role if role in ROLES else "" for role in kept]
        for number, kept in (value.get("roles") or {}).items()
    }
    details = PlanDetails(**(value.get("details") or {}))
    return Choices(roles, set(value.get("split_bullets") or ()), details)
