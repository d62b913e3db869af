"""Which reader a new plan's file goes to: a document people write goes to the general
reader (Word, ODT, an Excel workbook or a CSV table in its own columns); Lanu's own
formats and the seeds' text layouts are read as before."""

import io
import json

import docx
import openpyxl
import pytest

from lanu.importers import read_document_of, read_general, read_new_plan, read_plan_bytes
from lanu.importers.data import ImportRefused, PlanData
from lanu.importers.general.document import Document
from lanu.importers.general.result import Choices, PlanDetails

HEADER = ["Painopiste", "Tavoite", "Toimenpide", "Vastuutaho", "Mittarit"]
ROWS = [
    ["1. Osallisuus", "Lapset vaikuttavat", "Nuorisovaltuusto", "Nuorisopalvelut", "Kokoukset"],
    ["", "", "Oppilaskunnat", "Koulut", "Kyselyt"],
    ["2. Turvallisuus", "Turvallinen koulutie", "Suojatiet kuntoon", "Tekninen toimi", "Suojatiet"],
]


def workbook_bytes(sheet_name: str = "Toimenpiteet") -> bytes:
    """A plan typed into Excel: the goal only on its group's first row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    for row in [HEADER, *ROWS]:
        sheet.append([value or None for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def word_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Kotkan kaupunki")
    document.add_heading("Lasten ja nuorten hyvinvointisuunnitelma 2024–2026", level=1)
    table = document.add_table(rows=0, cols=len(HEADER))
    for values in [HEADER, *ROWS]:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_plan_is_read_by_the_general_reader():
    data = read_plan_bytes(word_bytes(), "plan.docx")
    assert (data.name, data.period_start) == (
        "Lasten ja nuorten hyvinvointisuunnitelma 2024–2026",
        2024,
    )
    assert [(g.number, g.title) for g in data.goals] == [("1", "Osallisuus"), ("2", "Turvallisuus")]
    assert [a.description for a in data.actions] == [
        "Nuorisovaltuusto",
        "Oppilaskunnat",
        "Suojatiet kuntoon",
    ]
    assert data.organisations[0].name == "Kotkan kaupunki"


def test_excel_workbook_in_its_own_columns_is_a_document_for_the_general_reader(in_english):
    raw = workbook_bytes()
    document = read_document_of(raw, "plan.xlsx")
    assert (document.kind, document.tables()[0].name) == ("xlsx", "Toimenpiteet")
    with pytest.raises(ImportRefused) as refusal:
        read_plan_bytes(raw, "plan.xlsx")  # the sheet names no plan, period or organisation
    messages = str(refusal.value)
    assert "Name the plan's organisation" in messages and "hyvinvointialue" not in messages
    details = PlanDetails(
        name="Kotkan suunnitelma", period_start=2024, period_end=2026, organisations=["Kotka"]
    )
    reading = read_general(document, Choices(details=details))
    assert [a.subgoals[0] for a in reading.data.actions] == ["1.1", "1.1", "2.1"]
    assert {a.organisation for a in reading.data.actions} == {"Kotka"}


def test_a_sheet_named_like_a_contents_line_still_gives_its_actions():
    document = read_document_of(workbook_bytes("Toimenpiteet.....3"), "plan.xlsx")
    details = PlanDetails(name="Kotka", period_start=2024, period_end=2026, organisations=["Kotka"])

    reading = read_general(document, Choices(details=details))

    assert [a.description for a in reading.data.actions] == [
        "Nuorisovaltuusto",
        "Oppilaskunnat",
        "Suojatiet kuntoon",
    ]


def test_csv_table_that_no_text_format_knows_is_a_document():
    text = "\n".join(";".join(row) for row in [HEADER, *ROWS])
    found = read_new_plan(text.encode("utf-8"), "plan.csv")
    assert isinstance(found, Document) and found.kind == "csv"
    assert found.tables()[0].rows[0][2].text == "Toimenpide"


def test_lanu_json_and_seed_texts_are_read_as_before(seed_path):
    export = {"format": "lanu-plan", "version": 1}
    raw = seed_path("004").read_bytes()
    assert read_document_of(raw, "004.txt") is None
    assert isinstance(read_new_plan(raw, "004.txt"), PlanData)
    with pytest.raises(ImportRefused):
        read_document_of(json.dumps(export).encode(), "plan.json")  # read, and refused


def test_text_that_is_no_table_is_not_recognised(in_english):
    with pytest.raises(ImportRefused) as refusal:
        read_new_plan("Hyvä vastaanottaja,\nkiitos viestistä.\n".encode(), "letter.txt")
    assert "No plan was recognised" in str(refusal.value)
