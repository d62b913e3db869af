"""A plan's indicators: its imported indicator texts (plans.IndicatorDescription) made into
real indicators linked to the plan, with the values read from their descriptions
(references.py): the whole country's, and those of any known area named in them (the
plan's own, "Kymenlaakso: 1,9 %"); and a Sotkanet indicator suggested for each by name
until a coordinator confirms the match."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from lanu.lib.text import plain, stems
from lanu.plans.models import IndicatorDescription, Plan

from .models import PLAN_CODE, Area, AreaKind, Indicator, PlanIndicator
from .references import Reference, read_values
from .saving import ObservationWriter

COUNTRY_CODE = "maa:358"  # Sotkanet's whole country (region 658, category MAA, code 358)
COUNTRY_NAMES = {"name_fi": "Koko maa", "name_sv": "Hela landet", "name_en": "Whole country"}
CLOSE_ENOUGH = 0.3  # the share of words two names must have in common to be suggested
# Words left out of names' comparison (plain, as lanu.lib.text.stems compares them).
COMMON_WORDS = frozenset(
    {"ja", "tai", "seka", "och", "eller", "and", "or", "the", "of", "vuoden", "aikana"}
)


@dataclass
class Linked:
    """What linking a plan's indicators did, for the command's or the page's report."""

    indicators: int = 0
    observations: int = 0
    without_year: list[str] = field(default_factory=list)  # values with no year, left out
    repeated: list[str] = field(default_factory=list)  # values sharing a group and year
    unknown_areas: list[str] = field(default_factory=list)  # names that are no known area


@dataclass(frozen=True)
class KnownArea:
    pk: int
    name: str


def country_area() -> Area | None:
    """The whole country, Sotkanet's if imported; None before any import or linking made
    it (a page only reads: see made_country_area)."""
    return Area.objects.filter(kind=AreaKind.COUNTRY).order_by("pk").first()


def made_country_area() -> Area:
    """The whole country, made here if no import has brought it (on imports and POSTs)."""
    found = country_area()
    if found:
        return found
    return Area.objects.get_or_create(
        code=COUNTRY_CODE, defaults={"kind": AreaKind.COUNTRY, **COUNTRY_NAMES}
    )[0]


def reference_area(plan: Plan) -> Area | None:
    """The area the plan's indicators are compared with: the chosen one, else the country."""
    chosen = getattr(getattr(plan, "indicator_areas", None), "reference_area", None)
    return chosen or country_area()


@transaction.atomic
def link_plan_indicators(plan: Plan) -> Linked:
    """Make each of the plan's indicator texts an indicator linked to the plan, with the
    values read from it for the whole country and for the known areas it names; then
    suggest Sotkanet matches. Again: the same indicators and values, updated in place;
    indicators of texts deleted since are removed."""
    linked = Linked()
    country = made_country_area()
    areas = known_areas(plan) | {"": KnownArea(country.pk, country.name)}
    writer = ObservationWriter()
    texts = plan.indicator_descriptions.select_related("indicator_link__indicator")
    for order, text in enumerate(texts.order_by("order", "pk")):
        reading = read_values(text.description, text.source, areas)
        indicator = plan_indicator(plan, text, reading.values)
        heading = f"{text.number or order + 1}. {text.name}"
        linked.unknown_areas += [f"{heading}: {name}" for name in reading.unknown]
        keys = Counter((value.area, value.group, value.year) for value in reading.values)
        for value in reading.values:
            area = areas[value.area]
            label = (
                f"{heading}: {area.name} {value.value}"
                if value.area
                else f"{heading}: {value.value}"
            )
            if value.year is None:
                linked.without_year.append(label)
            elif keys[value.area, value.group, value.year] > 1:
                linked.repeated.append(label)  # which of them is the indicator's is unclear
            else:
                linked.observations += 1
                key = (indicator.pk, area.pk, value.year, "total", value.group)
                writer.add(key, value.value, None)
        linked.indicators += 1
    writer.flush()
    remove_stale(plan)
    suggest_matches(plan)
    return linked


def known_areas(plan: Plan) -> dict[str, KnownArea]:
    """Every area by its Finnish and Swedish names (plain, as references.py compares
    them). Where areas share a name: the plan's own first, then the larger kind."""
    own = set(Area.objects.filter(plans__plan=plan).values_list("pk", flat=True))
    kinds = list(AreaKind.values)
    rows = Area.objects.values_list("pk", "name_fi", "name_sv", "kind")
    ranked = sorted(rows, key=lambda row: (row[0] not in own, kinds.index(row[3]), row[0]))
    found: dict[str, KnownArea] = {}
    for pk, finnish, swedish, _kind in ranked:
        for name in (finnish, swedish):
            if name:
                found.setdefault(plain(name), KnownArea(pk, finnish or swedish))
    return found


def plan_indicator(plan: Plan, text: IndicatorDescription, found: list[Reference]) -> Indicator:
    """The plan's own indicator for one text (its name and definition in the plan's
    language), and its link to the plan."""
    language = "sv" if plan.language.startswith("sv") else "fi"
    units = {reference.unit for reference in found}
    link = getattr(text, "indicator_link", None)
    indicator = link.indicator if link else Indicator(code=f"{PLAN_CODE}{plan.pk}:text:{text.pk}")
    setattr(indicator, f"name_{language}", text.name)
    setattr(indicator, f"definition_{language}", text.description)
    indicator.source = text.source[:500]
    indicator.unit = units.pop() if len(units) == 1 else ""
    indicator.save()
    if link is None:
        PlanIndicator.objects.create(plan=plan, description=text, indicator=indicator)
    return indicator


def remove_stale(plan: Plan) -> None:
    """The plan's own indicators whose text was deleted (the link went with the text)."""
    own = Indicator.objects.filter(code__startswith=f"{PLAN_CODE}{plan.pk}:")
    own.exclude(plan_links__plan=plan).delete()


def likeness(first: set[str], second: set[str]) -> float:
    """The share of words in common (Jaccard): 1 for the same words, 0 for none."""
    return len(first & second) / len(first | second) if first and second else 0.0


def best_match(name: str, candidates: list[tuple[int, set[str]]]) -> int | None:
    """The candidate indicator most like the name, if it is close enough."""
    mine = stems(name, left_out=COMMON_WORDS)
    scored = [(likeness(mine, theirs), -pk, pk) for pk, theirs in candidates]
    best = max(scored, default=None)
    return best[2] if best and best[0] >= CLOSE_ENOUGH else None


def suggest_matches(plan: Plan) -> None:
    """A Sotkanet indicator for each of the plan's indicators whose match no coordinator
    has confirmed: the one whose Finnish or Swedish name is most alike."""
    sotkanet = Indicator.objects.public().filter(sotkanet_id__isnull=False)
    names = sotkanet.values_list("pk", "name_fi", "name_sv")
    candidates = [
        (pk, stems(name, left_out=COMMON_WORDS)) for pk, *both in names for name in both if name
    ]
    links = list(plan.plan_indicators.filter(match_confirmed=False).select_related("description"))
    for link in links:
        link.sotkanet_match_id = best_match(link.name, candidates)
    PlanIndicator.objects.bulk_update(links, ["sotkanet_match"])
