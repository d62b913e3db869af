from datetime import date

from django.db import migrations, models


def mark_imported(apps, schema_editor):
    """Mark the rounds import-round wrote before the field existed.

    import-round writes a round for the calendar year it evaluates (1 January to
    31 December of that year), closes it without a person, and gives it no reports and
    no submissions. A round run in Lanu opens after its year and is reported on, so
    only a round matching all of these is taken for an imported one.
    """
    FollowUpRound = apps.get_model("followup", "FollowUpRound")
    closed = FollowUpRound.objects.filter(state="closed", closed_by__isnull=True)
    closed = closed.filter(reports__isnull=True, submissions__isnull=True)
    ids = [
        round_.pk
        for round_ in closed.distinct()
        if round_.opens_on == date(round_.year, 1, 1)
        and round_.closes_on == date(round_.year, 12, 31)
    ]
    FollowUpRound.objects.filter(pk__in=ids).update(imported=True)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0006_status_levels_in_three_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="followupround",
            name="imported",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Read from an evaluation document (import-round), not run in Lanu: it "
                    "has no submissions, and all its added priorities are public."
                ),
                verbose_name="imported from a document",
            ),
        ),
        migrations.RunPython(mark_imported, migrations.RunPython.noop),
    ]
