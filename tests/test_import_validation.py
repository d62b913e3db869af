"""Every import is validated before anything is written: each value against the limits of
its model field, JSON's size, nesting and types, with file, line or path, and field."""

import copy
import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanu.importers import read_changes_bytes, read_plan_bytes
from lanu.importers.data import ActionData, ImportRefused, PlanData
from lanu.importers.save import save_plan
from lanu.importers.synthetic import synthetic_plan_data
from lanu.importers.validation import check_values
from lanu.plans.export import export_plan
from lanu.plans.models import Action, Organisation, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(plan_of):
    """A real export of a plan of three actions, as a dict, and the plan removed."""
    plan = plan_of(3, organisations=2, slug="vienti")
    document = export_plan(plan)
    plan.delete()
    Organisation.objects.filter(participations=None, actions=None).delete()
    return document


def refused(document, name="plan.json") -> str:
    """Import a JSON document that must be refused: its message, and nothing written."""
    raw = json.dumps(document).encode("utf-8") if not isinstance(document, bytes) else document
    with pytest.raises(ImportRefused) as refusal:
        save_plan(read_plan_bytes(raw, name))
    assert Plan.objects.count() == Organisation.objects.count() == 0
    return str(refusal.value)


def test_the_export_itself_imports(exported):
    plan = save_plan(read_plan_bytes(json.dumps(exported).encode(), "plan.json"))
    assert plan.actions.count() == 3


def test_a_name_longer_than_its_field_is_refused_with_field_and_limit(exported, in_english):
    exported["plan"]["name"] = "N" * 1000
    assert "plan.json: Plan, name: at most 300 characters are allowed, this has 1000." in (
        refused(exported)
    )


def test_limits_are_told_in_the_users_language(exported):
    exported["organisations"][1]["name"] = "O" * 301
    exported["actions"][1]["organisation"] = "O" * 301
    message = refused(exported)
    assert "Organisaatio 2, nimi: enintään 300 merkkiä on sallittu, tässä on 301." in message


def test_a_year_out_of_range_is_refused(exported, in_english):
    exported["plan"]["period_end"] = 10**12
    assert "Plan, last year: 1000000000000 is not between 0 and 32767." in refused(exported)


@pytest.mark.parametrize(
    "where, key, value",
    [("actions", "permanence", "forever"), ("organisations", "kind", "alien")],
)
def test_an_unknown_choice_is_refused(exported, in_english, where, key, value):
    exported[where][0][key] = value
    assert f"“{value}” is not one of:" in refused(exported)


def test_a_nul_character_is_refused_wherever_it_is(exported, in_english):
    exported["goals"][0]["subgoals"][2]["title"] = "Väli\x00tavoite"
    exported["actions"][2]["items"][1] = "Kohta\x00"
    message = refused(exported)
    assert "Goal 1, sub-goal 3, title: the text has a NUL character" in message
    assert "Action 3, items: the text has a NUL character" in message


def test_a_lone_surrogate_is_refused(exported, in_english):
    raw = json.dumps(exported).replace("Perhekeskus", "Perhe\\ud800keskus", 1).encode()
    assert "Action 1, responsible: the text has an invalid character" in refused(raw)


def test_deep_nesting_is_refused_before_parsing(in_english):
    raw = b'{"format": "lanu-plan/1", "plan": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert "nested more than 20 levels deep" in refused(raw)


def test_brackets_inside_strings_do_not_count_as_nesting(exported):
    exported["actions"][0]["description"] = "[{" * 50 + '\\"[' * 50
    plan = save_plan(read_plan_bytes(json.dumps(exported).encode(), "plan.json"))
    assert plan.actions.first().description.startswith("[{[{")


def test_too_large_json_is_refused(settings, exported, in_english):
    settings.MAX_UPLOAD_BYTES = 2000
    from lanu.importers import lanu_json

    text = json.dumps(exported) + " " * 2000
    with pytest.raises(ImportRefused, match="The JSON is too large"):
        lanu_json.read(text, "plan.json")


def test_a_number_too_long_to_read_is_refused(exported):
    raw = json.dumps(exported).replace('"period_start": 2024', '"period_start": ' + "9" * 5000)
    refused(raw.encode())


@pytest.mark.parametrize(
    "change, path, message",
    [
        (lambda d: d["plan"].update(name=["Lista"]), "plan.name", "expected text, found a list"),
        (lambda d: d.update(goals={}), "goals", "expected a list, found an object"),
        (lambda d: d["actions"][1].update(items="teksti"), "actions[1].items", "expected a list"),
        (lambda d: d["actions"][0].update(subgoals=[1]), "actions[0].subgoals[0]", "expected text"),
        (
            lambda d: d["goals"][1].update(subgoals=[[]]),
            "goals[1].subgoals[0]",
            "expected an object",
        ),
        (lambda d: d["plan"].update(published="yes"), "plan.published", "expected true or false"),
        (
            lambda d: d["plan"].update(period_start="2024"),
            "plan.period_start",
            "expected a whole number",
        ),
        (
            lambda d: d["actions"][2].update(start_date="31.1.2024"),
            "actions[2].start_date",
            "“31.1.2024” is not a date",
        ),
        (lambda d: d["actions"][0].update(colour="red"), "actions[0]", "unknown key “colour”"),
        (lambda d: d["goals"][0].pop("title"), "goals[0]", "“title” is missing"),
        (lambda d: d.update(plan=[]), "plan", "expected an object, found a list"),
        (lambda d: d["plan"].update(level_labels="x"), "plan.level_labels", "expected an object"),
        (
            lambda d: d["actions"][0].update(metrics=[{}]),
            "actions[0].metrics[0]",
            "“text” is missing",
        ),
        (
            lambda d: d["actions"][0].update(metrics_by_mother_tongue="0"),
            "actions[0].metrics_by_mother_tongue",
            "expected a list",
        ),
    ],
)
def test_wrong_types_are_problems_with_their_json_path(exported, in_english, change, path, message):
    change(exported)
    assert f"plan.json: {path}: {message}" in refused(exported)


