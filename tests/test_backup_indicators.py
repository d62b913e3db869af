"""The full export carries a plan's indicators: export-plan -> import-plan gives the same
indicators, values, sub-goals, matches, directions and areas; areas and Sotkanet
indicators the database lacks refuse the restore, named, and nothing is written."""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from lanu.demo.indicators import DEMO_AREA
from lanu.indicators.models import Area, Direction, Indicator, Observation, PlanIndicator
from lanu.plans.models import Plan

from .test_backup import beside

pytestmark = pytest.mark.django_db
SLUG = "kymenlaakso-2020-2024"


def export(slug: str) -> dict:
    out = StringIO()
    call_command("export-plan", slug, stdout=out)
    return json.loads(out.getvalue())


def restore(document: dict, tmp_path, slug: str = "copy") -> str:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("import-plan", str(path), "--slug", slug, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(capsys) -> Plan:
    call_command("load-demo")
    plan = Plan.objects.get(slug=SLUG)
    link = plan.plan_indicators.select_related("description").get(description__number=7)
    link.sotkanet_match = Indicator.objects.create(
        code="sotkanet:3001", sotkanet_id=3001, name_fi="Tyytyväinen elämäänsä (%)"
    )
    link.match_confirmed = True
    link.save()
    return plan


def test_the_demo_plans_indicators_round_trip(demo, tmp_path):
    before = export(SLUG)
    assert len(before["plan_indicators"]) == 32
    assert before["indicator_areas"]["areas"] == [DEMO_AREA["code"]]
    restore(before, tmp_path)
    after = export("copy")
    assert beside(after) == beside(before)
    copy = Plan.objects.get(slug="copy")
    link = copy.plan_indicators.select_related("indicator").get(description__number=31)
    assert link.indicator.direction == Direction.LOWER_BETTER
    assert sorted(subgoal.key for subgoal in link.subgoals.all()) == ["I.7", "II.2"]
    demo_area = Area.objects.get(code=DEMO_AREA["code"])
    assert Observation.objects.filter(indicator=link.indicator, area=demo_area).count() == 20
    assert copy.indicator_areas.reference_area.code == "maa:358"


def test_the_restore_and_its_dry_run_say_how_many_indicators_and_values(demo, tmp_path, in_english):
    document = export(SLUG)
    values = sum(len(link["values"]) for link in document["plan_indicators"])
    line = f"Indicators: 32 with {values} values."
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("import-plan", str(path), "--slug", "copy", "--dry-run", stdout=out)
    assert line in out.getvalue()
    assert not Plan.objects.filter(slug="copy").exists()
    assert line in restore(document, tmp_path)


def test_a_dry_run_refuses_a_backup_whose_areas_are_missing(demo, tmp_path, in_english):
    document = export(SLUG)
    Area.objects.filter(code=DEMO_AREA["code"]).delete()
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="import them first\\): demo:kymenlaakso"):
        call_command("import-plan", str(path), "--slug", "copy", "--dry-run", stdout=StringIO())


def test_the_restored_plan_is_its_own(demo, tmp_path):
    """The copy's indicators are new: editing the copy leaves the original's alone."""
    restore(export(SLUG), tmp_path)
    originals = set(demo.plan_indicators.values_list("indicator_id", flat=True))
    copies = set(Plan.objects.get(slug="copy").plan_indicators.values_list("indicator", flat=True))
    assert len(copies) == 32
    assert not originals & copies


def test_a_restore_into_a_database_without_its_areas_and_indicators_names_them(
    demo, tmp_path, in_english
):
    document = export(SLUG)
    Area.objects.filter(code=DEMO_AREA["code"]).delete()
    Indicator.objects.filter(code="sotkanet:3001").delete()
    counts = Plan.objects.count(), PlanIndicator.objects.count(), Observation.objects.count()
    with pytest.raises(CommandError) as error:
        restore(document, tmp_path)
    assert "Areas missing from this database (import them first): demo:kymenlaakso" in str(
        error.value
    )
    assert "Indicators missing from this database (import them first): sotkanet:3001" in str(
        error.value
    )
    after = Plan.objects.count(), PlanIndicator.objects.count(), Observation.objects.count()
    assert after == counts


def test_the_country_lanu_makes_itself_is_made_again(demo, tmp_path):
    document = export(SLUG)
    Plan.objects.filter(slug=SLUG).delete()
    Area.objects.filter(code="maa:358").delete()
    restore(document, tmp_path, SLUG)
    assert export(SLUG) == document


@pytest.mark.parametrize(
    "where, value, message",
    [
        ("plan_indicators.0.text", 99, "plan_indicators[0].text"),
        ("plan_indicators.0.indicator.direction", "up", "plan_indicators[0].indicator.direction"),
        ("plan_indicators.0.subgoals", ["IX.9"], "plan_indicators[0].subgoals[0]"),
        ("plan_indicators.0.values.0.year", "2019", "plan_indicators[0].values[0].year"),
        ("plan_indicators.0.values.0.gender", "other", "plan_indicators[0].values[0].gender"),
        ("plan_indicators.0.values.0.value", "lots", "plan_indicators[0].values[0].value"),
        ("indicator_areas.tolerance", "wide", "indicator_areas.tolerance"),
        ("indicator_areas", ["maa:358"], "indicator_areas"),
    ],
)
def test_a_spoiled_indicator_part_is_refused_where_it_is(
    demo, tmp_path, in_english, where, value, message
):
    document = export(SLUG)
    *path, last = where.split(".")
    item = document
    for key in path:
        item = item[int(key)] if isinstance(item, list) else item[key]
    item[last] = value
    counts = Plan.objects.count(), PlanIndicator.objects.count()
    with pytest.raises(CommandError) as error:
        restore(document, tmp_path)
    assert message in str(error.value)
    assert (Plan.objects.count(), PlanIndicator.objects.count()) == counts


def described(plan: Plan, numbers: range) -> None:
    from lanu.indicators.plan_links import link_plan_indicators
    from lanu.plans.models import IndicatorDescription

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


def test_the_full_export_reads_indicators_in_a_fixed_number_of_queries(client, people):
    from tests.querycount import queries_for

    client.force_login(people.alice)
    url = reverse("plans:export-json", args=[people.plan.slug])
    described(people.plan, range(1, 3))
    few = queries_for(client, url)
    described(people.plan, range(3, 13))
    assert PlanIndicator.objects.filter(plan=people.plan).count() == 12
    assert queries_for(client, url) == few


def dashboard_cells(client, slug: str) -> list[str]:
    """The dashboard's cells, without the ids naming rows by their database keys."""
    page = client.get(reverse("indicators:dashboard", args=[slug])).content.decode()
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)
    return [re.sub(r'(id|aria-labelledby)="[^"]*"', "", cell) for cell in cells]


def test_the_restored_plans_dashboard_shows_the_same_values_and_ratings(client, demo, tmp_path):
    restore(export(SLUG), tmp_path)
    Plan.objects.filter(slug="copy").update(published=True)
    before = dashboard_cells(client, SLUG)
    assert len(before) > 100
    assert dashboard_cells(client, "copy") == before
