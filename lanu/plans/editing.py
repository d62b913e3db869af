"""Saving edits without lost updates, and with every change in the history.

Each editable object carries a `version`. A form remembers the version it was
loaded at; saving does a compare-and-set (`UPDATE ... WHERE version = loaded`)
so that of two people saving the same object, the second is refused with a
Conflict that says what the first one changed. The person's own text stays in
their form. Every create, change, archive and move is recorded in the history.
"""

import json
from datetime import date

from django import forms
from django.db import transaction
from django.db.models import F, Manager, Max, QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from lanu.history.models import Change
from lanu.history.records import changes_of, record, snapshot
from lanu.lib.text import NormalTextForm, normal_text


class VersionedForm(NormalTextForm, forms.ModelForm):
    """A model form that remembers the version, and the values, it was loaded with.

    The loaded values let a refused save be merged: after a Conflict, fields the
    person did not touch take the other person's new values, and fields the
    person changed keep the person's text (see merged_data()).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)
    BOOKKEEPING = ("version", "loaded")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        if not self.is_bound:
            self.fields["loaded"].initial = LoadedValues(self)

    def fresh(self, instance) -> "VersionedForm":
        """An unbound form of the same kind for `instance`; forms with more arguments extend it."""
        return type(self)(instance=instance)

    def rebased(self, current) -> "VersionedForm":
        """The form again after a Conflict, bound to the merged data (rebased_data) and based
        on the current version; forms with more arguments extend it."""
        return type(self)(self.rebased_data(current), instance=current)

    def values(self) -> dict:
        """Each field's value as the form shows it, comparable between loads and posts."""
        return {
            name: comparable(self[name].value())
            for name in self.fields
            if name not in self.BOOKKEEPING
        }

    def history_fields(self) -> list[str]:
        """The form's fields that are the model's own (not reverse relations, not the version)."""
        model_fields = {
            field.name
            for field in self.instance._meta.get_fields()
            if not (field.auto_created and not field.concrete)
        }
        return [name for name in self.fields if name in model_fields and name != "version"]

    def snapshot(self, instance) -> dict[str, str]:
        """The readable values the history compares; a form adding related rows extends it."""
        return snapshot(instance, self.history_fields())

    def save_related(self, instance) -> None:
        """Save related rows the form edits (an action's metrics), in the saving transaction."""

    def rebased_data(self, current):
        """The person's input merged onto the current version, to show again after a Conflict.

        Fields the person left as loaded take the current values (the other person's
        changes); fields the person changed keep the person's text. Saving the merged
        form once more goes through.
        """
        fresh = self.fresh(current)
        loaded = self.loaded_values()
        data = self.data.copy()
        for name, now in fresh.values().items():
            mine = comparable(self[name].value())
            if name in loaded and mine == loaded[name] and now != mine:
                put(data, self.add_prefix(name), fresh[name].value())
        data[self.add_prefix("version")] = current.version
        data[self.add_prefix("loaded")] = json.dumps(fresh.values())
        return data

    def loaded_values(self) -> dict:
        try:
            loaded = json.loads(self.data.get(self.add_prefix("loaded")) or "{}")
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}


class LoadedValues:
    """The form's values as JSON, worked out when the form is shown (after subclasses'
    __init__ have set their own initial values)."""

    def __init__(self, form: VersionedForm):
        self.form = form

    def __str__(self) -> str:
        return json.dumps(self.form.values())


def comparable(value):
    """A form value as text (or a sorted list of texts), the same whether loaded or posted."""
    if isinstance(value, list | tuple):
        return sorted(str(comparable(item)) for item in value)
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return normal_text(str(value)).strip()


def put(data, key: str, value) -> None:
    """Set a form value into POST-like data."""
    if isinstance(value, list | tuple):
        data.setlist(key, [str(comparable(item)) for item in value])
    elif isinstance(value, bool):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
    else:
        data[key] = comparable(value)


