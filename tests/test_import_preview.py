"""The import preview shows the plan, read once: its goal tree with the first actions'
texts; the file is not read again by the preview, its redraws or the confirmation."""

import json
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanu.importers import read_plan_bytes
from lanu.importers.models import PendingImport
from lanu.plans.models import Plan

pytestmark = pytest.mark.django_db


def plan_json(actions_per_subgoal: int = 5) -> bytes:
    """A new plan in Lanu's JSON: two goals, three sub-goals, numbered actions."""
    goals = [
        {
            "number": "I",
            "title": "Hyvä arki",
            "subgoals": [
                {"number": "1", "title": "Harrastukset"},
                {"number": "2", "title": "Koulu"},
            ],
        },
        {
            "number": "II",
            "title": "Osallisuus",
            "subgoals": [{"number": "1", "title": "Kuulluksi"}],
        },
    ]
    actions = [
        {
            "organisation": "Kaupunki",
            "subgoals": [key],
            "description": f"Toimenpide {key} nro {n}",
            "items": [f"Kohta {key}/{n}"],
            "metrics": [f"Mittari {key}/{n}"],
        }
        for key in ("I.1", "I.2", "II.1")
        for n in range(1, actions_per_subgoal + 1)
    ]
    document = {
        "format": "lanu-plan/1",
        "plan": {"name": "Uusi suunnitelma", "period_start": 2025, "period_end": 2028},
        "organisations": [{"name": "Kaupunki", "kind": "municipality"}],
        "goals": goals,
        "actions": actions,
    }
    return json.dumps(document).encode()


def upload(client, content: bytes, name: str = "plan.json") -> str:
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


@pytest.mark.usefixtures("in_english")
def test_the_preview_shows_the_goal_tree_and_the_first_actions(client, people):
    client.force_login(people.alice)
    page = client.get(upload(client, plan_json())).text
    assert "I Hyvä arki" in page and "II Osallisuus" in page
    assert "I.2 Koulu" in page and "II.1 Kuulluksi" in page
    assert "5 actions; the first 3 are shown" in page
    assert "Toimenpide I.2 nro 3" in page and "Toimenpide I.2 nro 4" not in page
    assert "Kohta II.1/1" in page and "Mittari II.1/2" in page
    assert "15 actions" in page  # the plan's, in its summary line


def test_the_file_is_read_once_and_its_bytes_are_not_kept(client, people):
    client.force_login(people.alice)
    with mock.patch("lanu.importers.views.read_plan_bytes", wraps=read_plan_bytes) as reader:
        preview = upload(client, plan_json())
        pending = PendingImport.objects.get()
        assert bytes(pending.content) == b"" and pending.data["name"] == "Uusi suunnitelma"
        assert client.get(preview).status_code == 200
        assert client.post(preview, {}).status_code == 200
        assert client.get(preview).status_code == 200
        response = client.post(reverse("plans:import-confirm", args=[pending.pk]))
    assert reader.call_count == 1
    plan = Plan.objects.get(name="Uusi suunnitelma")
    assert response["Location"] == plan.get_absolute_url()
    assert plan.actions.count() == 15
    assert not PendingImport.objects.exists()
