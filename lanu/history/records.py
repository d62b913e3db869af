"""record(): write down a change (record_removed(): an object that goes); changes_of():
an object's changes, newest first; removals(): a plan's removed objects of a model.

A change keeps, for each field that changed, its label and its old and new
value as readable text, so the history reads the same after the model changes.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef

from lanu.lib.rows import insert_rows
from lanu.lib.text import normal_text

from .models import Change


def readable(instance, field) -> str:
    """A field's value as a person reads it: choice labels, list entries one per line."""
    if field.many_to_many:
        return "\n".join(str(item) for item in getattr(instance, field.name).all())
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    value = getattr(instance, field.name)
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if isinstance(value, bool):
        return "✓" if value else "–"
    return "" if value is None else str(value)


def snapshot(instance, names) -> dict[str, str]:
    """The readable values of the named fields."""
    meta = instance._meta
    return {name: readable(instance, meta.get_field(name)) for name in names}


def label(field) -> str:
    """A field's label; related rows (an action's metrics) are named by their model."""
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)


def differences(instance, before: dict, after: dict) -> list[dict]:
    """The fields whose value differs; a field missing before (a new object) was empty.

    Values are compared as normal_text(): a text stored with "\r\n" or a trailing space
    before normalising began is the same text, not a change."""
    meta = instance._meta
    return [
        {
            "field": name,
            "label": label(meta.get_field(name)),
            "old": before.get(name, ""),
            "new": new,
        }
        for name, new in after.items()
        if normal_text(before.get(name, "")) != normal_text(new)
    ]


def record(user, instance, kind: str, plan=None, before=None, after=None) -> Change | None:
    """Write down one change, in `plan`'s history and in that of every plan a shared
    object (an organisation) serves; a "changed" that changed nothing is not written."""
    fields = differences(instance, before or {}, after or {}) if after is not None else []
    if kind == Change.Kind.CHANGED and not fields:
        return None
    content_type = ContentType.objects.get_for_model(instance)
    rows = Change.objects.bulk_create(
        Change(
            plan=each,
            content_type=content_type,
            object_id=instance.pk,
            object_repr=str(instance)[:300],
            version=getattr(instance, "version", 0),
            user=user if getattr(user, "is_authenticated", False) else None,
            kind=kind,
            fields=fields,
        )
        for each in plans_of(instance, plan)
    )
    if len(rows) > 1:  # one change: one time, so that changes_of() shows it once
        Change.objects.filter(pk__in=[row.pk for row in rows[1:]]).update(at=rows[0].at)
    return rows[0]


def record_removed(user, instance, plan, names) -> Change | None:
    """Write down that the object goes, with the named fields' last values, so that the
    history names what went (call it before deleting)."""
    before, after = snapshot(instance, names), dict.fromkeys(names, "")
    return record(user, instance, Change.Kind.REMOVED, plan, before, after)


def removals(plan, model) -> models.QuerySet:
    """The plan's removed objects of a model in its history, newest first."""
    content_type = ContentType.objects.get_for_model(model)
    removed = Change.objects.filter(plan=plan, content_type=content_type, kind=Change.Kind.REMOVED)
    return removed.select_related("user")


def record_created(user, plan, created: list[tuple]) -> None:
    """Write down many new objects of one plan, given as (instance, after) pairs, with
    one query however many there are (an import of thousands of actions); the fields
    are those differences() finds, each label translated once."""
    by = user.pk if getattr(user, "is_authenticated", False) else None
    labels: dict[str, str] = {}

    def fields(instance, after: dict) -> list[dict]:
        for name in after.keys() - labels.keys():
            labels[name] = label(instance._meta.get_field(name))
        return [
            {"field": name, "label": labels[name], "old": "", "new": new}
            for name, new in after.items()
            if new != ""
        ]

    content_types = ContentType.objects.get_for_models(*{type(i) for i, _after in created})
    rows = [
        {
            "plan_id": plan.pk,
            "content_type_id": content_types[type(instance)].pk,
            "object_id": instance.pk,
            "object_repr": str(instance)[:300],
            "version": getattr(instance, "version", 0),
            "user_id": by,
            "kind": Change.Kind.CREATED,
            "fields": fields(instance, after),
        }
        for instance, after in created
    ]
    insert_rows(Change, rows)


def plans_of(instance, plan) -> list:
    """The plans whose history a change goes to: `plan`, and for an object that takes
    part in several plans (an organisation's `plans`), each of them."""
    served = getattr(instance, "plans", None)
    others = [] if served is None else [each for each in served.all() if each != plan]
    return [plan, *others] if plan else others or [None]


def changes_of(instance) -> models.QuerySet:
    """The object's changes, newest first; a change written to several plans once."""
    content_type = ContentType.objects.get_for_model(instance)
    rows = Change.objects.filter(content_type=content_type, object_id=instance.pk)
    copies = rows.filter(
        version=OuterRef("version"), kind=OuterRef("kind"), at=OuterRef("at"), pk__lt=OuterRef("pk")
    )
    return rows.exclude(Exists(copies)).select_related("user")
