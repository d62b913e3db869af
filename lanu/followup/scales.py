"""Status scales: Lanu's default, and the others plans use."""

from django.db import transaction

from .models import StatusLevel


def level(names, descriptions, colour: str, counts_as_progress: bool) -> dict:
    """One level as StatusLevel's fields: names and descriptions in Finnish, Swedish, English."""
    fields = {"colour": colour, "counts_as_progress": counts_as_progress}
    for suffix, name, description in zip(("", "_sv", "_en"), names, descriptions, strict=True):
        fields["name" + suffix], fields["description" + suffix] = name, description
    return fields


# Colours have text beside them always.
DEFAULT = [
    level(
        ("Ei aloitettu", "Inte påbörjad", "Not started"),
        (
            "Toimenpidettä ei ole vielä aloitettu.",
            "Åtgärden har inte påbörjats ännu.",
            "The action has not been started yet.",
        ),
        "#9e9e9e",
        False,
    ),
    level(
        ("Aloitettu", "Påbörjad", "Started"),
        (
            "Toimenpide aloitettu ja alkuvaiheessa, uusi toiminta käynnistetty.",
            "Åtgärden har påbörjats och är i startskedet, ny verksamhet har inletts.",
            "The action has started and is in its early stage; new activity has begun.",
        ),
        "#f2c12e",
        True,
    ),
    level(
        ("Käynnissä", "Pågår", "Under way"),
        (
            "Toimenpide toiminnassa ja sitä juurrutetaan osaksi toimintaa/palvelua.",
            "Åtgärden är i gång och förankras som en del av verksamheten/tjänsten.",
            "The action is under way and being rooted into the work/service.",
        ),
        "#5b9bd5",
        True,
    ),
    level(
        ("Käytössä", "I bruk", "In use"),
        (
            "Toimenpide on valmis ja se on osa toimintaa/palvelua.",
            "Åtgärden är klar och en del av verksamheten/tjänsten.",
            "The action is complete and part of the work/service.",
        ),
        "#3a8f3a",
        True,
    ),
    level(
        ("Ei toteudu", "Genomförs inte", "Will not be realised"),
        (
            "Toimenpidettä ei toteuteta.",
            "Åtgärden genomförs inte.",
            "The action will not be carried out.",
        ),
        "#c0504d",
        False,
    ),
]
REALISED = [
    level(
        ("Toteutui", "Genomfördes", "Realised"),
        ("Toimenpide toteutui.", "Åtgärden genomfördes.", "The action was carried out."),
        "#3a8f3a",
        True,
    ),
    level(
        ("Ei toteutunut", "Genomfördes inte", "Not realised"),
        (
            "Toimenpide ei toteutunut.",
            "Åtgärden genomfördes inte.",
            "The action was not carried out.",
        ),
        "#c0504d",
        False,
    ),
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
            StatusLevel(plan=plan, order=n, **fields) for n, fields in enumerate(scale)
        )
