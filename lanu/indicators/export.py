"""A plan's indicators in its JSON documents: the values of the plan's own indicators (one
query however many), shared by the public export and the full export (lanu/backup/).

The public export's "indicator_values" lists them only for a published plan: a plan's
own indicators are its text, and an unpublished plan's text is for its members.
Registered as a part of the plan's document in apps.py, so that plans imports nothing
of indicators.
"""

from lanu.plans.models import Plan

from .models import Observation, PlanAreas

VALUE_FIELDS = ("year", "gender", "group", "value", "absolute_value")
NUMBERS = ("value", "absolute_value")


def field_value(item, name: str):
    """A field's value for JSON: numbers as decimal strings, exact."""
    value = getattr(item, name)
    return str(value) if value is not None and name in NUMBERS else value


def values_of(plan: Plan) -> dict[int, list[dict]]:
    """The values of the plan's own indicators by indicator, each with its area's code."""
    rows = Observation.objects.filter(indicator__plan_links__plan=plan).select_related("area")
    found: dict[int, list[dict]] = {}
    for row in rows.order_by("indicator_id", "area__code", "year", "gender", "group"):
        value = {"area": row.area.code} | {name: field_value(row, name) for name in VALUE_FIELDS}
        found.setdefault(row.indicator_id, []).append(value)
    return found


def text_positions(plan: Plan) -> dict[int, int]:
    """Each indicator text's position in the document's "indicators"."""
    texts = plan.indicator_descriptions.values_list("pk", flat=True)
    return {pk: n for n, pk in enumerate(texts)}


def published_indicators(plan: Plan) -> dict | None:
    """A published plan's areas, reference area and tolerance, and its indicators with
    their values, direction, unit and sub-goals; None (no key) for an unpublished plan
    or one without indicators."""
    if not plan.published:
        return None
    links = plan.plan_indicators.select_related("indicator").prefetch_related("subgoals__goal")
    if not links:
        return None
    texts, values = text_positions(plan), values_of(plan)
    indicators = [
        {
            "text": texts[link.description_id],
            "direction": link.indicator.direction,
            "unit": link.indicator.unit,
            "subgoals": sorted(subgoal.key for subgoal in link.subgoals.all()),
            "values": values.get(link.indicator_id, []),
        }
        for link in links
    ]
    return areas_of(plan) | {"indicators": indicators}


def area_dict(area) -> dict:
    names = ("code", "name_fi", "name_sv", "name_en", "kind")
    return {name: getattr(area, name) for name in names}


def areas_of(plan: Plan) -> dict:
    """The plan's areas and reference area with their names (none chosen: none)."""
    chosen = PlanAreas.objects.filter(plan=plan).select_related("reference_area").first()
    reference = chosen.reference_area if chosen else None
    return {
        "areas": [area_dict(area) for area in chosen.areas.order_by("code")] if chosen else [],
        "reference_area": area_dict(reference) if reference else None,
        "tolerance": str(chosen.tolerance) if chosen else None,
    }
