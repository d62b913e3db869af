"""A plan's indicators in its full export, and back.

"plan_indicators" holds one object per indicator the plan follows: "text", the position
of its text in the document's "indicators"; "indicator", the plan's own indicator's
names, definitions, source, unit, decimals and direction; "subgoals" by key; the
Sotkanet indicator suggested or confirmed as the same measure, by code, and whether a
coordinator confirmed it; "values", every value of the plan's own indicator with its
area's code. "indicator_areas" holds the plan's areas and reference area by code and
the tolerance.

Areas and Sotkanet indicators are not the plan's: they are named by code and must be
in the database a backup is restored into (imported from Sotkanet first); a missing
one refuses the whole restore, naming them all. The whole country Lanu makes itself
(`maa:358` when no Sotkanet region list is imported) is made again where missing.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lanu.importers.data import ImportRefused, Problem
from lanu.indicators.export import VALUE_FIELDS, field_value, text_positions, values_of
from lanu.indicators.models import Area, Indicator, Observation, PlanAreas, PlanIndicator
from lanu.indicators.plan_links import COUNTRY_CODE, link_plan_indicators, made_country_area
from lanu.indicators.saving import ObservationWriter
from lanu.plans.models import Plan, SubGoal

from .checks import Checker

INDICATOR_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "definition_fi",
    "definition_sv",
    "definition_en",
    "source",
    "unit",
    "decimals",
    "direction",
)


# Export ------------------------------------------------------------------------------


def plan_indicators_of(plan: Plan) -> list[dict]:
    """The plan's indicators, in the plan's order: 4 queries however many."""
    texts = text_positions(plan)
    links = plan.plan_indicators.select_related("indicator", "sotkanet_match")
    links = links.prefetch_related("subgoals__goal")
    values = values_of(plan)
    return [
        {
            "text": texts[link.description_id],
            "indicator": {name: field_value(link.indicator, name) for name in INDICATOR_FIELDS},
            "subgoals": sorted(subgoal.key for subgoal in link.subgoals.all()),
            "sotkanet_match": link.sotkanet_match.code if link.sotkanet_match else None,
            "match_confirmed": link.match_confirmed,
            "values": values.get(link.indicator_id, []),
        }
        for link in links
    ]


def indicator_areas_of(plan: Plan) -> dict | None:
    chosen = PlanAreas.objects.filter(plan=plan).select_related("reference_area").first()
    if chosen is None:
        return None
    return {
        "areas": sorted(area.code for area in chosen.areas.all()),
        "reference_area": chosen.reference_area.code if chosen.reference_area else None,
        "tolerance": str(chosen.tolerance),
    }


# Reading -----------------------------------------------------------------------------


@dataclass
class LinkData:
    text: int  # the position of its text in the document's "indicators"
    indicator: dict  # INDICATOR_FIELDS
    subgoals: list[str]
    sotkanet_match: str | None  # an indicator's code
    match_confirmed: bool
    values: list[dict]  # area (a code) and VALUE_FIELDS


@dataclass
class IndicatorsData:
    links: list[LinkData] = field(default_factory=list)
    areas: dict | None = None  # areas (codes), reference_area (a code or None), tolerance
    source: str = ""  # the file, for messages

    def area_codes(self) -> set[str]:
        codes = {value["area"] for link in self.links for value in link.values}
        if self.areas:
            codes |= {*self.areas["areas"], self.areas["reference_area"]} - {None}
        return codes

    def indicator_codes(self) -> set[str]:
        return {link.sotkanet_match for link in self.links if link.sotkanet_match}

    def summary(self) -> str:
        """How much of the plan's indicators the file restores, for the import report."""
        counts = {
            "indicators": len(self.links),
            "values": sum(len(link.values) for link in self.links),
        }
        return _("Indicators: %(indicators)d with %(values)d values.") % counts


def read_indicators(check: Checker, document: dict, texts: range, subgoals: set) -> IndicatorsData:
    """The plan's indicators of a full export: checked against its plan part's texts and
    sub-goals; the codes are looked up only when restoring."""
    links = [
        read_link(check, item, where, texts, subgoals)
        for where, item in check.items(document, "plan_indicators")
    ]
    check.unique([link.text for link in links], "plan_indicators")
    areas = None
    if document.get("indicator_areas") is not None:
        areas = read_areas(check, an_object(check, document, "indicator_areas", ""))
    return IndicatorsData(links, areas, source=check.source)


def read_link(check: Checker, item: dict, where: str, texts: range, subgoals: set) -> LinkData:
    fields = check.fields(PlanIndicator, item, ("match_confirmed",), where)
    match = item.get("sotkanet_match")
    return LinkData(
        text=check.reference(item.get("text"), texts, f"{where}.text"),
        indicator=check.fields(
            Indicator,
            an_object(check, item, "indicator", where),
            INDICATOR_FIELDS,
            f"{where}.indicator",
        ),
        subgoals=[
            check.reference(key, subgoals, f"{where}.subgoals[{n}]")
            for n, key in enumerate(listed(check, item.get("subgoals", []), f"{where}.subgoals"))
        ],
        sotkanet_match=None if match is None else code(check, match, f"{where}.sotkanet_match"),
        match_confirmed=fields["match_confirmed"],
        values=[read_value(check, value, at) for at, value in check.items(item, "values", where)],
    )


