"""Synthetic indicators of a plan, of any number and any years: for the query-count
tests and the dashboard's benchmark (bench/indicators.py)."""

from decimal import Decimal

from lanu.plans.models import IndicatorDescription, Plan, SubGoal

from .models import Area, AreaKind, Direction, Indicator, Observation, PlanAreas, PlanIndicator
from .plan_links import made_country_area

DIRECTIONS = [Direction.HIGHER_BETTER, Direction.LOWER_BETTER, Direction.NEUTRAL]
GROUPS = ("8.-9. luokka", "lukio")


def build_indicators(
    plan: Plan, count: int, years: range = range(2015, 2025), groups=GROUPS
) -> list[PlanIndicator]:
    """`count` indicators linked to the plan and its sub-goals, each with values for a
    welfare area (the plan's area) and the whole country for every group and year."""
    country = made_country_area()
    area = Area.objects.get_or_create(
        code="hyvinvointialue:synteettinen",
        defaults={"name_fi": "Synteettinen hyvinvointialue", "kind": AreaKind.WELFARE_AREA},
    )[0]
    chosen = PlanAreas.objects.get_or_create(plan=plan)[0]
    chosen.areas.add(area)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"plan:{plan.pk}:{n + 1}",
            name_fi=f"Indikaattori {n}",
            unit="%",
            direction=DIRECTIONS[n % len(DIRECTIONS)],
        )
        for n in range(count)
    )
    texts = IndicatorDescription.objects.bulk_create(
        IndicatorDescription(
            plan=plan, number=n + 1, order=n, group=f"Ryhmä {n % 4}", name=f"Indikaattori {n}"
        )
        for n in range(count)
    )
    links = PlanIndicator.objects.bulk_create(
        PlanIndicator(plan=plan, indicator=indicator, description=text)
        for indicator, text in zip(indicators, texts, strict=True)
    )
    subgoals = list(SubGoal.objects.filter(goal__plan=plan).order_by("pk"))
    if subgoals:
        through = PlanIndicator.subgoals.through
        through.objects.bulk_create(
            through(planindicator_id=link.pk, subgoal_id=subgoals[n % len(subgoals)].pk)
            for n, link in enumerate(links)
        )
    Observation.objects.bulk_create(
        Observation(
            indicator=indicator,
            area=where,
            year=year,
            group=group,
            value=Decimal(50 + (n * 7 + year * 3 + k * 11) % 40),
        )
        for n, indicator in enumerate(indicators)
        for k, where in enumerate((country, area))
        for group in groups
        for year in years
    )
    return links
