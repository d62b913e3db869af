"""A plan's child impact assessments in its full export: restored as they were (drafts
too, with their effects, checklist, sub-goals, actions and author); a wrong one refuses
the whole restore, naming where; a file from before assessments restores none."""

import json

import pytest
from django.core.management import CommandError

from lanu.plans.models import Plan
from lanu.voice.models import ChildImpactAssessment

from .test_backup import export, import_file, without_slug
from .voice_assessments import action_of, assessment, draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(people) -> Plan:
    plan = people.plan
    action = action_of(plan, people.second)
    assessment(plan, actions=[action], subgoals=action.subgoals.all(), created_by=people.bob)
    draft(plan)
    return plan


def write(tmp_path, document: dict):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_assessment_backup_round_trips(plan, people, tmp_path):
    document = export(plan.slug)
    assert [item["state"] for item in document["assessments"]] == ["ready", "draft"]
    import_file(write(tmp_path, document), "--slug", "kopio")
    copy = Plan.objects.get(slug="kopio")
    assert without_slug(export("kopio"))["assessments"] == without_slug(document)["assessments"]
    restored = ChildImpactAssessment.objects.get(plan=copy, state="ready")
    assert restored.effects["health"]["direction"] == "positive"
    assert restored.checklist["heard"] == {"done": True, "note": "Nuorisovaltuusto 3.2."}
    assert restored.created_by == people.bob
    (action,) = restored.actions.all()
    assert action.plan == copy and action.organisation.name == "Organisaatio 2"
    assert all(subgoal.goal.plan == copy for subgoal in restored.subgoals.all())
    assert restored.subgoals.count() == action.subgoals.count() > 0


def test_assessment_backup_wrong_one_refuses_the_restore_saying_where(plan, tmp_path, in_english):
    document = export(plan.slug)
    document["assessments"][1]["effects"] = {"weather": {"direction": "positive"}}
    document["assessments"][0]["actions"] = [999]
    with pytest.raises(CommandError) as refusal:
        import_file(write(tmp_path, document), "--slug", "kopio")
    assert "assessments[1].effects.weather: expected an area's direction" in str(refusal.value)
    assert "assessments[0].actions: “999” is not in this file" in str(refusal.value)
    assert not Plan.objects.filter(slug="kopio").exists()


def test_assessment_backup_file_from_before_has_none(plan, tmp_path):
    document = export(plan.slug)
    del document["assessments"]
    import_file(write(tmp_path, document), "--slug", "kopio")
    assert not ChildImpactAssessment.objects.filter(plan__slug="kopio").exists()
