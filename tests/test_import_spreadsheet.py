"""Lanu's action template: XLSX and CSV, as a new plan and into an existing plan."""

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from lanu.history.models import Change
from lanu.importers import read_plan, read_plan_changes
from lanu.importers.changes import apply_changes
from lanu.importers.data import ImportRefused
from lanu.importers.save import save_plan
from lanu.plans.export import export_plan
from lanu.plans.models import Action, Plan

pytestmark = pytest.mark.django_db

HEADINGS = {
    "fi": ["Tunniste", "Organisaatio", "Välitavoitteet", "Kuvaus", "Kohdat", "Mittarit"],
    "sv": ["ID", "Organisation", "Delmål", "Beskrivning", "Punkter", "Mätare"],
    "en": ["id", "ORGANISATION", "Sub-goals", "description", "Items", "Metrics"],
}
GOAL_HEADINGS = {
    "fi": ["Päätavoitteen numero", "Päätavoite", "Välitavoitteen numero", "Välitavoite"],
    "sv": ["Huvudmålets nummer", "Huvudmål", "Delmålets nummer", "Delmål"],
    "en": ["Goal number", "Goal title", "Sub-goal number", "Sub-goal title"],
}


def xlsx_of_plan_data(data, path, language="fi"):
    """The plan's goals and actions written in the template's sheets with openpyxl."""
    book = openpyxl.Workbook()
    info = book.active
    info.append(["Ohjeet"])
    info.append(["Suunnitelman nimi / Planens namn / Name of the plan", data.name])
    info.append(["Kausi", f"{data.period_start}–{data.period_end}"])
    goals = book.create_sheet("Goals")
    goals.append(GOAL_HEADINGS[language])
    for goal in data.goals:
        for sub in goal.subgoals:
            goals.append([goal.number, goal.title, sub.number, sub.title])
    actions = book.create_sheet("Actions")
    actions.append(HEADINGS[language] + ["Vastuutaho"])
    for a in data.actions:
        metrics = "\n".join(m.text for m in a.metrics)
        row = ["", a.organisation, "; ".join(a.subgoals), a.description, "\n".join(a.items)]
        actions.append(row + [metrics, a.responsible])
    book.save(path)
    return path


def structure(data) -> dict:
    return {
        "plan": (data.name, data.period_start, data.period_end),
        "goals": [
            (g.number, g.title, [(s.number, s.title) for s in g.subgoals]) for g in data.goals
        ],
        "organisations": [o.name for o in data.organisations],
        "actions": [
            (a.organisation, a.subgoals, a.description, a.items, a.responsible)
            + ([m.text for m in a.metrics],)
            for a in data.actions
        ],
    }


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_xlsx_of_seed_004_imports_like_its_text(seed_path, tmp_path, language):
    from_text = read_plan(seed_path("004"))
    path = xlsx_of_plan_data(from_text, tmp_path / "plan.xlsx", language)
    from_excel = read_plan(path)
    assert structure(from_excel) == structure(from_text)
    assert len(from_excel.actions) > 20


def test_xlsx_of_seed_003_makes_the_same_plan(seed_path, tmp_path):
    from_text = read_plan(seed_path("003"))
    plan = save_plan(read_plan(xlsx_of_plan_data(from_text, tmp_path / "plan.xlsx")))
    assert plan.goals.count() == 3
    assert plan.organisations.count() == 11
    assert plan.actions.count() == len(from_text.actions)


def exported(client, plan) -> bytes:
    return client.get(reverse("plans:export-xlsx", args=[plan.slug])).getvalue()


