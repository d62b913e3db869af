"""Large imports write in bulk: confirming new actions costs the same queries for 5 or 50.

A CSV of 103,765 actions took 32 minutes to confirm when each action, its sub-goal
links, metrics and history row were written one by one. bench/import.py times
100,000; here the number of queries is counted, and what is written is checked.
"""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanu.history.models import Change
from lanu.history.records import differences, snapshot
from lanu.importers import read_changes_bytes
from lanu.importers.changes import CREATED_FIELDS, apply_changes
from lanu.importers.data import ImportRefused
from lanu.plans import spreadsheets

pytestmark = pytest.mark.django_db


def new_actions_csv(count: int, batch: str = "") -> bytes:
    """A CSV of `count` new actions (no IDs) for a synthetic plan; each batch's texts
    differ, or its rows would be the plan's actions already there."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([heading for _key, heading in spreadsheets.columns()])
    for n in range(count):
        cells = {
            "organisation": f"Organisaatio {n % 3 + 1}",
            "subgoals": f"II.{n % 5 + 1}; I.{n % 5 + 1}",
            "description": f"Uusi toimenpide {batch}{n}",
            "items": f"Kohta {n}.1\nKohta {n}.2",
            "metrics": f"Mittari {n}.1\nMittari {n}.2",
            "permanence": "Pysyvä",
        }
        writer.writerow([cells.get(key, "") for key, _heading in spreadsheets.columns()])
    return out.getvalue().encode()


def confirm_queries(plan, count: int) -> int:
    found = read_changes_bytes(new_actions_csv(count, f"{count}."), "uudet.csv", plan)
    assert len(found.new_actions) == count
    with CaptureQueriesContext(connection) as queries:
        apply_changes(found, user=None)
    return len(queries)


def test_confirming_new_actions_costs_the_same_queries_for_5_or_50(plan_of):
    plan = plan_of(3)
    confirm_queries(plan, 1)  # caches what Django caches (content types)
    assert confirm_queries(plan, 5) == confirm_queries(plan, 50)
    assert plan.actions.count() == 3 + 1 + 5 + 50


def test_new_actions_are_written_whole_with_their_history(plan_of):
    plan = plan_of(3)
    apply_changes(read_changes_bytes(new_actions_csv(4), "uudet.csv", plan), user=None)
    new = plan.actions.filter(description__startswith="Uusi").order_by("order")
    assert [action.order for action in new] == [3, 4, 5, 6]  # after the plan's own
    action = new[1]
    assert action.organisation.name == "Organisaatio 2"
    assert [s.key for s in action.subgoals.all()] == ["I.2", "II.2"]  # the plan's order
    assert [(m.text, m.order) for m in action.metrics.all()] == [
        ("Mittari 1.1", 0),
        ("Mittari 1.2", 1),
    ]
    assert action.items == ["Kohta 1.1", "Kohta 1.2"]
    change = Change.objects.get(object_id=action.pk, kind=Change.Kind.CREATED, plan=plan)
    assert change.object_repr == "Uusi toimenpide 1"
    # what recording the saved action one by one would have written
    after = snapshot(action, [*CREATED_FIELDS, "organisation", "subgoals"])
    assert change.fields == differences(action, {}, after)
    assert Change.objects.filter(kind=Change.Kind.CREATED, plan=plan).count() == 4


def test_a_sub_goal_deleted_after_reading_refuses_the_new_actions(plan_of, in_english):
    plan = plan_of(3)
    found = read_changes_bytes(new_actions_csv(4), "uudet.csv", plan)  # read, then changed
    plan.goals.get(number="II").subgoals.get(number="2").delete()
    with pytest.raises(ImportRefused) as refused:
        apply_changes(found, user=None)
    assert "The plan changed after the file was read (II.2 is no longer in it)" in str(
        refused.value
    )
    assert plan.actions.count() == 3