class Conflict(Exception):
    """Someone saved the object after the form was loaded."""

    def __init__(self, current, changes):
        super().__init__(f"{current} was changed meanwhile")
        self.current = current
        self.changes = changes


def next_order(siblings: QuerySet | Manager) -> int:
    """The order of a new object listed last among `siblings` (a plan's goals, actions or
    participations; a goal's sub-goals): 0 for the first."""
    last = siblings.aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


def create(form: VersionedForm, user, plan):
    with transaction.atomic():
        instance = form.save()
        form.save_related(instance)
        record(user, instance, Change.Kind.CREATED, plan, {}, form.snapshot(instance))
    return instance


def save_changes(form: VersionedForm, user, plan):
    """Save the form's edits, or raise Conflict if the object was saved since it was loaded.

    A save that changes nothing the history sees is undone: the version stays, so
    an untouched form saved again makes no one else's form outdated."""
    model = type(form.instance)
    loaded = form.cleaned_data.get("version") or 0
    with transaction.atomic():
        claim(model, form.instance.pk, loaded)
        before = form.snapshot(model.objects.get(pk=form.instance.pk))
        instance = form.save(commit=False)
        instance.version = loaded + 1
        instance.save()
        form.save_m2m()
        form.save_related(instance)
        change = record(user, instance, Change.Kind.CHANGED, plan, before, form.snapshot(instance))
        undone = undo_if_unchanged(change)
    if undone:
        instance.refresh_from_db()
    return instance


def save_or_merge(form: VersionedForm, user, plan):
    """Save the form's edits: (the saved object, the form, None); or, if someone saved the
    object since the form was loaded, (None, the form rebased on the current version with
    the person's text kept, the Conflict saying what the other person changed)."""
    try:
        return save_changes(form, user, plan), form, None
    except Conflict as refusal:
        return None, form.rebased(refusal.current), refusal


def form_page(request, template: str, context: dict, refused: bool = False) -> HttpResponse:
    """An editing page: 200, or 409 Conflict when its save was refused because the object
    changed meanwhile (context["conflict"], or `refused`); the form holds the person's text."""
    status = 409 if refused or context.get("conflict") else 200
    return render(request, template, context, status=status)


def undo_if_unchanged(change) -> bool:
    """Roll back the saving transaction if record() found it to change nothing; the
    caller then reloads the object as it is stored."""
    if change is None:
        transaction.set_rollback(True)
    return change is None


def claim(model, pk, loaded: int) -> None:
    """Move the object to the next version, if it still is at the loaded one."""
    if not model.objects.filter(pk=pk, version=loaded).update(version=F("version") + 1):
        current = model.objects.get(pk=pk)
        raise Conflict(current, list(changes_of(current).filter(version__gt=loaded)))


def set_archived(instance, archived: bool, loaded: int, user, plan):
    """Archive (or restore) an object instead of deleting it; its history stays."""
    model = type(instance)
    with transaction.atomic():
        claim(model, instance.pk, loaded)
        model.objects.filter(pk=instance.pk).update(archived=archived)
        instance.refresh_from_db()
        kind = Change.Kind.ARCHIVED if archived else Change.Kind.RESTORED
        record(user, instance, kind, plan)
    return instance


def move(instance, siblings, step: int, user, plan) -> bool:
    """Swap the object with its neighbour among `siblings` (-1: up, +1: down)."""
    ordered = list(siblings.order_by("order", "pk"))
    position = next(n for n, item in enumerate(ordered) if item.pk == instance.pk)
    target = position + step
    if not 0 <= target < len(ordered):
        return False
    ordered[position], ordered[target] = ordered[target], ordered[position]
    with transaction.atomic():
        for order, item in enumerate(ordered):
            type(item).objects.filter(pk=item.pk).update(order=order)
        record(user, instance, Change.Kind.MOVED, plan)
    return True
