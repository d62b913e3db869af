"""Status scales: Lanu's default, and the others plans use."""

from django.db import transaction

from .models import StatusLevel

# name, description, colour, counts as progress. Colours have text beside them always.
DEFAULT = [
    ("Ei aloitettu", "Toimenpidettä ei ole vielä aloitettu.", "#9e9e9e", False),
    (
        "Aloitettu",
        "Toimenpide aloitettu ja alkuvaiheessa, uusi toiminta käynnistetty.",
        "#f2c12e",
        True,
    ),
    (
        "Käynnissä",
        "Toimenpide toiminnassa ja sitä juurrutetaan osaksi toimintaa/palvelua.",
        "#5b9bd5",
        True,
    ),
    ("Käytössä", "Toimenpide on valmis ja se on osa toimintaa/palvelua.", "#3a8f3a", True),
    ("Ei toteudu", "Toimenpidettä ei toteuteta.", "#c0504d", False),
]
REALISED = [
    ("Toteutui", "Toimenpide toteutui.", "#3a8f3a", True),
    ("Ei toteutunut", "Toimenpide ei toteutunut.", "#c0504d", False),
]
SCALES = {"default": DEFAULT, "realised": REALISED}


def status_levels(plan) -> list[StatusLevel]:
    """The plan's scale, Lanu's default one if the plan has none yet."""
    levels = list(plan.status_levels.all())
    return levels or set_scale(plan, DEFAULT)


def set_scale(plan, scale) -> list[StatusLevel]:
    with transaction.atomic():
        plan.status_levels.all().delete()
        return StatusLevel.objects.bulk_create(
            StatusLevel(
                plan=plan,
                order=n,
                name=name,
                description=text,
                colour=colour,
                counts_as_progress=progress,
            )
            for n, (name, text, colour, progress) in enumerate(scale)
        )
