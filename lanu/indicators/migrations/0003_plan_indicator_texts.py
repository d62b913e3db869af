"""A plan's indicator points to the plan's text describing it instead of copying its
number, group and order: the links saved before are joined to their texts by plan and
number (by order where the text has no number), and a link whose text is gone is
removed. The plan's own indicators get codes of their text ("plan:<plan>:text:<text>"),
so that two texts with one number stay two indicators, and a Swedish plan's names stay
Swedish only. Observations lose the index on the indicator alone: the unique key
begins with it."""

import django.db.models.deletion
from django.db import migrations, models


def text_of(link, texts):
    """The text of an old link: the one of its number, or of its order if it has none
    or several texts share the number; None when its text is gone."""
    if link.number is not None:
        numbered = [text for text in texts if text.number == link.number]
        if len(numbered) == 1:
            return numbered[0]
        texts = numbered
    by_order = [text for text in texts if text.order == link.order]
    return by_order[0] if by_order else None


def link_texts(apps, schema_editor):
    PlanIndicator = apps.get_model("indicators", "PlanIndicator")
    IndicatorDescription = apps.get_model("plans", "IndicatorDescription")
    taken = set()
    for link in PlanIndicator.objects.select_related("plan", "indicator").order_by("pk"):
        texts = list(IndicatorDescription.objects.filter(plan=link.plan_id))
        text = text_of(link, texts)
        if text is None or text.pk in taken:
            link.delete()
            continue
        taken.add(text.pk)
        link.description = text
        link.save(update_fields=["description"])
        own_text(link.indicator, link.plan, text)
    if schema_editor.connection.vendor == "postgresql":
        # The rows' checks now, not at commit: the table is altered next.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def own_text(indicator, plan, text):
    """The code of the plan's own text; a Swedish plan's name in Swedish only."""
    indicator.code = f"plan:{plan.pk}:text:{text.pk}"
    if plan.language.startswith("sv"):
        indicator.name_fi = ""
    indicator.save(update_fields=["code", "name_fi"])


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_plan_indicators"),
        ("plans", "0006_level_labels_in_three_languages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="indicator",
            name="name_fi",
            field=models.CharField(blank=True, max_length=500, verbose_name="name in Finnish"),
        ),
        migrations.AddField(
            model_name="planindicator",
            name="description",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="indicator_link",
                to="plans.indicatordescription",
                verbose_name="the plan's text",
            ),
        ),
        migrations.RunPython(link_texts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="planindicator",
            name="description",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="indicator_link",
                to="plans.indicatordescription",
                verbose_name="the plan's text",
            ),
        ),
        migrations.AlterModelOptions(
            name="planindicator",
            options={
                "ordering": ["description__order", "description__pk"],
                "verbose_name": "indicator of a plan",
                "verbose_name_plural": "indicators of a plan",
            },
        ),
        migrations.RemoveField(model_name="planindicator", name="group"),
        migrations.RemoveField(model_name="planindicator", name="number"),
        migrations.RemoveField(model_name="planindicator", name="order"),
        migrations.AlterField(
            model_name="observation",
            name="indicator",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="observations",
                to="indicators.indicator",
            ),
        ),
    ]
