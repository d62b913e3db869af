"""Lanu's own JSON export ("format": "lanu-plan/1"), so export -> import round-trips.

The text is refused before it is parsed when it is over the upload limit or nested
deeper than any Lanu document (the depth is counted without recursion). The parsed
document is read into the data classes of data.py by their declared field types, so
a value of the wrong type (a list where a text belongs, an object where a list
belongs, a key a data class does not have) is a problem with its JSON path, e.g.
`actions[3].description`; a field added to a data class is read without code of its
own. The values' limits are checked later, with every importer's (validation.py).
"""

import dataclasses
import functools
import json
import types
import typing
from datetime import date

from django.utils.translation import gettext as _

from . import files
from .data import ImportRefused, PlanData, Problem
from .validation import wrong_type

FORMAT = "lanu-plan/1"
MAX_DEPTH = 20  # a plan nests 5 deep (document, goals, goal, sub-goals, sub-goal)
LISTS = ("organisations", "sections", "indicators", "goals", "actions")
BACKUP_ONLY = ("rounds", "memberships")  # read by lanu/backup/, not here
NOT_READ = ("line", "report")  # data class fields an importer fills in, not the file
NOT_MARKS = bytes(byte for byte in range(256) if byte not in b'[]{}"')
CLOSING = bytes.maketrans(b"{}", b"[]")  # objects and lists count alike
FAILED = object()  # a value that could not be read: its problem is reported


def detect(text: str) -> bool:
    return text.lstrip().startswith("{") and '"format"' in text[:2000]


def read(text: str, source: str) -> PlanData:
    check_size(text, source)
    document = parse(text, source)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        message = _("Expected “format”: “%(expected)s”, found “%(found)s”.")
        raise ImportRefused([Problem(message % {"expected": FORMAT, "found": found}, 1, 1, source)])
    problems: list[Problem] = []
    data = plan_from(document, source, problems)
    if problems or data is None:  # no data comes with its problems
        for problem in problems:
            problem.file = source
        raise ImportRefused(problems)
    data.report += backup_not_read(document)
    return data


def backup_not_read(document: dict) -> list[str]:
    """What a full export (a backup) holds besides the plan, which this reader leaves:
    said in the import report, so that nobody takes a plan import for a restore."""
    counts = [document.get(key) for key in BACKUP_ONLY]
    rounds, memberships = (len(value) if isinstance(value, list) else 0 for value in counts)
    return [backup_note(rounds, memberships)] if rounds or memberships else []


def backup_note(rounds: int, memberships: int) -> str:
    message = _(
        "The file is a backup: it also holds %(rounds)d follow-up rounds and %(memberships)d "
        "people's roles. This import brings in the plan only; a server administrator restores "
        "the rest with “python -m lanu import-plan”."
    )
    return message % {"rounds": rounds, "memberships": memberships}


def check_size(text: str, source: str) -> None:
    """Refuse, before parsing, a text over the upload limit or nested too deep."""
    if len(text) > files.max_bytes():
        values = {"limit": files.max_bytes() >> 20}
        message = _("The JSON is too large: the limit is %(limit)d MB.") % values
        raise ImportRefused([Problem(message, file=source)])
    if too_deep(text):
        message = _("The JSON is nested more than %d levels deep: it is not a Lanu plan.")
        raise ImportRefused([Problem(message % MAX_DEPTH, file=source)])


def too_deep(text: str) -> bool:
    """Do the brackets outside strings nest deeper than MAX_DEPTH?

    Without recursion, and linear in any text: escaped backslashes and quotes are
    taken away, then every byte but brackets and quotes; what is between two quotes
    was in a string. The brackets left are counted, stopping where the depth goes over
    the limit or below zero (a closing bracket too many: the parser refuses it there)."""
    raw = text.encode("utf-8", "surrogatepass").replace(b"\\\\", b"").replace(b'\\"', b"")
    marks = raw.translate(None, NOT_MARKS).replace(b'""', b"")
    brackets = b"".join(marks.split(b'"')[::2]).translate(CLOSING)
    if brackets.count(b"[") <= MAX_DEPTH:
        return False
    depth = 0
    for bracket in brackets:
        depth += 1 if bracket == ord("[") else -1
        if not 0 <= depth <= MAX_DEPTH:
            return depth > 0
    return False


