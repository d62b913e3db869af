"""The exporter contract (lanu/lib/exporters.py) and the plan's streamed exports."""

import csv
import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lanu.lib.exporters import json_pieces
from lanu.plans import listing
from lanu.plans.export import export_plan, public_export
from lanu.plans.exporters import PLAN_EXPORTERS
from lanu.plans.listing import plan_actions, streamed_actions

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    {"format": "x", "plan": {"name": "Ä\n", "notes": []}, "actions": [{"a": [1, {}]}, {}]},
    {"goals": [], "actions": []},
    {},
]


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_streamed_json_is_what_json_dumps_writes(document, indent):
    streamed = {key: iter(value) if key == "actions" else value for key, value in document.items()}
    expected = json.dumps(document, ensure_ascii=False, indent=indent) + ("\n" if indent else "")
    assert "".join(json_pieces(streamed, indent)) == expected


def test_the_plan_exporters_are_registered_with_their_files():
    assert PLAN_EXPORTERS.names() == ("json", "csv", "xlsx")
    xlsx = PLAN_EXPORTERS.get("xlsx")
    assert xlsx.filename("oulu-actions") == "oulu-actions.xlsx" and not xlsx.text
    assert PLAN_EXPORTERS.get("csv", separator="x").separator == ","


def archive_some(plan):
    """An archived action, an archived metric and an archived sub-goal: none is listed."""
    actions = list(plan.actions.order_by("order"))
    actions[1].archived = True
    actions[1].save()
    metric = actions[2].metrics.order_by("order").first()
    metric.archived = True
    metric.save()
    subgoal = actions[3].subgoals.order_by("id").first()
    subgoal.archived = True
    subgoal.save()
    actions[4].order, actions[5].order = actions[5].order, actions[4].order  # moved
    actions[4].save()
    actions[5].save()


def listed(actions) -> list[tuple]:
    return [(a.pk, a.subgoal_refs, list(a.metric_list), a.url) for a in actions]


def test_streamed_actions_are_the_listed_actions(plan_of, monkeypatch):
    monkeypatch.setattr(listing, "CHUNK_SIZE", 3)
    plan = plan_of(12)
    archive_some(plan)
    assert listed(streamed_actions(plan)) == listed(plan_actions(plan))


def downloaded(client, name: str, plan, **query) -> bytes:
    response = client.get(reverse(f"plans:export-{name}", args=[plan.slug]), query)
    assert response.status_code == 200 and response.streaming
    return response.getvalue()


def test_the_streamed_json_is_the_plan_document_public_or_whole(client, plan_of):
    plan = plan_of(8)
    archive_some(plan)
    plan.notes = "Tuonnin muistiinpano"
    plan.save()
    public = json.loads(downloaded(client, "json", plan))
    assert public == json.loads(json.dumps(public_export(plan)))
    assert public["plan"]["notes"] == ""
    whole = b"".join(PLAN_EXPORTERS.get("json", public=False).render(plan))
    assert json.loads(whole) == json.loads(json.dumps(export_plan(plan)))


@pytest.mark.parametrize("name", PLAN_EXPORTERS.names())
def test_an_export_runs_as_many_queries_however_many_chunks_it_reads(plan_of, monkeypatch, name):
    monkeypatch.setattr(listing, "CHUNK_SIZE", 4)
    counts = []
    for size in (3, 30):
        plan = plan_of(size, slug=f"koko-{size}")
        with CaptureQueriesContext(connection) as queries:
            b"".join(PLAN_EXPORTERS.get(name).render(plan))
        counts.append(len(queries))
    assert counts[0] == counts[1] >= 3  # the actions, their sub-goals and metrics at least


@pytest.mark.parametrize("name", ["csv", "xlsx"])
def test_the_first_chunk_leaves_before_the_actions_are_read(client, plan_of, name):
    plan = plan_of(5)
    response = client.get(reverse(f"plans:export-{name}", args=[plan.slug]))
    with CaptureQueriesContext(connection) as queries:
        first = next(iter(response.streaming_content))
    assert first
    assert not [q for q in queries if 'FROM "plans_action"' in q["sql"]]


def test_the_streamed_csv_keeps_the_requests_language(client, plan_of):
    plan = plan_of(2)
    response = client.get("/sv" + reverse("plans:export-csv", args=[plan.slug]))
    with translation.override("fi"):  # the server reads the stream after the view
        text = response.getvalue().decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text)))[:2] == ["ID", "Organisation"]


def test_the_streamed_workbook_keeps_texts_as_they_are(client, plan_of, tmp_path):
    plan = plan_of(3)
    action = plan.actions.order_by("order").first()
    action.description = ' Alkaa välillä & <b>päättyy</b> rivinvaihtoon\n=1+1 "lainaus"'
    action.responsible = "-5"
    action.save()
    book = openpyxl.load_workbook(io.BytesIO(downloaded(client, "xlsx", plan)))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Kuvaus"] == action.description
    assert first["Vastuutaho"] == "'-5"
    assert first["Tunniste"] == action.pk
    assert len(rows) == 1 + 3
    assert sheet.freeze_panes == "A2"
    path = tmp_path / "plan.xlsx"
    call_command("export-plan", plan.slug, "--format=xlsx", f"--output={path}")
    assert list(openpyxl.load_workbook(path).active.values) == rows


def test_a_stream_left_unread_does_not_switch_the_language_later(client, plan_of):
    """A download broken off after its first chunk: when the garbage collector finalises
    the stream, the language of what the thread serves then stays as it is."""
    import gc

    plan = plan_of(2)
    response = client.get("/sv" + reverse("plans:export-csv", args=[plan.slug]))
    stream = iter(response.streaming_content)
    next(stream)
    with translation.override("en"):
        del stream, response
        gc.collect()
        assert translation.get_language() == "en"
