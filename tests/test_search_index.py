"""The full-text index follows the plans: an action saved, archived, given a metric or
deleted, a goal renamed, a plan's chapter written, an import's indicator texts; and
`rebuild-search` builds it again from nothing."""

import pytest
from django.core.management import call_command

from lanu.plans.models import Goal, IndicatorDescription, Metric, Section
from lanu.search.models import SearchEntry
from tests.search_data import found, plan_of_actions

pytestmark = pytest.mark.django_db


def test_search_index_follows_an_action_and_its_metrics():
    plan = plan_of_actions("kunta", [("Kunta", "Liikunta")])
    action = plan.actions.get()
    action.description = "Perhekeskuksen kerho"
    action.save()
    assert found("perhekeskus") == ["Perhekeskuksen kerho"]
    metric = Metric.objects.create(action=action, text="Nuorisotyöntekijöiden määrä")
    assert found("nuorisotyöntekijä") == ["Perhekeskuksen kerho"]
    metric.delete()
    assert found("nuorisotyöntekijä") == []
    action.archived = True
    action.save()
    assert found("perhekeskus") == []
    action.delete()
    assert not SearchEntry.objects.filter(kind="action").exists()


def test_search_index_follows_goals_chapters_and_indicator_texts():
    plan = plan_of_actions("kunta", [("Kunta", "Liikunta")])
    goal = Goal.objects.get(plan=plan)
    goal.title = "Mielenterveyden tukeminen"
    goal.save()
    assert found("mielenterveys") == ["I Mielenterveyden tukeminen"]
    Section.objects.create(plan=plan, title="Johdanto", body="Lapsiperheiden hyvinvointi")
    assert found("lapsiperhe") == ["Suunnitelma kunta"]
    IndicatorDescription.objects.create(plan=plan, name="Koulukiusaamista kokeneet")
    assert found("kiusaaminen") == ["Koulukiusaamista kokeneet"]


def test_rebuild_search_builds_the_index_again():
    plan_of_actions("kunta", [("Kunta", "Perhekeskuksen kerho")])
    entries = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    assert found("perhekeskus") == []
    call_command("rebuild-search")
    assert SearchEntry.objects.count() == entries
    assert found("perhekeskus") == ["Perhekeskuksen kerho"]