def test_every_problem_is_told_at_once(exported, in_english):
    exported["plan"]["name"] = ["Lista"]
    exported["actions"][0]["items"] = {"a": 1}
    exported["actions"][1]["ease"] = "trivial"
    message = refused(copy.deepcopy(exported))
    assert "plan.name:" in message
    assert "actions[0].items:" in message


def test_save_plan_refuses_values_of_the_wrong_type():
    data = synthetic_plan_data(2)
    data.name = ["Lista"]
    data.actions[0].items = "teksti"
    with pytest.raises(ImportRefused) as refusal:
        save_plan(data)
    assert len(refusal.value.problems) == 2
    assert Plan.objects.count() == 0


def test_save_plan_refuses_a_subgoal_number_twice():
    data = synthetic_plan_data(2)
    data.goals[0].subgoals[1].number = data.goals[0].subgoals[0].number
    with pytest.raises(ImportRefused, match="I.1"):
        save_plan(data)
    assert Plan.objects.count() == 0


def test_other_data_classes_are_checked_against_their_own_models(in_english):
    """How the backup's rounds or reports are checked: a mapping of data class -> model."""
    action = ActionData("Organisaatio 1", ["I.1"], schedule="s" * 501, permanence="x", line=7)
    problems = check_values(action, {ActionData: Action})
    assert [(p.line, p.message) for p in problems] == [
        (7, "Action, schedule: at most 500 characters are allowed, this has 501."),
        (7, "Action, permanence: “x” is not one of: permanent, project, pilot, unknown."),
    ]
    assert check_values(PlanData("Nimi", 2024, 2027)) == []


# Spreadsheets -------------------------------------------------------------------------


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    import csv

    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


HEAD = ["Tunniste", "Organisaatio", "Välitavoitteet", "Kuvaus", "Aikataulu", "Mittarit"]


def test_csv_values_over_the_limits_are_refused_with_row_and_column(plan_of, in_english):
    plan = plan_of(2, organisations=1)
    action = plan.actions.first()
    rows = [HEAD, [action.pk, "Organisaatio 1", "I.1", "Kuvaus", "s" * 501, "Mittari"]]
    rows.append(["", "Organisaatio 1", "I.2", "Uusi", "2025", "Mittari"])
    with pytest.raises(ImportRefused) as refusal:
        read_changes_bytes(csv_bytes(rows), "actions.csv", plan)
    assert str(refusal.value.problems[0]) == (
        "actions.csv:2:5: Schedule: at most 500 characters are allowed, this has 501."
    )


def test_csv_with_a_nul_character_is_refused_with_its_line(plan_of, in_english):
    plan = plan_of(2, organisations=1)
    rows = [HEAD] + [["", "Organisaatio 1", "I.1", f"Kuvaus {n}", "2025", "M"] for n in range(300)]
    rows.append(["", "Organisaatio 1", "I.1", "Ku\x00vaus", "2025", "Mittari"])
    with pytest.raises(
        ImportRefused, match=r"actions.csv:302:4: Description: the text has a NUL character"
    ):
        read_changes_bytes(csv_bytes(rows), "actions.csv", plan)


def test_xlsx_values_over_the_limits_are_refused_with_sheet_row_and_column(
    client, plan_of, in_english
):
    plan = plan_of(2, organisations=1)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("plans:export-xlsx", args=[plan.slug])).getvalue())
    )
    book.active.cell(row=3, column=7, value="s" * 600)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportRefused) as refusal:
        read_changes_bytes(out.getvalue(), "actions.xlsx", plan)
    assert ":3:7: Schedule: at most 500 characters are allowed" in str(refusal.value)


# The web upload -----------------------------------------------------------------------


def test_the_upload_page_shows_wrong_types_and_limits_never_a_500(client, people, exported):
    exported["plan"]["name"] = ["Lista"]
    exported["actions"][0]["schedule"] = "s" * 501
    client.force_login(people.alice)
    plans = Plan.objects.count()
    upload = SimpleUploadedFile("plan.json", json.dumps(exported).encode())
    response = client.post(reverse("plans:import"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "plan.name" in page
    assert Plan.objects.count() == plans


def test_the_upload_page_refuses_deep_nesting(client, people):
    client.force_login(people.alice)
    raw = b'{"format": "lanu-plan/1", "goals": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile("p.json", raw)})
    assert response.status_code == 200
    assert "20" in response.content.decode()
    assert "sisäkkäin" in response.content.decode()


def test_a_text_importer_names_the_actions_line(seed_path, in_english):
    """Seed 004 with a NUL in the action of line 75 (past the first 8 KB, so read as text)."""
    text = seed_path("004").read_text(encoding="utf-8")
    text = text.replace("Talousneuvolatoimintaa laajennetaan", "Talous\x00neuvola laajenee")
    with pytest.raises(ImportRefused) as refusal:
        read_plan_bytes(text.encode("utf-8"), "004.txt")
    [problem] = refusal.value.problems
    assert (problem.file, problem.line) == ("004.txt", 75)
    assert "description: the text has a NUL character" in problem.message
