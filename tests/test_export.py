"""Open data: the plan as JSON (CLI and web), and all actions as CSV and XLSX."""

import csv
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from lanu.importers import read_plan
from lanu.importers.save import save_plan
from lanu.plans.export import export_plan

pytestmark = pytest.mark.django_db


def exported_without_slug(plan) -> dict:
    document = export_plan(plan)
    document["plan"].pop("slug")
    return document


def test_export_json_has_the_documented_keys(client, plan_of):
    plan = plan_of(4)
    document = json.loads(client.get(reverse("plans:export-json", args=[plan.slug])).getvalue())
    assert document["format"] == "lanu-plan/1"
    assert document["plan"]["slug"] == plan.slug
    assert document["plan"]["level_labels"] == {
        "goal": "Päätavoite",
        "subgoal": "Välitavoite",
        "action": "Toimenpide",
        "goal_sv": "Huvudmål",
        "goal_en": "Main goal",
        "subgoal_sv": "Delmål",
        "subgoal_en": "Sub-goal",
        "action_sv": "Åtgärd",
        "action_en": "Action",
    }
    assert document["organisations"][0] == {
        "name": "Organisaatio 1",
        "short_name": "",
        "kind": "other",
        "aliases": [],
    }
    assert [g["number"] for g in document["goals"]] == ["I", "II", "III"]
    first = document["actions"][0]
    assert first["subgoals"] == ["I.1", "I.2"]
    assert first["metrics"] == ["Mittari 0.1", "Mittari 0.2"]
    assert first["metrics_by_mother_tongue"] == [1]
    assert first["items"] == ["Kohta 0.1", "Kohta 0.2"]


def test_export_plan_public_prints_the_same_json_as_the_web(client, plan_of, capsys):
    plan = plan_of(3)
    call_command("export-plan", plan.slug, "--public")
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(
        client.get(reverse("plans:export-json", args=[plan.slug])).getvalue()
    )


def test_exported_json_imports_back_to_an_equal_plan(plan_of, tmp_path):
    plan = plan_of(20)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(export_plan(plan), ensure_ascii=False), encoding="utf-8")
    copy = save_plan(read_plan(path), slug="copy")
    assert exported_without_slug(copy) == exported_without_slug(plan)


def formula_plan(plan_of):
    plan = plan_of(2)
    action = plan.actions.order_by("order").first()
    action.description = '=HYPERLINK("http://evil.example","x")'
    action.responsible = "+358 40 123"
    action.monitoring = "@SUM(A1)"
    action.save()
    return plan


def test_csv_export_escapes_formulas_and_has_a_row_per_action(client, plan_of):
    plan = formula_plan(plan_of)
    response = client.get(reverse("plans:export-csv", args=[plan.slug]))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert len(rows) == 1 + 2
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Kuvaus"].startswith("'=HYPERLINK")
    assert first["Vastuutaho"] == "'+358 40 123"
    assert first["Seuranta"] == "'@SUM(A1)"
    assert first["Välitavoitteet"] == "I.1; I.2"


def test_xlsx_export_escapes_formulas(client, plan_of):
    plan = formula_plan(plan_of)
    response = client.get(reverse("plans:export-xlsx", args=[plan.slug]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 2
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Kuvaus"].startswith("'=HYPERLINK")
    assert sheet.cell(row=2, column=4).data_type == "s"


def web_csv(client, plan) -> str:
    return client.get(reverse("plans:export-csv", args=[plan.slug])).getvalue().decode("utf-8")


def test_export_plan_csv_on_standard_output_is_the_web_csv(client, plan_of):
    plan = formula_plan(plan_of)
    out = io.StringIO()
    call_command("export-plan", plan.slug, "--format", "csv", stdout=out)
    assert out.getvalue() == web_csv(client, plan)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert len(rows) == 1 + 2 and rows[1][rows[0].index("Kuvaus")].startswith("'=HYPERLINK")


def test_export_plan_csv_to_a_file_with_semicolons(client, plan_of, tmp_path):
    plan = plan_of(3)
    path = tmp_path / "actions.csv"
    call_command("export-plan", plan.slug, "--format=csv", "--separator=;", f"--output={path}")
    expected = client.get(reverse("plans:export-csv", args=[plan.slug]), {"sep": ";"})
    assert path.read_bytes() == expected.getvalue()


def test_export_plan_xlsx_has_the_web_exports_sheets_and_rows(client, plan_of, tmp_path):
    plan = formula_plan(plan_of)
    path = tmp_path / "plan.xlsx"
    call_command("export-plan", plan.slug, "--format", "xlsx", "--output", str(path))
    web = client.get(reverse("plans:export-xlsx", args=[plan.slug])).getvalue()
    mine, theirs = (openpyxl.load_workbook(source) for source in (path, io.BytesIO(web)))
    assert mine.sheetnames == theirs.sheetnames == ["Ohjeet", "Tavoitteet", "Toimenpiteet"]
    for name in mine.sheetnames:
        assert list(mine[name].values) == list(theirs[name].values)
    assert mine.active["D2"].value.startswith("'=HYPERLINK")


@pytest.mark.parametrize(
    ("language", "heading"), [("fi", "Organisaatio"), ("sv", "Ansvarig"), ("en", "Responsible")]
)
def test_export_plan_csv_in_a_language_is_that_languages_web_csv(
    client, plan_of, language, heading
):
    plan = plan_of(3)
    out = io.StringIO()
    call_command("export-plan", plan.slug, "--format=csv", f"--language={language}", stdout=out)
    with translation.override(language):
        url = reverse("plans:export-csv", args=[plan.slug])
    assert out.getvalue() == client.get(url).getvalue().decode("utf-8")
    assert heading in out.getvalue().splitlines()[0]


def test_export_plan_xlsx_in_swedish_has_swedish_sheets_and_headings(plan_of, tmp_path):
    plan = plan_of(2)
    path = tmp_path / "plan.xlsx"
    call_command("export-plan", plan.slug, "--format=xlsx", f"--output={path}", "--language=sv")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Anvisningar", "Mål", "Åtgärder"]
    headings = next(book["Åtgärder"].values)
    assert headings[:4] == ("ID", "Organisation", "Delmål", "Beskrivning")
    assert next(book["Mål"].values)[0] == "Huvudmålets nummer"


def test_export_plan_json_is_the_same_in_every_language(plan_of, capsys):
    plan = plan_of(2)
    printed = []
    for language in ("fi", "sv"):
        call_command("export-plan", plan.slug, "--public", f"--language={language}")
        printed.append(capsys.readouterr().out)
    assert printed[0] == printed[1] and '"actions"' in printed[0]


def test_export_plan_xlsx_needs_an_output_file(plan_of, in_english):
    plan = plan_of(1)
    with pytest.raises(CommandError, match="--output"):
        call_command("export-plan", plan.slug, "--format", "xlsx")


def test_export_plan_json_to_a_file_is_the_printed_json(plan_of, tmp_path, capsys):
    plan = plan_of(2)
    call_command("export-plan", plan.slug)
    printed = capsys.readouterr().out
    call_command("export-plan", plan.slug, "--format", "json", "--output", str(tmp_path / "p.json"))
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8")) == json.loads(printed)
    assert json.loads(printed)["format"] == "lanu-plan/1"


def test_export_plan_of_an_unknown_format_is_refused(plan_of):
    plan = plan_of(1)
    with pytest.raises(CommandError, match="pdf"):
        call_command("export-plan", plan.slug, "--format", "pdf")
