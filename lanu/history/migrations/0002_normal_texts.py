"""Stored texts in their normal form (lanu.lib.text.normal_text), once.

Texts saved before normalising began may end lines in "\r\n" or keep trailing
spaces; without this, their first untouched save would look like a change. The
migration lives here, with the history whose comparison it serves, so that it
spans the plans' and the follow-up's texts without forking their migration chains.
It writes only the rows that change, and touches neither versions nor timestamps.
"""

from django.db import migrations, models

from lanu.lib.text import normal_value

APPS = ("plans", "followup")
BATCH = 500


def text_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and not field.primary_key
    ]


def normalised(row, names: list[str]) -> bool:
    """Put the row's texts in normal form; True if any of them changed."""
    changed = False
    for name in names:
        value = getattr(row, name)
        if isinstance(value, str | list):
            normal = normal_value(value)
            if normal != value:
                setattr(row, name, normal)
                changed = True
    return changed


def normalise_stored_texts(apps, schema_editor):
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            names = text_fields(model)
            if not names:
                continue
            rows = model.objects.only("pk", *names).order_by("pk").iterator(chunk_size=BATCH)
            changed = [row for row in rows if normalised(row, names)]
            model.objects.bulk_update(changed, names, batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0001_initial"),
        ("plans", "0005_metric_kind"),
        ("followup", "0004_metric_value_kinds"),
    ]

    operations = [migrations.RunPython(normalise_stored_texts, migrations.RunPython.noop)]
