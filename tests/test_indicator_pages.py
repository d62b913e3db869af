"""The plan's indicator dashboard, an indicator's page and the sub-goal's indicators, as
their readers see them: the latest values beside the reference, the rating in words, the
rule with the plan's tolerance, the filters, the charts' text alternatives; who may set
an indicator's direction; and a fixed number of queries however big the plan's
indicators grow."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lanu.indicators.models import Direction, Observation, PlanAreas
from lanu.indicators.plan_links import made_country_area
from lanu.indicators.synthetic import build_indicators
from tests.html_links import links
from tests.personas import as_persona
from tests.querycount import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def dashboard_url(plan, query: str = "") -> str:
    return reverse("indicators:dashboard", args=[plan.slug]) + query


def indicator_url(plan, link) -> str:
    return reverse("indicators:indicator", args=[plan.slug, link.pk])


@pytest.fixture
def followed(plan_of):
    """A published plan with three indicators (higher is better, lower is better, no
    direction), each for its welfare area and the whole country, 2021-2024, in two groups."""
    plan = plan_of(5, slug="seurattu")
    found = build_indicators(plan, 3, years=range(2021, 2025))
    return plan, found


def set_values(link, area, values: dict) -> None:
    for (group, year), value in values.items():
        found = Observation.objects.filter(indicator=link.indicator, area=area, year=year)
        found.filter(group=group).update(value=Decimal(value))


def test_the_dashboard_shows_the_latest_values_the_reference_and_the_rating(client, followed):
    plan, (higher, lower, neutral) = followed
    area = plan.indicator_areas.areas.get()
    set_values(higher, area, {("lukio", 2024): "80"})
    set_values(higher, made_country_area(), {("lukio", 2024): "70"})
    page = client.get(dashboard_url(plan)).text
    row = page[page.index("Indikaattori 0") :]
    row = row[row.index(">lukio<") :]
    row = row[: row.index("</tr>")]
    assert ">2024<" in row and ">80 %<" in row and ">70 %<" in row
    assert "good" in row and "✓" in row
    assert "no direction set" in page  # the third indicator is not rated
    assert "A value within 5 % of the value of Whole country" in page
    assert page.count('<svg class="sparkline" role="img" aria-labelledby=') == 6


def test_the_rule_names_the_plans_own_tolerance_and_reference(client, followed):
    plan, _found = followed
    PlanAreas.objects.filter(plan=plan).update(tolerance=Decimal("7.5"))
    assert "within 7.5 % of the value of Whole country" in client.get(dashboard_url(plan)).text
    finnish = client.get(dashboard_url(plan).replace("/en/", "/"))
    assert "7,5 %" in finnish.text and "hyvä" in finnish.text and "huolestuttava" in finnish.text


def test_the_indicators_are_grouped_as_the_plan_groups_them(client, followed):
    plan, _found = followed
    page = client.get(dashboard_url(plan)).text
    assert page.index(">Ryhmä 0<") < page.index(">Ryhmä 1<") < page.index(">Ryhmä 2<")


def test_filtering_by_sub_goal_and_population_group(client, followed):
    plan, (higher, lower, neutral) = followed
    subgoal = higher.subgoals.get()
    page = client.get(dashboard_url(plan, f"?subgoal={subgoal.pk}")).text
    assert "1 indicator shown." in page
    assert "Indikaattori 0" in page and "Indikaattori 1" not in page
    page = client.get(dashboard_url(plan, "?group=lukio")).text
    assert "3 indicators shown." in page and ">8.-9. luokka<" not in page.split("</form>")[1]
    assert "Show all indicators" in page


def test_a_filter_value_not_offered_is_refused_in_words(client, followed):
    plan, _found = followed
    response = client.get(dashboard_url(plan, "?subgoal=999999"))
    assert response.status_code == 400
    assert "Sub-goal: Select a valid choice." in response.text


def test_the_indicator_page_has_a_chart_with_its_text_and_the_values_as_a_table(client, followed):
    plan, (higher, _lower, _neutral) = followed
    page = client.get(indicator_url(plan, higher)).text
    assert page.count('<svg class="line-chart" role="img" aria-labelledby="chart-') == 2
    assert '<title id="chart-' in page
    table = page[page.index('<table class="indicator-values">') :]
    table = table[: table.index("</table>")]
    assert "Whole country (reference)" in table and "Synteettinen hyvinvointialue" in table
    assert [year in table for year in ("2021", "2022", "2023", "2024")] == [True] * 4
    assert "higher is better" in page


def test_too_few_years_are_said_in_words_instead_of_a_line(client, plan_of):
    plan = plan_of(5, slug="lyhyt")
    (link,) = build_indicators(plan, 1, years=range(2023, 2025), groups=("",))
    assert "Too few years for a trend" in client.get(dashboard_url(plan)).text
    page = client.get(indicator_url(plan, link)).text
    assert "Too few years for a trend" in page and "line-chart" not in page


def test_a_coordinator_sets_the_direction_and_the_rating_follows(client, people):
    (link,) = build_indicators(people.plan, 1, years=range(2021, 2025))
    link.indicator.direction = Direction.NEUTRAL
    link.indicator.save()
    client.force_login(people.alice)
    response = client.post(indicator_url(people.plan, link), {"direction": "lower"})
    assert response.status_code == 302
    link.indicator.refresh_from_db()
    assert link.indicator.direction == Direction.LOWER_BETTER
    page = client.get(indicator_url(people.plan, link)).text
    assert "lower is better" in page and "The direction of the indicator was saved." in page


def test_a_direction_not_offered_is_refused(client, people):
    (link,) = build_indicators(people.plan, 1)
    client.force_login(people.alice)
    response = client.post(indicator_url(people.plan, link), {"direction": "sideways"})
    assert response.status_code == 400
    assert "Select a valid choice." in response.text
    link.indicator.refresh_from_db()
    assert link.indicator.direction == Direction.HIGHER_BETTER


@pytest.mark.parametrize(
    "name, expected",
    [("bob", 403), ("vera", 403), ("mallory", 404), (None, 404)],
)
def test_only_a_coordinator_may_set_the_direction(client, people, name, expected):
    (link,) = build_indicators(people.plan, 1)
    response = as_persona(client, people, name).post(
        indicator_url(people.plan, link), {"direction": "lower"}
    )
    assert response.status_code == expected
    link.indicator.refresh_from_db()
    assert link.indicator.direction == Direction.HIGHER_BETTER


def test_readers_see_no_direction_form_and_hidden_plans_stay_hidden(client, people):
    (link,) = build_indicators(people.plan, 1)
    assert client.get(dashboard_url(people.plan)).status_code == 404  # unpublished
    assert client.get(indicator_url(people.plan, link)).status_code == 404
    client.force_login(people.vera)
    page = client.get(indicator_url(people.plan, link)).text
    assert "Save the direction" not in page
    assert reverse("indicators:links", args=[people.plan.slug]) not in page


def test_an_indicator_of_another_plan_is_not_found(client, followed, plan_of):
    plan, (higher, *_rest) = followed
    other = plan_of(5, slug="toinen")
    assert client.get(indicator_url(other, higher)).status_code == 404


def test_the_plan_page_links_to_the_dashboard_only_with_indicators(client, plan_of, followed):
    plan, _found = followed
    bare = plan_of(5, slug="ilman")
    url = dashboard_url(plan)
    assert url in links(client.get(reverse("plans:plan", args=[plan.slug]))).values()
    assert dashboard_url(bare) not in client.get(reverse("plans:plan", args=[bare.slug])).text


def test_the_links_page_and_the_dashboard_link_to_each_other(client, people):
    build_indicators(people.plan, 1)
    client.force_login(people.alice)
    links_url = reverse("indicators:links", args=[people.plan.slug])
    assert links_url in links(client.get(dashboard_url(people.plan))).values()
    assert dashboard_url(people.plan) in links(client.get(links_url)).values()


def test_a_sub_goal_page_shows_its_indicators(client, followed):
    plan, (higher, lower, _neutral) = followed
    subgoal = higher.subgoals.get()
    page = client.get(reverse("plans:subgoal", args=[plan.slug, subgoal.pk])).text
    assert "Indicators of this sub-goal" in page
    assert "Indikaattori 0" in page and "Indikaattori 1" not in page
    assert dashboard_url(plan, f"?subgoal={subgoal.pk}") in page


@pytest.mark.parametrize("page", ["dashboard", "indicator", "subgoal"])
def test_query_count_does_not_grow_with_indicators_or_years(client, plan_of, page):
    counts = []
    for count, years, slug in ((10, range(2022, 2025), "pieni"), (40, range(2010, 2025), "suuri")):
        plan = plan_of(5, slug=slug)
        first = build_indicators(plan, count, years=years)[0]
        subgoal = first.subgoals.get()
        subgoal.plan_indicators.add(*plan.plan_indicators.all())  # every indicator follows it
        url = {
            "dashboard": dashboard_url(plan),
            "indicator": indicator_url(plan, first),
            "subgoal": reverse("plans:subgoal", args=[plan.slug, subgoal.pk]),
        }[page]
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1]


def test_an_area_without_values_shows_the_references_latest_value(client, followed):
    """As the seed's indicators are before Sotkanet's values come: the country's only."""
    plan, (higher, *_rest) = followed
    area = plan.indicator_areas.areas.get()
    Observation.objects.filter(indicator=higher.indicator, area=area).delete()
    page = client.get(dashboard_url(plan)).text
    row = page[page.index("Indikaattori 0") :]
    row = row[: row.index("</tr>")]
    assert ">2024<" in row and "no value" in row and "good" not in row