def edit_cells(content: bytes, path, edits: dict[tuple[int, str], str]):
    """Set cells of the actions sheet, by row and heading; return the file's path."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    headings = [cell.value for cell in sheet[1]]
    for (row, heading), value in edits.items():
        sheet.cell(row=row, column=headings.index(heading) + 1, value=value)
    book.save(path)
    return path


def test_exported_xlsx_has_instructions_goals_and_actions(client, plan_of):
    plan = plan_of(3)
    book = openpyxl.load_workbook(io.BytesIO(exported(client, plan)))
    assert book.sheetnames == ["Ohjeet", "Tavoitteet", "Toimenpiteet"]
    assert book.active.title == "Toimenpiteet"
    instructions = " ".join(str(c) for row in book["Ohjeet"].values for c in row if c)
    assert "Lanun toimenpidepohja" in instructions and "Lanu's action template" in instructions
    assert "Lanus åtgärdsmall" in instructions and "2024–2027" in instructions
    goals = list(book["Tavoitteet"].values)
    assert goals[0] == tuple(GOAL_HEADINGS["fi"])
    assert goals[1] == ("I", "Päätavoite I", "1", "Välitavoite I.1")


def test_edited_export_changes_two_cells_and_nothing_else(client, plan_of, tmp_path):
    plan = plan_of(6)
    before = export_plan(plan)
    versions = dict(plan.actions.values_list("pk", "version"))
    first, third = plan.actions.order_by("order")[0], plan.actions.order_by("order")[2]
    edits = {(2, "Kuvaus"): "Uusi kuvaus", (4, "Aikataulu"): "2025 alkaen"}
    path = edit_cells(exported(client, plan), tmp_path / "actions.xlsx", edits)
    call_command("import-plan", str(path), "--plan", plan.slug)
    after = export_plan(plan)
    assert after["actions"][0]["description"] == "Uusi kuvaus"
    assert after["actions"][2]["schedule"] == "2025 alkaen"
    before["actions"][0]["description"] = "Uusi kuvaus"
    before["actions"][2]["schedule"] = "2025 alkaen"
    before["actions"][2]["start_date"] = "2025-01-01"  # the new schedule states it
    assert after == before
    changes = Change.objects.filter(kind=Change.Kind.CHANGED).order_by("object_id")
    assert [(c.object_id, c.user, [f["field"] for f in c.fields]) for c in changes] == [
        (first.pk, None, ["description"]),
        (third.pk, None, ["schedule", "start_date"]),
    ]
    assert changes[0].fields[0]["old"].startswith("Toimenpide 0:")
    versions[first.pk] += 1
    versions[third.pk] += 1
    assert dict(plan.actions.values_list("pk", "version")) == versions


def test_unedited_export_changes_nothing(client, plan_of, tmp_path):
    plan = plan_of(5)
    path = tmp_path / "actions.xlsx"
    path.write_bytes(exported(client, plan))
    found = read_plan_changes(path, plan)
    assert found.empty and found.unchanged == 5 and found.missing == 0


@pytest.mark.usefixtures("in_english")
def test_rows_without_id_are_new_and_missing_rows_are_left_alone(client, plan_of, tmp_path):
    plan = plan_of(4)
    book = openpyxl.load_workbook(io.BytesIO(exported(client, plan)))
    sheet = book.active
    sheet.delete_rows(3, 2)  # two actions are not in the file
    sheet.append(["", "Organisaatio 2", "II.3", "Uusi toimenpide", "", "Uusi mittari"])
    book.save(tmp_path / "actions.xlsx")
    found = read_plan_changes(tmp_path / "actions.xlsx", plan)
    assert (len(found.updates), len(found.new_actions), found.missing) == (0, 1, 2)
    assert "2 of the plan's actions are not in the file" in found.report[0]
    apply_changes(found, user=None)
    assert plan.actions.count() == 5
    new = plan.actions.get(description="Uusi toimenpide")
    assert [s.key for s in new.subgoals.all()] == ["II.3"]
    assert [m.text for m in new.metrics.all()] == ["Uusi mittari"]
    assert Change.objects.filter(kind=Change.Kind.CREATED, object_id=new.pk).exists()


def test_exported_xlsx_makes_a_new_equal_plan(client, plan_of, tmp_path):
    plan = plan_of(8, 4)  # an organisation without actions would not be in the file
    path = tmp_path / "plan.xlsx"
    path.write_bytes(exported(client, plan))
    copy = save_plan(read_plan(path), slug="copy")
    original, again = export_plan(plan), export_plan(copy)
    assert again["goals"] == original["goals"]
    assert [o["name"] for o in again["organisations"]] == [
        o["name"] for o in original["organisations"]
    ]
    for action in original["actions"] + again["actions"]:
        action.pop("metrics_by_mother_tongue")  # the spreadsheet has no column for it
    for action in original["actions"]:
        assert action["schedule"] == "2024 alkaen" and action["start_date"] is None
        action["start_date"] = "2024-01-01"  # an empty cell takes what the schedule states
    assert again["actions"] == original["actions"]
    assert (copy.name, copy.period_start, copy.period_end) == (plan.name, 2024, 2027)


def test_edited_csv_export_is_applied(client, plan_of, tmp_path):
    plan = plan_of(3)
    text = client.get(reverse("plans:export-csv", args=[plan.slug])).getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    rows[1][rows[0].index("Vastuutaho")] = "Nuorisopalvelut"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / "actions.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    apply_changes(read_plan_changes(path, plan), user=None)
    assert plan.actions.order_by("order")[0].responsible == "Nuorisopalvelut"
    assert plan.actions.filter(responsible="Perhekeskus").count() == 2


def test_csv_cannot_make_a_new_plan(client, plan_of, tmp_path, in_english):
    plan = plan_of(2)
    path = tmp_path / "actions.csv"
    path.write_bytes(client.get(reverse("plans:export-csv", args=[plan.slug])).getvalue())
    with pytest.raises(ImportRefused) as refusal:
        read_plan(path)
    assert "A CSV file has only actions, no goals" in str(refusal.value)


def test_bad_cells_are_refused_with_row_and_column(client, plan_of, tmp_path, in_english):
    plan = plan_of(3)
    edits = {(2, "Sub-goals"): "IX.9", (3, "Start date"): "ensi vuonna"}
    edits |= {(4, "Permanence"): "ikuinen", (4, "Organisation"): "Tuntematon ry"}
    path = edit_cells(exported(client, plan), tmp_path / "actions.xlsx", edits)
    with pytest.raises(ImportRefused) as refusal:
        read_plan_changes(path, plan)
    problems = {(p.line, p.column): p.message for p in refusal.value.problems}
    assert problems[(2, 3)] == "Unknown sub-goal “IX.9”."
    assert problems[(3, 8)].startswith("“ensi vuonna” is not a date")
    assert problems[(4, 10)].startswith("“ikuinen” is not one of")
    assert problems[(4, 2)] == "“Tuntematon ry” does not take part in this plan."
    assert "actions.xlsx / Actions:2:3: Unknown" in str(refusal.value)


def test_import_into_a_missing_plan_is_refused(tmp_path):
    path = tmp_path / "actions.csv"
    path.write_text("ID,Organisation,Description\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import-plan", str(path), "--plan", "nothing")
    assert Plan.objects.count() == 0


def test_formula_escapes_are_undone_on_import(client, plan_of, tmp_path):
    plan = plan_of(2)
    action = plan.actions.order_by("order").first()
    Action.objects.filter(pk=action.pk).update(description="=1+1", monitoring="- kuukausittain")
    path = tmp_path / "actions.xlsx"
    path.write_bytes(exported(client, plan))
    assert read_plan_changes(path, plan).empty


def with_new_rows(content: bytes, path, rows: list[list[str]]):
    book = openpyxl.load_workbook(io.BytesIO(content))
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


NEW_ROWS = [
    ["", "Organisaatio 2", "II.3", "Uusi kerhotoiminta", "Kerho\nLeiri", "Osallistujat"],
    ["", "Organisaatio 1", "I.1", "Uusi vanhempainilta", "", ""],
]


@pytest.mark.usefixtures("in_english")
def test_a_file_applied_twice_adds_its_new_rows_once(client, plan_of, tmp_path):
    plan = plan_of(3)
    path = with_new_rows(exported(client, plan), tmp_path / "actions.xlsx", NEW_ROWS)
    apply_changes(read_plan_changes(path, plan), user=None)
    assert plan.actions.count() == 5
    again = read_plan_changes(path, plan)
    assert again.empty and not again.new_actions
    assert [a.description for a in again.already_there] == [row[3] for row in NEW_ROWS]
    assert "2 rows without an ID are already in the plan" in " ".join(again.report)
    apply_changes(again, user=None)
    assert plan.actions.count() == 5
    assert plan.actions.filter(description="Uusi kerhotoiminta").count() == 1


def test_already_there_ignores_case_and_spaces_but_not_other_words(client, plan_of, tmp_path):
    plan = plan_of(3)
    first = with_new_rows(exported(client, plan), tmp_path / "first.xlsx", NEW_ROWS)
    apply_changes(read_plan_changes(first, plan), user=None)
    rows = [
        ["", "organisaatio 2", "II.3", "  uusi  KERHOTOIMINTA ", "kerho\n Leiri", ""],
        ["", "Organisaatio 2", "II.3", "Uusi kerhotoiminta", "Kerho\nRetki", ""],  # items
        ["", "Organisaatio 1", "I.2", "Uusi vanhempainilta", "", ""],  # another sub-goal
        ["", "Organisaatio 2", "I.1", "Uusi vanhempainilta", "", ""],  # another organisation
    ]
    second = with_new_rows(exported(client, plan), tmp_path / "second.xlsx", rows)
    found = read_plan_changes(second, plan)
    assert [a.line for a in found.already_there] == [7]
    assert [a.line for a in found.new_actions] == [8, 9, 10]


def test_the_same_new_row_twice_in_one_file_is_added_once(client, plan_of, tmp_path):
    plan = plan_of(2)
    path = with_new_rows(exported(client, plan), tmp_path / "a.xlsx", [NEW_ROWS[1]] * 2)
    found = read_plan_changes(path, plan)
    assert (len(found.new_actions), len(found.already_there)) == (1, 1)


def test_preview_counts_the_rows_already_there(client, plan_of, tmp_path):
    from lanu.importers.preview import changes_counts

    plan = plan_of(3)
    path = with_new_rows(exported(client, plan), tmp_path / "actions.xlsx", NEW_ROWS)
    apply_changes(read_plan_changes(path, plan), user=None)
    goals, organisations = changes_counts(read_plan_changes(path, plan))
    assert [(c.label.split()[0], c.new, c.already) for c in goals] == [("I", 0, 1), ("II", 0, 1)]
    assert {c.label: (c.new, c.changed, c.already) for c in organisations} == {
        "Organisaatio 2": (0, 0, 1),
        "Organisaatio 1": (0, 0, 1),
    }


@pytest.mark.usefixtures("in_english")
def test_import_plan_command_lists_the_rows_already_there(client, plan_of, tmp_path, capsys):
    plan = plan_of(3)
    path = with_new_rows(exported(client, plan), tmp_path / "actions.xlsx", NEW_ROWS)
    call_command("import-plan", str(path), "--plan", plan.slug)
    call_command("import-plan", str(path), "--plan", plan.slug)
    printed = capsys.readouterr().out
    assert printed.count("New: Organisaatio 2, Uusi kerhotoiminta") == 1
    assert "Already there: Organisaatio 2, Uusi kerhotoiminta" in printed
    assert plan.actions.count() == 5


SCHEDULE_ROWS = {  # schedule, start and end cells -> start date, end date, permanence
    "2024 alkaen": ("", "", ("2024-01-01", None, "unknown")),
    "Pysyvää toimintaa, aloitettu vuonna 2019": ("", "", ("2019-01-01", None, "permanent")),
    "Kokeilu vuoden 2025 loppuun": ("", "", (None, "2025-12-31", "pilot")),
    "Från 2025, projekt": ("", "", ("2025-01-01", None, "project")),
    "2026 alkaen, hanke": ("1.3.2026", "", ("2026-03-01", None, "project")),  # kept as written
}


def schedule_rows() -> list[list[str]]:
    headings = ["Tunniste", "Organisaatio", "Välitavoitteet", "Kuvaus", "Aikataulu"]
    rows = [headings + ["Alkupäivä", "Loppupäivä"]]
    for n, (text, (start, end, _expected)) in enumerate(SCHEDULE_ROWS.items()):
        rows.append(["", "Organisaatio 1", "I.1", f"Aikataulutettu {n}", text, start, end])
    return rows


def test_new_rows_take_dates_and_permanence_from_their_schedule(plan_of, tmp_path):
    plan = plan_of(1)
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(schedule_rows())
    path = tmp_path / "actions.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    apply_changes(read_plan_changes(path, plan), user=None)
    for n, (_start, _end, expected) in enumerate(SCHEDULE_ROWS.values()):
        action = plan.actions.get(description=f"Aikataulutettu {n}")
        dates = [str(day) if day else None for day in (action.start_date, action.end_date)]
        assert (*dates, action.permanence) == expected


def test_a_new_plan_from_excel_takes_dates_from_its_schedules(seed_path, tmp_path):
    data = read_plan(seed_path("004"))
    for action in data.actions:
        action.schedule = "Vuoden 2025 loppuun asti kokeilu"
    copy = read_plan(xlsx_of_plan_data(data, tmp_path / "plan.xlsx"))
    assert {(str(a.end_date), a.permanence) for a in copy.actions} <= {("None", "unknown")}
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    sheet = book["Actions"]
    sheet.cell(row=1, column=sheet.max_column + 1, value="Aikataulu")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=sheet.max_column, value="Kokeilu vuoden 2025 loppuun")
    book.save(tmp_path / "plan.xlsx")
    copy = read_plan(tmp_path / "plan.xlsx")
    assert {(str(a.end_date), a.permanence) for a in copy.actions} == {("2025-12-31", "pilot")}


@pytest.mark.parametrize(
    "language, labels",
    [("fi", ("Pysyvä", "Vaikea")), ("sv", ("Permanent", "Svår")), ("en", ("Permanent", "Hard"))],
)
def test_choices_are_exported_in_the_readers_language_and_read_in_any(
    client, plan_of, tmp_path, language, labels
):
    plan = plan_of(2)
    with translation.override(language):  # the page in that language; reset after it
        url = reverse("plans:export-csv", args=[plan.slug])
        text = client.get(url).getvalue().decode()
    assert url.startswith("/plans/" if language == "fi" else f"/{language}/plans/")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    cells = dict(zip(rows[0], rows[1], strict=True))
    permanence, ease = labels
    assert permanence in cells.values() and ease in cells.values()
    path = tmp_path / "actions.csv"
    path.write_text(text, encoding="utf-8")
    with translation.override("fi"):
        assert read_plan_changes(path, plan).empty  # the same values, read in Finnish


def test_an_unknown_permanence_lists_the_choices_in_the_readers_language(client, plan_of, tmp_path):
    plan = plan_of(2)
    path = edit_cells(exported(client, plan), tmp_path / "a.xlsx", {(2, "Pysyvyys"): "ikuinen"})
    with translation.override("sv"), pytest.raises(ImportRefused) as refusal:
        read_plan_changes(path, plan)
    allowed = "Permanent, Projektfinansierad, Försök, Okänd"
    assert f"”ikuinen” är inte något av följande: {allowed}." in str(refusal.value)


def test_a_file_without_an_items_column_compares_the_descriptions(client, plan_of, tmp_path):
    plan = plan_of(3)
    first = with_new_rows(exported(client, plan), tmp_path / "first.xlsx", NEW_ROWS)
    apply_changes(read_plan_changes(first, plan), user=None)
    path = tmp_path / "actions.csv"
    rows = [["Organisaatio", "Välitavoitteet", "Kuvaus"]]
    rows += [["Organisaatio 2", "II.3", "Uusi kerhotoiminta"], ["Organisaatio 2", "II.3", "Muu"]]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    found = read_plan_changes(path, plan)
    assert [a.description for a in found.already_there] == ["Uusi kerhotoiminta"]
    assert [a.description for a in found.new_actions] == ["Muu"]
