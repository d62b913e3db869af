"""The plan list with the whole country's plans: search, region filter and pages."""

import re

import pytest
from django.urls import reverse

from lanu.plans.finding import PLANS_PER_PAGE
from lanu.plans.models import Organisation, Participation, Plan
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db


def add_plans(count: int, start: int = 0, region: str = "Pirkanmaa", **fields) -> list[Plan]:
    fields = {"period_start": 2024, "period_end": 2027, "published": True, **fields}
    return [
        Plan.objects.create(
            slug=f"kunta-{n}", name=f"Kunta {n:03}: hyvinvointisuunnitelma", region=region, **fields
        )
        for n in range(start, start + count)
    ]


def listed(response) -> list[str]:
    """The names of the plans on the page, in their order."""
    return re.findall(r'<h2><a href="/plans/[^"]+/">([^<]+)</a></h2>', response.text)


def test_search_finds_plans_by_a_word_of_their_name(client):
    add_plans(3)
    response = client.get(reverse("plans:list"), {"q": "kunta 001"})
    assert listed(response) == ["Kunta 001: hyvinvointisuunnitelma"]
    assert "1 suunnitelma löytyi." in response.text


def test_search_finds_plans_by_an_organisation_taking_part(client):
    first, second = add_plans(2)
    school = Organisation.objects.create(name="Lukion opiskeluhuolto")
    Participation.objects.create(plan=second, organisation=school)
    response = client.get(reverse("plans:list"), {"q": "opiskeluhuolto"})
    assert listed(response) == [second.name]


def test_region_filter_shows_only_that_regions_plans(client):
    add_plans(2, region="Pirkanmaa")
    lapland = add_plans(1, start=10, region="Lappi")
    response = client.get(reverse("plans:list"), {"region": "Lappi"})
    assert listed(response) == [lapland[0].name]
    assert "<option selected>Lappi</option>" in response.text
    assert "<option>Pirkanmaa</option>" in response.text


def test_search_never_finds_an_unpublished_plan(client):
    add_plans(1, published=False)
    response = client.get(reverse("plans:list"), {"q": "Kunta"})
    assert listed(response) == []
    assert "Yksikään suunnitelma ei vastaa hakua." in response.text


def test_search_field_and_region_have_labels(client):
    add_plans(1)
    text = client.get(reverse("plans:list")).text
    assert '<label for="plan-search-text">' in text
    assert 'id="plan-search-text" name="q"' in text
    assert '<label for="plan-search-region">' in text
    assert 'role="search"' in text


def test_plans_come_a_page_at_a_time(client):
    add_plans(PLANS_PER_PAGE + 5)
    first = client.get(reverse("plans:list"))
    assert len(listed(first)) == PLANS_PER_PAGE
    second = client.get(reverse("plans:list"), {"page": 2})
    assert len(listed(second)) == 5
    assert set(listed(first)).isdisjoint(listed(second))


def test_pagination_is_a_navigation_marking_the_current_page(client):
    add_plans(PLANS_PER_PAGE + 1)
    text = client.get(reverse("plans:list"), {"page": 2}).text
    nav = re.search(r'<nav class="pagination" aria-label="([^"]+)">(.*?)</nav>', text, re.S)
    assert nav.group(1) == "Suunnitelmien sivut"
    assert re.search(r'href="\?page=2" aria-current="page">', nav.group(2))
    assert 'href="?page=1" rel="prev">Edellinen sivu</a>' in nav.group(2)
    assert "aria-current" not in nav.group(2).replace('aria-current="page"', "", 1)


def test_page_links_keep_the_search(client):
    add_plans(PLANS_PER_PAGE + 1)
    text = client.get(reverse("plans:list"), {"q": "kunta", "region": "Pirkanmaa"}).text
    assert 'href="?q=kunta&amp;region=Pirkanmaa&amp;page=2"' in text


def test_a_page_past_the_last_shows_the_last(client):
    add_plans(PLANS_PER_PAGE + 1)
    response = client.get(reverse("plans:list"), {"page": 99})
    assert response.status_code == 200
    assert len(listed(response)) == 1


def test_one_page_of_plans_has_no_pagination(client):
    add_plans(2)
    assert 'class="pagination"' not in client.get(reverse("plans:list")).text


def test_plan_list_shows_each_plans_live_action_count(client, plan_of):
    plan = plan_of(4, slug="neljä")
    plan.actions.filter(order=0).update(archived=True)
    assert "3 toimenpidettä" in client.get(reverse("plans:list")).text


@pytest.mark.parametrize("query", ["", "?q=kunta", "?region=Pirkanmaa&page=2"])
def test_plan_list_queries_do_not_grow_with_the_country(client, query):
    add_plans(2)
    few = queries_for(client, reverse("plans:list") + query)
    add_plans(3 * PLANS_PER_PAGE, start=100)
    assert queries_for(client, reverse("plans:list") + query) == few


def test_plan_list_in_swedish_and_english(client):
    add_plans(PLANS_PER_PAGE + 1)
    swedish = client.get("/sv/plans/").text
    english = client.get("/en/plans/").text
    assert "Nästa sida" in swedish
    assert "Next page" in english