def test_reading_the_dashboard_before_any_import_makes_no_area(client, plan_of):
    from lanu.indicators.models import Area, Indicator, PlanIndicator
    from lanu.plans.models import IndicatorDescription

    plan = plan_of(5, slug="tuomaton")
    text = IndicatorDescription.objects.create(plan=plan, name="Kiusatut")
    indicator = Indicator.objects.create(code="plan:x:1", name_fi="Kiusatut")
    PlanIndicator.objects.create(plan=plan, indicator=indicator, description=text)
    page = client.get(dashboard_url(plan)).text
    assert "the values of Whole country are shown alone" in page and "No values yet." in page
    assert not Area.objects.exists()


EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_names_groups_and_units_are_shown_as_text_in_pages_and_charts(client, followed):
    """Texts from the plan, Sotkanet and imports, in the tables and in the SVG titles."""
    from lanu.indicators.models import Area

    plan, (higher, *_rest) = followed
    text = higher.description
    text.name, text.group = f"Nimi {EVIL}", f"Ryhmä {EVIL}"
    text.save()
    higher.indicator.unit, higher.indicator.source = f"% {EVIL}", f"Lähde {EVIL}"
    higher.indicator.definition_fi = higher.indicator.definition_en = f"Määritelmä {EVIL}"
    higher.indicator.save()
    Area.objects.filter(plans__plan=plan).update(name_fi=f"Alue {EVIL}", name_en=f"Area {EVIL}")
    Observation.objects.filter(indicator=higher.indicator, group="lukio").update(group=EVIL)
    urls = [
        dashboard_url(plan),
        dashboard_url(plan, "?group=" + EVIL.replace("<", "%3C")),
        indicator_url(plan, higher),
        reverse("plans:subgoal", args=[plan.slug, higher.subgoals.get().pk]),
    ]
    for url in urls:
        page = client.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page, url
