"""A plan's indicators: its imported indicator texts (plans.IndicatorDescription) made into
real indicators linked to the plan, with the whole country's reference values read from
their descriptions (references.py), and a Sotkanet indicator suggested for each by name
until a coordinator confirms the match."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from lanu.plans.models import IndicatorDescription, Plan

from .models import PLAN_CODE, Area, AreaKind, Indicator, PlanIndicator
from .references import Reference, references
from .saving import ObservationWriter

COUNTRY_CODE = "maa:358"  # Sotkanet's whole country (region 658, category MAA, code 358)
STEM = 5  # letters kept of a word: Finnish inflects the end ("elämäänsä", "elämään")
SHORT = 3  # shorter words are left out of names' comparison
CLOSE_ENOUGH = 0.3  # the share of words two names must have in common to be suggested
COMMON_WORDS = {"ja", "tai", "sekä", "och", "eller", "and", "or", "the", "of", "vuoden", "aikana"}


@dataclass
class Linked:
    """What linking a plan's indicators did, for the command's or the page's report."""

    indicators: int = 0
    observations: int = 0
    without_year: list[str] = field(default_factory=list)  # values with no year, left out
    repeated: list[str] = field(default_factory=list)  # values sharing a group and year


def country_area() -> Area | None:
    """The whole country, Sotkanet's if imported; None before any import or linking made
    it (a page only reads: see made_country_area)."""
    return Area.objects.filter(kind=AreaKind.COUNTRY).order_by("pk").first()


def made_country_area() -> Area:
    """The whole country, made here if no import has brought it (on imports and POSTs)."""
    found = country_area()
    if found:
        return found
    names = {"name_fi": "Koko maa", "name_sv": "Hela landet", "name_en": "Whole country"}
    return Area.objects.get_or_create(
        code=COUNTRY_CODE, defaults={"kind": AreaKind.COUNTRY, **names}
    )[0]


def reference_area(plan: Plan) -> Area | None:
    """The area the plan's indicators are compared with: the chosen one, else the country."""
    chosen = getattr(getattr(plan, "indicator_areas", None), "reference_area", None)
    return chosen or country_area()


@transaction.atomic
def link_plan_indicators(plan: Plan) -> Linked:
    """Make each of the plan's indicator texts an indicator linked to the plan, with its
    reference values for the whole country; then suggest Sotkanet matches. Again: the
    same indicators and values, updated in place; indicators of texts deleted since are
    removed."""
    linked = Linked()
    country = made_country_area()
    writer = ObservationWriter()
    texts = plan.indicator_descriptions.select_related("indicator_link__indicator")
    for order, text in enumerate(texts.order_by("order", "pk")):
        found = references(text.description, text.source)
        indicator = plan_indicator(plan, text, found)
        keys = Counter((reference.group, reference.year) for reference in found)
        for reference in found:
            label = f"{text.number or order + 1}. {text.name}: {reference.value}"
            if reference.year is None:
                linked.without_year.append(label)
            elif keys[reference.group, reference.year] > 1:
                linked.repeated.append(label)  # which of them is the indicator's is unclear
            else:
                linked.observations += 1
                key = (indicator.pk, country.pk, reference.year, "total", reference.group)
                writer.add(key, reference.value, None)
        linked.indicators += 1
    writer.flush()
    remove_stale(plan)
    suggest_matches(plan)
    return linked


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


def words(name: str) -> set[str]:
    """A name's words for comparing: lower case, accents kept, stems of the longer words."""
    text = unicodedata.normalize("NFKC", name).lower()
    found = re.findall(r"[^\W\d_]+", text)
    return {word[:STEM] for word in found if len(word) >= SHORT and word not in COMMON_WORDS}


def likeness(first: set[str], second: set[str]) -> float:
    """The share of words in common (Jaccard): 1 for the same words, 0 for none."""
    return len(first & second) / len(first | second) if first and second else 0.0


def best_match(name: str, candidates: list[tuple[int, set[str]]]) -> int | None:
    """The candidate indicator most like the name, if it is close enough."""
    mine = words(name)
    scored = [(likeness(mine, theirs), -pk, pk) for pk, theirs in candidates]
    best = max(scored, default=None)
    return best[2] if best and best[0] >= CLOSE_ENOUGH else None


def suggest_matches(plan: Plan) -> None:
    """A Sotkanet indicator for each of the plan's indicators whose match no coordinator
    has confirmed: the one whose Finnish or Swedish name is most alike."""
    sotkanet = Indicator.objects.public().filter(sotkanet_id__isnull=False)
    names = sotkanet.values_list("pk", "name_fi", "name_sv")
    candidates = [(pk, words(name)) for pk, *both in names for name in both if name]
    links = list(plan.plan_indicators.filter(match_confirmed=False).select_related("description"))
    for link in links:
        link.sotkanet_match_id = best_match(link.name, candidates)
    PlanIndicator.objects.bulk_update(links, ["sotkanet_match"])
