"""load-demo sets up the Kymenlaakso plan's indicators as a coordinator would: the 32
indicators with the whole country's values, an area of illustrative values that says
so, a direction for each, and each linked to the sub-goals it follows."""

import pytest
from django.core.management import call_command

from lanu.demo.indicators import DEMO_AREA
from lanu.indicators.models import Area, Direction, Observation, PlanAreas
from lanu.plans.models import Plan

pytestmark = pytest.mark.django_db
SLUG = "kymenlaakso-2020-2024"


@pytest.fixture
def demo(capsys) -> Plan:
    call_command("load-demo")
    return Plan.objects.get(slug=SLUG)


def values(plan: Plan, area: Area) -> dict[tuple[int, str, int], object]:
    rows = Observation.objects.filter(indicator__plan_links__plan=plan, area=area)
    return {(row.indicator_id, row.group, row.year): row.value for row in rows}


def test_the_demo_compares_an_area_of_illustrative_values_with_the_whole_country(demo):
    areas = PlanAreas.objects.get(plan=demo)
    demo_area = Area.objects.get(code=DEMO_AREA["code"])
    assert list(areas.areas.all()) == [demo_area]
    assert areas.reference_area.code == "maa:358"
    assert "esimerkkiarvot" in demo_area.name_fi
    assert "exempelvärden" in demo_area.name_sv
    assert "illustrative" in demo_area.name_en


def test_every_country_value_has_a_demo_value_beside_it_and_a_trend(demo):
    country = values(demo, PlanAreas.objects.get(plan=demo).reference_area)
    region = values(demo, Area.objects.get(code=DEMO_AREA["code"]))
    assert len({indicator for indicator, _group, _year in country}) >= 30
    assert set(country) <= set(region)
    linked = set(demo.plan_indicators.values_list("indicator_id", flat=True))
    assert {indicator for indicator, _group, _year in region} == linked
    for indicator, group, _year in country:
        years = [year for i, g, year in region if (i, g) == (indicator, group)]
        assert len(years) >= 2, (indicator, group)


def test_each_of_the_32_indicators_has_a_direction_and_sub_goals(demo):
    rows = demo.plan_indicators.select_related("indicator", "description")
    links = list(rows.prefetch_related("subgoals__goal"))
    assert len(links) == 32
    for link in links:
        assert link.indicator.direction != Direction.NEUTRAL, link.number
        assert link.subgoals.all(), link.number
        assert {subgoal.goal.plan_id for subgoal in link.subgoals.all()} == {demo.pk}
    directions = {link.number: link.indicator.direction for link in links}
    assert directions[7] == Direction.HIGHER_BETTER  # content with one's life
    assert directions[31] == Direction.LOWER_BETTER  # bullied


def test_loading_the_demo_again_changes_no_indicator_data(demo, capsys):
    before = Observation.objects.count(), list(demo.plan_indicators.values("subgoals"))
    call_command("load-demo")
    assert "indicators: already there" in capsys.readouterr().out
    assert (Observation.objects.count(), list(demo.plan_indicators.values("subgoals"))) == before


def test_the_demo_dashboard_rates_some_indicators_good_some_neutral_some_worrying(client, demo):
    from django.urls import reverse

    from lanu.indicators.comparison import RATINGS
    from lanu.indicators.templatetags.indicator_values import rating_badge

    page = client.get(reverse("indicators:dashboard", args=[demo.slug])).content.decode()
    for rating in RATINGS:  # in a table cell, not only in the legend
        assert f"<td>{rating_badge(rating)}</td>" in page, rating.word
