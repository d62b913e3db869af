"""A plan's indicators beside the reference area: the rating rule at its edges in both
directions, the trend and its change since the plan's first year, the values of a
confirmed Sotkanet match filling in what the plan's own indicator lacks, and the
whole country as the reference where the plan chose none."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanu.indicators.comparison import (
    GOOD,
    NEUTRAL,
    NO_DIRECTION,
    NO_REFERENCE,
    NO_VALUE,
    WORRYING,
    compare_plan,
    rate,
    trend,
)
from lanu.indicators.models import (
    Area,
    AreaKind,
    Direction,
    Gender,
    Indicator,
    Observation,
    PlanAreas,
    PlanIndicator,
)
from lanu.indicators.plan_links import made_country_area
from lanu.indicators.synthetic import build_indicators
from lanu.plans.models import IndicatorDescription

HIGHER, LOWER, NEUTRAL_WAY = Direction.HIGHER_BETTER, Direction.LOWER_BETTER, Direction.NEUTRAL
D = Decimal


@pytest.mark.parametrize(
    "value, reference, direction, tolerance, expected",
    [
        ("105", "100", HIGHER, "5", NEUTRAL),  # exactly at the edge: still neutral
        ("95", "100", HIGHER, "5", NEUTRAL),
        ("105.01", "100", HIGHER, "5", GOOD),
        ("94.99", "100", HIGHER, "5", WORRYING),
        ("105.01", "100", LOWER, "5", WORRYING),
        ("94.99", "100", LOWER, "5", GOOD),
        ("12", "10", HIGHER, "25", NEUTRAL),  # the plan's own tolerance: 20 % within 25 %
        ("12", "10", HIGHER, "10", GOOD),
        ("100.01", "100", HIGHER, "0", GOOD),  # no tolerance: any difference counts
        ("100", "100", LOWER, "0", NEUTRAL),
        ("-9", "-10", HIGHER, "5", GOOD),  # relative to the reference's size: 10 % higher
        ("-11", "-10", LOWER, "5", GOOD),
        ("0", "0", HIGHER, "5", NEUTRAL),
        ("0.1", "0", HIGHER, "5", GOOD),  # from a zero reference any value is far
        ("0.1", "0", LOWER, "5", WORRYING),
        ("200", "100", NEUTRAL_WAY, "5", NO_DIRECTION),
        ("200", None, HIGHER, "5", NO_REFERENCE),
        (None, "100", HIGHER, "5", NO_VALUE),
    ],
)
def test_rating_by_direction_and_tolerance(value, reference, direction, tolerance, expected):
    value = None if value is None else D(value)
    reference = None if reference is None else D(reference)
    assert rate(value, reference, direction, D(tolerance)) == expected


def test_ratings_carry_a_symbol_and_a_word_that_differ_from_each_other():
    rated = [GOOD, NEUTRAL, WORRYING]
    assert len({rating.symbol for rating in rated}) == 3
    assert len({str(rating.word) for rating in rated}) == 3
    assert not NO_DIRECTION.coloured and all(rating.coloured for rating in rated)


def test_trend_changes_since_the_plans_first_year_or_the_first_year_after_it():
    points = [(2018, D("10")), (2021, D("12")), (2023, D("15.5"))]
    found = trend(points, start_year=2020)  # no value for 2020: from 2021 on
    assert (found.since, found.change, found.enough) == (2021, D("3.5"), True)
    assert trend(points, start_year=2018).change == D("5.5")


def test_too_few_years_make_no_trend_and_no_change_without_a_later_year():
    two = trend([(2020, D("10")), (2022, D("11"))], start_year=2020)
    assert not two.enough and two.change == D("1")  # a difference, but no line to draw
    one = trend([(2022, D("11"))], start_year=2020)
    assert not one.enough and one.change is None and one.since is None
    before = trend([(2017, D("1")), (2018, D("2")), (2019, D("3"))], start_year=2020)
    assert before.enough and before.change is None  # nothing since the plan began


def text_of(plan, name: str) -> IndicatorDescription:
    return IndicatorDescription.objects.create(plan=plan, name=name)


@pytest.fixture
def setting(db, plan_of):
    """A plan (2024-2027) following one indicator of its own with the country's value
    from its text, and a Sotkanet indicator with the welfare area's and the country's."""
    plan = plan_of(5, slug="vertailu")
    country = made_country_area()
    region = Area.objects.create(code="hva:1", name_fi="Kymenlaakso", kind=AreaKind.WELFARE_AREA)
    own = Indicator.objects.create(code="plan:1", name_fi="Tyytyväinen", direction=HIGHER)
    match = Indicator.objects.create(code="sotkanet:1", sotkanet_id=1, name_fi="Tyytyväinen %")
    link = PlanIndicator.objects.create(
        plan=plan, indicator=own, sotkanet_match=match, description=text_of(plan, "Tyytyväinen")
    )
    values = [
        (own, country, 2023, "70"),  # the plan's text: the country's 2023
        (match, country, 2023, "60"),  # Sotkanet's other value: the plan's text wins
        (match, country, 2024, "72"),
        (match, region, 2022, "66"),
        (match, region, 2023, "73"),
        (match, region, 2024, "80"),
    ]
    for indicator, area, year, value in values:
        Observation.objects.create(indicator=indicator, area=area, year=year, value=D(value))
    chosen = PlanAreas.objects.create(plan=plan)
    chosen.areas.set([region])
    return plan, link, region, country


def series_of(plan):
    indicator = compare_plan(plan).indicators[0]
    return indicator.breakdowns[0], indicator.breakdowns[0].series[0]


def test_a_confirmed_match_gives_the_values_the_plans_own_indicator_lacks(setting):
    plan, link, region, country = setting
    link.match_confirmed = True
    link.save()
    breakdown, series = series_of(plan)
    assert breakdown.reference == {2023: D("70"), 2024: D("72")}
    assert series.area == region
    compared = [(c.year, c.value, c.reference, c.rating) for c in series.comparisons]
    assert compared == [
        (2022, D("66"), None, NO_REFERENCE),
        (2023, D("73"), D("70"), NEUTRAL),  # 4.3 % above: within 5 %
        (2024, D("80"), D("72"), GOOD),  # 11 % above, higher is better
    ]
    assert series.latest.year == 2024
    assert (series.trend.since, series.trend.change) == (None, None)  # the plan began 2024


def test_an_unconfirmed_match_is_not_used(setting):
    plan, *_rest = setting
    breakdown, series = series_of(plan)
    assert breakdown.reference == {2023: D("70")}
    assert [c.value for c in series.comparisons] == [None]
    assert series.latest is None


def test_the_plans_tolerance_and_reference_area_are_used(setting):
    plan, link, region, country = setting
    link.match_confirmed = True
    link.save()
    plan.indicator_areas.tolerance = D("12")
    plan.indicator_areas.save()
    _breakdown, series = series_of(plan)
    assert series.comparisons[-1].rating == NEUTRAL  # 11 % above is within 12 %
    other = Area.objects.create(code="maakunta:1", name_fi="Maakunta", kind=AreaKind.REGION)
    Observation.objects.create(indicator=link.indicator, area=other, year=2024, value=D("95"))
    plan.indicator_areas.reference_area = other
    plan.indicator_areas.save()
    compared = compare_plan(plan)
    assert compared.reference_area == other
    series = compared.indicators[0].breakdowns[0].series[0]
    assert series.comparisons[-1].reference == D("95")  # 80 is 16 % below it
    assert series.comparisons[-1].rating == WORRYING


def test_with_no_areas_chosen_the_whole_country_is_shown_alone(db, plan_of):
    plan = plan_of(5, slug="ilman-alueita")
    indicator = Indicator.objects.create(code="plan:2", name_fi="Kiusatut", direction=LOWER)
    PlanIndicator.objects.create(
        plan=plan, indicator=indicator, description=text_of(plan, "Kiusatut")
    )
    Observation.objects.create(
        indicator=indicator, area=made_country_area(), year=2019, group="lukio", value=D("5")
    )
    compared = compare_plan(plan)
    assert compared.areas == [] and compared.reference_area.kind == AreaKind.COUNTRY
    assert compared.tolerance == D("5")
    (breakdown,) = compared.indicators[0].breakdowns
    assert (breakdown.group, breakdown.reference, breakdown.series) == ("lukio", {2019: 5}, [])


def test_genders_come_total_first_then_by_group(setting):
    plan, link, region, country = setting
    for gender in (Gender.MALE, Gender.FEMALE, Gender.TOTAL):
        for group in ("lukio", "8.-9. luokka"):
            Observation.objects.create(
                indicator=link.indicator,
                area=region,
                year=2024,
                gender=gender,
                group=group,
                value=D("1"),
            )
    breakdowns = compare_plan(plan).indicators[0].breakdowns
    assert [(b.gender, b.group) for b in breakdowns] == [
        ("total", ""),
        ("total", "8.-9. luokka"),
        ("total", "lukio"),
        ("female", "8.-9. luokka"),
        ("female", "lukio"),
        ("male", "8.-9. luokka"),
        ("male", "lukio"),
    ]
    assert [b.gender for b in compare_plan(plan).indicators[0].headline] == ["total"] * 3


def queries_of_comparing(plan) -> int:
    with CaptureQueriesContext(connection) as queries:
        compare_plan(plan)
    return len(queries)


def test_comparing_a_plan_takes_as_many_queries_for_40_indicators_as_for_10(db, plan_of):
    small, large = plan_of(5, slug="pieni"), plan_of(5, slug="suuri")
    build_indicators(small, 10, years=range(2020, 2023))
    build_indicators(large, 40, years=range(2010, 2025))
    made_country_area()  # the country exists for both
    assert queries_of_comparing(small) == queries_of_comparing(large)
