"""The public JSON export of a published plan lists its indicators with their values,
areas and sub-goals ("indicator_values"); an unpublished plan's export, which its members
download, leaves them out; the export still imports as a plan."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from lanu.demo.indicators import DEMO_AREA
from lanu.importers import read_plan_bytes
from lanu.indicators.plan_links import link_plan_indicators
from lanu.plans.models import IndicatorDescription, Plan
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db
SLUG = "kymenlaakso-2020-2024"


def downloaded(client, plan: Plan) -> dict:
    response = client.get(reverse("plans:export-json", args=[plan.slug]))
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def described(plan: Plan, numbers: range) -> None:
    for n in numbers:
        IndicatorDescription.objects.create(
            plan=plan,
            number=n,
            order=n,
            name=f"Mittari {n}",
            description=f"8. ja 9. luokkalaisista, koko maa: {n},5 %.",
            source="Kouluterveyskysely 2019",
        )
    link_plan_indicators(plan)


def test_a_published_plans_export_lists_its_indicators_and_their_values(client, capsys):
    call_command("load-demo")
    plan = Plan.objects.get(slug=SLUG)
    document = downloaded(client, plan)
    part = document["indicator_values"]
    assert [area["name_fi"] for area in part["areas"]] == [DEMO_AREA["name_fi"]]
    assert part["reference_area"]["code"] == "maa:358"
    assert len(part["indicators"]) == 32
    bullied = next(item for item in part["indicators"] if item["text"] == 30)
    assert document["indicators"][30]["number"] == 31
    assert bullied["direction"] == "lower"
    assert bullied["subgoals"] == ["I.7", "II.2"]
    country = [v for v in bullied["values"] if v["area"] == "maa:358" and v["group"] == "lukio"]
    assert [(v["year"], v["value"]) for v in country] == [(2019, "1.100000")]
    assert "rounds" not in document  # still the public export
    read_plan_bytes(json.dumps(document).encode(), "plan.json")  # and still a plan file


def test_an_unpublished_plans_export_leaves_its_indicators_out(client, people):
    described(people.plan, range(1, 3))
    client.force_login(people.vera)
    assert "indicator_values" not in downloaded(client, people.plan)
    people.plan.published = True
    people.plan.save()
    assert len(downloaded(client, people.plan)["indicator_values"]["indicators"]) == 2


def test_the_public_export_reads_indicators_in_a_fixed_number_of_queries(client, people):
    people.plan.published = True
    people.plan.save()
    client.force_login(people.vera)
    url = reverse("plans:export-json", args=[people.plan.slug])
    described(people.plan, range(1, 3))
    few = queries_for(client, url)
    described(people.plan, range(3, 13))
    assert queries_for(client, url) == few
