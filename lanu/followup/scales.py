"""Status scales: Lanu's default, and the others plans use."""

from types import SimpleNamespace

from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from lanu.plans.labels import in_language

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


def level_names(key: str) -> str:
    """A ready-made scale's levels in the page's language: "Not started / Started / …"."""
    return " / ".join(in_language(SimpleNamespace(**fields), "name") for fields in SCALES[key])


def scale_label(key: str) -> str:
    """A ready-made scale as a choice names it: Lanu's default by name, the others by levels."""
    names = level_names(key)
    return _("Lanu's default: %(levels)s") % {"levels": names} if key == "default" else names


# Evaluated when shown, so that a form's choices follow the language of the request.
lazy_scale_label = lazy(scale_label, str)


def status_levels(plan) -> list[StatusLevel]:
    """The plan's scale, Lanu's default one if the plan has none yet."""
    levels = list(plan.status_levels.all())
    return levels or set_scale(plan, DEFAULT)


def set_scale(plan, scale) -> list[StatusLevel]:
    """Make the plan's levels the scale's, in order: each level kept in place (its id
    stays) and saved only where a field differs, levels beyond the scale deleted, new
    ones added. A scale saved unchanged writes nothing."""
    with transaction.atomic():
        levels = list(plan.status_levels.order_by("order"))
        StatusLevel.objects.filter(pk__in=[lv.pk for lv in levels[len(scale) :]]).delete()
        kept = [
            update_level(lv, n, fields)
            for n, (lv, fields) in enumerate(zip(levels, scale, strict=False))
        ]
        added = StatusLevel.objects.bulk_create(
            StatusLevel(plan=plan, order=n, **fields)
            for n, fields in enumerate(scale)
            if n >= len(levels)
        )
        return kept + added


def update_level(level: StatusLevel, order: int, fields: dict) -> StatusLevel:
    """The level with the scale's fields at its place, saved if any of them differs."""
    wanted = {"order": order, **fields}
    changed = [name for name, value in wanted.items() if getattr(level, name) != value]
    for name in changed:
        setattr(level, name, wanted[name])
    if changed:
        level.save(update_fields=changed)
    return level
