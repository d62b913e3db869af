"""The Kymenlaakso demo's indicators: the plan's 32 indicators compared with the whole
country, as a coordinator would set them up.

Seed 003 gives the whole country's values (read by `link_plan_indicators`) but the
region's own values were images. The demo area therefore carries ILLUSTRATIVE values,
invented near the country's (some better, some worse, some within the tolerance) over
several years, in an area whose name says so: they are never THL's statistics. The
country keeps the seed's values only.

data/kymenlaakso-indicators.csv is the generic CSV (docs/data-formats.md) except that
its indicator column names the plan's indicator by its number in the plan; the load
puts in the indicator's code (which depends on the database) and imports it with
`import-indicators`' reader.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from lanu.indicators.imports import import_stream
from lanu.indicators.models import Area, AreaKind, Direction, Indicator, PlanAreas, PlanIndicator
from lanu.indicators.plan_links import country_area
from lanu.plans.models import Plan, SubGoal

VALUES = Path(__file__).parent / "data" / "kymenlaakso-indicators.csv"
DEMO_AREA = {
    "code": "demo:kymenlaakso",
    "name_fi": "Kymenlaakso (esimerkkiarvot)",
    "name_sv": "Kymmenedalen (exempelvärden)",
    "name_en": "Kymenlaakso (illustrative values)",
    "kind": AreaKind.OTHER,
    "category": "demo",
}
HIGHER, LOWER = Direction.HIGHER_BETTER, Direction.LOWER_BETTER
# The plan's indicator number -> which way is better, as the plan's coordinator reads it.
DIRECTIONS = {
    1: HIGHER,  # population forecast of children: a smaller fall
    2: HIGHER,  # births per 1,000 women
    3: HIGHER,  # share of under 18-year-olds
    4: LOWER,  # youth unemployment
    5: LOWER,  # unemployment
    6: LOWER,  # children's low income
    7: HIGHER,  # content with one's life
    8: HIGHER,  # parent content with oneself as a parent
    9: HIGHER,  # an important part of the school community
    10: HIGHER,  # an important part of the local community
    11: LOWER,  # lonely
    12: HIGHER,  # talks well with the parents
    13: LOWER,  # exercises an hour a week at most
    14: HIGHER,  # parent sees things from the child's point of view
    15: HIGHER,  # meetings with the parent living elsewhere go well
    16: LOWER,  # child welfare: placed outside the home
    17: HIGHER,  # can talk with an adult at school
    18: LOWER,  # no support although needed
    19: HIGHER,  # parent got enough support for parenthood
    20: HIGHER,  # parent got enough support for the relationship
    21: LOWER,  # health fair or poor
    22: LOWER,  # overweight
    23: LOWER,  # failed to spend less time online
    24: HIGHER,  # a hobby at least weekly
    25: LOWER,  # really drunk monthly
    26: LOWER,  # tried illegal drugs
    27: LOWER,  # daily tobacco or e-cigarettes
    28: LOWER,  # psychological violence by parents
    29: LOWER,  # mood problems
    30: LOWER,  # moderate or severe anxiety
    31: LOWER,  # bullied weekly
    32: LOWER,  # sexual harassment by phone or online
}
# The plan's indicator number -> the sub-goals (keys "GOAL.SUB") it follows. Seed 003
# groups its indicators under main goals I-III and "other" in charts lost in conversion;
# this is a coordinator's reading of the sub-goals' titles.
SUBGOALS = {
    1: ["II.3", "III.2"],  # services planned for the coming number of children
    2: ["II.3"],
    3: ["II.3"],
    4: ["I.6"],  # special groups: young people out of work
    5: ["I.6"],
    6: ["I.5", "I.6"],
    7: ["I.1", "I.4"],
    8: ["I.2"],
    9: ["II.1", "II.2"],
    10: ["II.5"],
    11: ["I.1", "II.2"],
    12: ["I.2"],
    13: ["I.4", "II.1"],
    14: ["I.2", "I.3"],
    15: ["I.3"],
    16: ["I.6", "III.3"],
    17: ["I.5", "II.6"],
    18: ["I.5", "III.2"],
    19: ["I.2", "III.1"],
    20: ["I.2", "III.3"],
    21: ["I.4"],
    22: ["I.4"],
    23: ["I.4"],
    24: ["II.1", "II.4"],
    25: ["I.4", "I.7"],
    26: ["I.4", "I.7"],
    27: ["I.4"],
    28: ["I.2", "I.7"],
    29: ["I.4", "I.5"],
    30: ["I.4", "I.5"],
    31: ["I.7", "II.2"],
    32: ["I.7"],
}


@dataclass
class DemoIndicators:
    """What the load did, for the command's report."""

    values: list[str]
    directions: int
    subgoal_links: int


@transaction.atomic
def load_demo_indicators(plan: Plan) -> DemoIndicators:
    """The demo area and its values, the plan's areas (the demo area against the whole
    country), directions and sub-goals. Again: the same, updated in place."""
    links = {link.number: link for link in plan_links(plan)}
    area = demo_area()
    values = import_stream(plan_values(links), VALUES.name, "csv")
    areas, _created = PlanAreas.objects.update_or_create(
        plan=plan, defaults={"reference_area": country_area()}
    )
    areas.areas.set([area])
    return DemoIndicators(values, set_directions(links), link_subgoals(plan, links))


def plan_links(plan: Plan) -> list[PlanIndicator]:
    return list(plan.plan_indicators.select_related("indicator", "description"))


def demo_area() -> Area:
    fields = {name: value for name, value in DEMO_AREA.items() if name != "code"}
    return Area.objects.update_or_create(code=DEMO_AREA["code"], defaults=fields)[0]


def plan_values(links: dict[int | None, PlanIndicator]) -> io.StringIO:
    """The demo's values as the generic CSV: each number replaced by its indicator's code."""
    written = io.StringIO()
    rows = csv.reader(io.StringIO(VALUES.read_text(encoding="utf-8")))
    out = csv.writer(written, lineterminator="\n")
    out.writerow(next(rows))
    for number, *rest in rows:
        out.writerow([links[int(number)].indicator.code, *rest])
    written.seek(0)
    return written


def set_directions(links: dict[int | None, PlanIndicator]) -> int:
    indicators = []
    for number, direction in DIRECTIONS.items():
        indicator = links[number].indicator
        indicator.direction = direction
        indicators.append(indicator)
    return Indicator.objects.bulk_update(indicators, ["direction"])


def link_subgoals(plan: Plan, links: dict[int | None, PlanIndicator]) -> int:
    """Each indicator's sub-goals, as SUBGOALS lists them (replacing any before)."""
    subgoals = {
        subgoal.key: subgoal
        for subgoal in SubGoal.objects.filter(goal__plan=plan).select_related("goal")
    }
    through = PlanIndicator.subgoals.through
    through.objects.filter(planindicator__plan=plan).delete()
    rows = [
        through(planindicator=links[number], subgoal=subgoals[key])
        for number, keys in SUBGOALS.items()
        for key in keys
    ]
    return len(through.objects.bulk_create(rows))
