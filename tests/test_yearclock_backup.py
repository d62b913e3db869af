"""A plan's vuosikello in its full export: restored as it was (owners, recurrences, the
round's events as edited, none twice); a wrong event refuses the whole restore, naming
where; a file from before events were exported gets the rounds' two events."""

import json
from datetime import date

import pytest
from django.core.management import CommandError

from lanu.followup.rounds import open_round
from lanu.plans.models import Plan
from lanu.yearclock.models import Event

from .test_backup import export, import_file, without_slug

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(people) -> Plan:
    plan = people.plan
    open_round(plan, 2024, date(2025, 1, 15), date(2025, 2, 28))
    plan.events.filter(anchor="closes").update(title="Raportit koordinaattorille")
    for fields in (
        {"recurrence": "week", "week": 12, "weekday": 1, "every_years": 2, "first_year": 2021},
        {"recurrence": "once", "on_date": date(2024, 9, 30), "owner": people.first},
    ):
        event = Event.objects.create(title="Kysely", kind="survey", **fields)
        event.plans.add(plan)
    return plan


def write(tmp_path, document: dict):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_vuosikello_round_trips(plan, tmp_path):
    document = export(plan.slug)
    assert len(document["events"]) == 4
    import_file(write(tmp_path, document), "--slug", "kopio")
    copy = Plan.objects.get(slug="kopio")
    assert without_slug(export("kopio"))["events"] == without_slug(document)["events"]
    assert copy.events.filter(round_event=True).count() == 2  # the rounds added none
    assert copy.events.get(on_date=date(2024, 9, 30)).owner.name == "Organisaatio 1"


def test_a_wrong_event_refuses_the_restore_saying_where(plan, tmp_path, in_english):
    document = export(plan.slug)
    document["events"][2] |= {"recurrence": "day", "month": None}
    with pytest.raises(CommandError) as refusal:
        import_file(write(tmp_path, document), "--slug", "kopio")
    assert "events[2].month: Needed for this recurrence." in str(refusal.value)
    assert not Plan.objects.filter(slug="kopio").exists()


def test_a_file_from_before_events_gets_the_rounds_events(plan, tmp_path):
    document = export(plan.slug)
    del document["events"]
    import_file(write(tmp_path, document), "--slug", "kopio")
    copy = Plan.objects.get(slug="kopio")
    assert sorted(copy.events.values_list("anchor", flat=True)) == ["closes", "opens"]