def an_object(check: Checker, item: dict, key: str, where: str) -> dict:
    found = item.get(key)
    if isinstance(found, dict):
        return found
    check.problem(f"{where}.{key}" if where else key, _("expected an object"))
    return {}


def listed(check: Checker, raw, where: str) -> list:
    if isinstance(raw, list):
        return raw
    check.problem(where, _("expected a list"))
    return []


def code(check: Checker, raw, where: str) -> str:
    return check.value(Area._meta.get_field("code"), raw, where)


def read_value(check: Checker, item: dict, where: str) -> dict:
    fields = check.fields(Observation, item, VALUE_FIELDS, where)
    return {"area": code(check, item.get("area"), f"{where}.area")} | fields


def read_areas(check: Checker, item: dict) -> dict:
    where = "indicator_areas"
    reference = item.get("reference_area")
    return {
        "areas": [
            code(check, raw, f"{where}.areas[{n}]")
            for n, raw in enumerate(listed(check, item.get("areas", []), f"{where}.areas"))
        ],
        "reference_area": (
            None if reference is None else code(check, reference, f"{where}.reference_area")
        ),
        **check.fields(PlanAreas, item, ("tolerance",), where),
    }


# Restoring ---------------------------------------------------------------------------


def restore_indicators(plan: Plan, data: IndicatorsData) -> None:
    """The plan's indicators as the file has them: linked from the restored texts as the
    coordinator's page links them, then given the file's choices and values."""
    areas, matches = referenced(data)
    if data.links:
        link_plan_indicators(plan)
        restore_links(plan, data.links, matches)
        restore_values(plan, data.links, areas)
    if data.areas is not None:
        chosen = PlanAreas.objects.create(
            plan=plan,
            reference_area=areas.get(data.areas["reference_area"]),
            tolerance=data.areas["tolerance"],
        )
        chosen.areas.set([areas[code] for code in data.areas["areas"]])


def referenced(data: IndicatorsData) -> tuple[dict, dict]:
    """The areas and Sotkanet indicators the file names, by code (the country Lanu
    makes itself made where missing); codes the database lacks refuse the restore."""
    check_references(data)
    if COUNTRY_CODE in data.area_codes():
        made_country_area()
    return by_code(Area, data.area_codes()), by_code(Indicator, data.indicator_codes())


def check_references(data: IndicatorsData) -> None:
    """Refuse a file naming areas or indicators the database lacks, all named; reads
    only (the whole country Lanu makes itself is never missing)."""
    areas = data.area_codes() - {COUNTRY_CODE}
    missing = [
        (_("Areas missing from this database (import them first): %s"), Area, areas),
        (
            _("Indicators missing from this database (import them first): %s"),
            Indicator,
            data.indicator_codes(),
        ),
    ]
    problems = [
        Problem(message % ", ".join(lacking), file=data.source)
        for message, model, codes in missing
        if (lacking := sorted(codes - set(by_code(model, codes))))
    ]
    if problems:
        raise ImportRefused(problems)


def by_code(model, codes: set[str]) -> dict:
    return {item.code: item for item in model.objects.filter(code__in=codes)}


def restore_links(plan: Plan, links: list[LinkData], matches: dict) -> None:
    made = texts_links(plan)
    kept = [made.pop(link.text) for link in links]
    Indicator.objects.filter(pk__in=[extra.indicator_id for extra in made.values()]).delete()
    for row, link in zip(kept, links, strict=True):
        for name, value in link.indicator.items():
            setattr(row.indicator, name, value)
        row.sotkanet_match = matches.get(link.sotkanet_match)
        row.match_confirmed = link.match_confirmed
    Indicator.objects.bulk_update([row.indicator for row in kept], list(INDICATOR_FIELDS))
    PlanIndicator.objects.bulk_update(kept, ["sotkanet_match", "match_confirmed"])
    subgoals = {s.key: s for s in SubGoal.objects.filter(goal__plan=plan).select_related("goal")}
    through = PlanIndicator.subgoals.through
    through.objects.bulk_create(
        through(planindicator=row, subgoal=subgoals[key])
        for row, link in zip(kept, links, strict=True)
        for key in link.subgoals
    )


def texts_links(plan: Plan) -> dict[int, PlanIndicator]:
    """The plan's links by the position of their text in the plan's list."""
    texts = plan.indicator_descriptions.order_by("order", "pk").values_list("pk", flat=True)
    position = {pk: n for n, pk in enumerate(texts)}
    links = plan.plan_indicators.select_related("indicator")
    return {position[link.description_id]: link for link in links}


def restore_values(plan: Plan, links: list[LinkData], areas: dict) -> None:
    """The file's values of the plan's own indicators, and no others."""
    made = texts_links(plan)
    Observation.objects.filter(indicator__plan_links__plan=plan).delete()
    writer = ObservationWriter()
    for link in links:
        indicator = made[link.text].indicator_id
        for value in link.values:
            key = (indicator, areas[value["area"]].pk, value["year"], value["gender"])
            writer.add((*key, value["group"]), value["value"], value["absolute_value"])
    writer.flush()
