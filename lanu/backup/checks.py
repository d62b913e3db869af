"""Checking a backup's values against the models' limits before anything is written.

Each value is checked for its JSON type, then as every import checks values
(importers/validation.py: NUL characters, length, choices, integer ranges), then
by its model field (dates, decimal digits, required values, validators); times
must say their time zone. A problem names where it is in the document, e.g.
`rounds[0].reports[3].account`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from lanu.importers.data import Problem
from lanu.importers.validation import value_messages

TEXT_FIELDS = (models.CharField, models.TextField, models.DateField)


class Checker:
    """Collects the problems of one document, each with where it is."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(f"{where}: {message}", file=self.source))

    def items(self, document: dict, key: str, where: str = "") -> list[tuple[str, dict]]:
        """The objects of document[key] with where each is; a wrong type is a problem."""
        found = document.get(key, [])
        path = f"{where}.{key}" if where else key
        if not isinstance(found, list):
            self.problem(path, _("expected a list"))
            return []
        good = [(f"{path}[{n}]", item) for n, item in enumerate(found) if isinstance(item, dict)]
        if len(good) != len(found):
            self.problem(path, _("expected a list of objects"))
        return good

    def fields(self, model, item: dict, names, where: str) -> dict:
        """The named fields' values, checked and converted; a missing one is its default."""
        values = {}
        for name in names:
            field = model._meta.get_field(name)
            raw = item.get(name, field.get_default())
            values[name] = self.value(field, raw, f"{where}.{name}")
        return values

    def value(self, field, raw, where: str):
        message = wrong_type(field, raw) or " ".join(value_messages(field, raw)) or None
        if message is None:
            try:
                return checked(field, raw)
            except ValidationError as error:
                message = " ".join(error.messages)
        self.problem(where, message)
        return None

    def reference(self, raw, known, where: str, optional: bool = False):
        """A name, key or position that must be one of `known` (or null if optional)."""
        if raw is None and optional:
            return None
        if isinstance(raw, bool) or not isinstance(raw, str | int) or raw not in known:
            self.problem(where, _("“%s” is not in this file") % (raw,))
            return None
        return raw

    def unique(self, values, where: str) -> None:
        seen = set()
        for value in values:
            if value in seen:
                self.problem(where, _("“%s” appears twice") % (value,))
            seen.add(value)


def wrong_type(field, raw) -> str | None:
    """What is wrong with the JSON type of the value, if anything."""
    if raw is None:
        return None  # the field says whether it may be empty
    if isinstance(field, TEXT_FIELDS):
        return None if isinstance(raw, str) else _("expected text")
    if isinstance(field, models.BooleanField):
        return None if isinstance(raw, bool) else _("expected true or false")
    if isinstance(field, models.DecimalField):
        ok = isinstance(raw, str | int) and not isinstance(raw, bool)
        return None if ok else _("expected a number as text")
    if isinstance(field, models.IntegerField):
        ok = isinstance(raw, int) and not isinstance(raw, bool)
        return None if ok else _("expected a whole number")
    return None


def checked(field, raw):
    """The field's value, or ValidationError saying what is wrong with it."""
    value = field.clean(raw, None)
    if isinstance(field, models.DateTimeField) and value and timezone.is_naive(value):
        raise ValidationError(_("the time has no time zone"))
    return value