def parse(text: str, source: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = _("This is not valid JSON: %s.") % error.msg
        raise ImportRefused([Problem(message, error.lineno, error.colno, source)]) from None
    except (ValueError, RecursionError) as error:  # e.g. a number of over 4,300 digits
        message = _("This is not valid JSON: %s.") % error
        raise ImportRefused([Problem(message, file=source)]) from None


# The document into data classes -------------------------------------------------------


def plan_from(document: dict, source: str, problems: list[Problem]) -> PlanData | None:
    head = document.get("plan")
    if not isinstance(head, dict):
        problems.append(Problem(wrong_type("plan", dict, head)))
        return None
    fields = {"source": source, **labels_of(head, problems)}
    plan = build(PlanData, fields, "plan", problems, skip=LISTS)
    hints = hints_of(PlanData)
    lists = {name: [] if document.get(name) is None else document[name] for name in LISTS}
    if isinstance(lists["actions"], list):
        lists["actions"] = [
            metrics_of(item, f"actions[{n}]", problems) for n, item in enumerate(lists["actions"])
        ]
    lists = {name: convert(hints[name], value, name, problems) for name, value in lists.items()}
    if plan is None or FAILED in lists.values():
        return None
    return dataclasses.replace(plan, **lists)


def labels_of(head: dict, problems: list[Problem]) -> dict:
    """The plan's fields, its level labels (`"level_labels": {"goal": …}`) among them."""
    fields = {key: value for key, value in head.items() if key != "level_labels"}
    labels = head.get("level_labels") or {}
    if not isinstance(labels, dict):
        problems.append(Problem(wrong_type("plan.level_labels", dict, labels)))
        return fields
    for level in ("goal", "subgoal", "action"):
        for suffix in ("", "_sv", "_en"):
            if level + suffix in labels:
                fields[f"{level}_label{suffix}"] = labels[level + suffix]
    return fields


def metrics_of(item, path: str, problems: list[Problem]):
    """An action's metrics as objects: the export writes their texts, and the positions
    of those broken down by mother tongue in `metrics_by_mother_tongue`."""
    if not isinstance(item, dict):
        return item
    item = dict(item)
    flags = item.pop("metrics_by_mother_tongue", None) or []
    if not isinstance(flags, list) or not all(type(flag) is int for flag in flags):
        problems.append(Problem(wrong_type(f"{path}.metrics_by_mother_tongue", list[int], flags)))
        flags = []
    kinds = parallel_texts(item, "metric_kinds", path, problems)
    units = parallel_texts(item, "metric_units", path, problems)
    metrics = item.get("metrics")
    if isinstance(metrics, list):
        item["metrics"] = [
            {"text": text, "by_mother_tongue": n in flags}
            | ({"kind": kinds[n]} if n < len(kinds) else {})
            | ({"unit": units[n]} if n < len(units) else {})
            if isinstance(text, str)
            else text
            for n, text in enumerate(metrics)
        ]
    return item


def parallel_texts(item: dict, key: str, path: str, problems: list[Problem]) -> list[str]:
    """A list of texts, one per metric (kinds, units), as the export writes it; [] if none."""
    texts = item.pop(key, None) or []
    if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
        problems.append(Problem(wrong_type(f"{path}.{key}", list[str], texts)))
        return []
    return texts


def build(cls, item, path: str, problems: list[Problem], skip=()):
    """A data class of a JSON object, by its fields' declared types; None if it has problems."""
    if not isinstance(item, dict):
        problems.append(Problem(wrong_type(path, cls, item)))
        return None
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in (*NOT_READ, *skip)}
    hints = hints_of(cls)
    values, whole = {}, True
    for key in item:
        if key not in fields:
            message = _("%(path)s: unknown key “%(key)s”.") % {"path": path, "key": shown(key)}
            problems.append(Problem(message))
            whole = False
    for name, field in fields.items():
        value = item.get(name)
        if value is None and has_default(field) and not allows_none(hints[name]):
            continue  # missing, or null for a text or list: the default
        if name not in item and not has_default(field):
            problems.append(
                Problem(_("%(path)s: “%(key)s” is missing.") % {"path": path, "key": name})
            )
            whole = False
            continue
        values[name] = convert(hints[name], value, f"{path}.{name}", problems)
        whole = whole and values[name] is not FAILED
    return cls(**values) if whole else None


@functools.cache
def hints_of(cls) -> dict:
    """The data class's field types, worked out once: a plan of thousands of actions
    builds thousands of data classes of a few kinds."""
    return typing.get_type_hints(cls)


def has_default(field) -> bool:
    return (
        field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
    )


def allows_none(hint) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType) and type(
        None
    ) in typing.get_args(hint)


def convert(hint, value, path: str, problems: list[Problem]):
    """The JSON value as the declared type, or FAILED (with its problem reported)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        hint = next(arg for arg in args if arg is not type(None))
        return convert(hint, value, path, problems)
    if origin is list:
        if not isinstance(value, list):
            return failed(path, hint, value, problems)
        entries = [
            convert(args[0], entry, f"{path}[{n}]", problems) for n, entry in enumerate(value)
        ]
        return FAILED if any(entry is FAILED for entry in entries) else entries
    if dataclasses.is_dataclass(hint):
        found = build(hint, value, path, problems)
        return FAILED if found is None else found
    if hint is date:
        return date_of(value, path, problems)
    if hint is int and type(value) is int or hint is bool and type(value) is bool:
        return value
    if hint is str and isinstance(value, str):
        return value
    if hint in (int, bool, str):
        return failed(path, hint, value, problems)
    return value


def date_of(value, path: str, problems: list[Problem]):
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        message = _("%(path)s: “%(value)s” is not a date (YYYY-MM-DD).")
        problems.append(Problem(message % {"path": path, "value": shown(value)}))
        return FAILED


def failed(path: str, hint, value, problems: list[Problem]):
    problems.append(Problem(wrong_type(path, hint, value)))
    return FAILED


def shown(value) -> str:
    """A value as a message shows it: short, and only characters a page can hold."""
    text = str(value)
    text = text if len(text) <= 80 else text[:79] + "…"
    return text.encode("utf-8", "replace").decode("utf-8")
