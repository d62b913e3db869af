"""Excel sheets and CSV tables other than Lanu's template, read into the general Document."""

import datetime
import io
import zipfile

import openpyxl
import pytest

from lanu.importers.data import ImportRefused
from lanu.importers.general.document import Document
from lanu.importers.general.sheets import read_csv, read_xlsx

SWEDISH = ["Fokusområde", "Mål", "Åtgärd", "Ansvarig", "Tidtabell", "Mätare"]


def xlsx(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def texts(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def swedish_plan() -> bytes:
    """A plan as a Swedish coordinator types it: a title above, the goal merged down over
    its group, the next group's goal written only on its first row, a list in a cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Åtgärder"
    sheet.append(["Välfärdsplan för barn och unga 2025–2028"])
    sheet.append([])
    sheet.append(SWEDISH)
    sheet.append(["1 Hälsa", "1.1 Rörelse", "Simskola\n- för barn\n- för unga", "Kommunen"])
    sheet.append([None, None, "Idrottsdag", "Skolan", datetime.date(2025, 3, 1), 0.25])
    sheet.append(["2 Trygghet", "2.1 Skola", "Kamratstöd", "Skolan", 2024.0, 12.5])
    sheet.append([None, None, "Föräldrakvällar", "Familjecentralen", 2026])
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    sheet.merge_cells("A1:F1")
    sheet["F5"].number_format = "0%"
    return xlsx(book)


def test_a_sheet_is_one_table_named_by_the_sheet():
    document = read_xlsx(swedish_plan(), "plan.xlsx")

    assert isinstance(document, Document) and document.kind == "xlsx"
    (table,) = document.tables()
    assert (table.number, table.name, table.origin) == (1, "Åtgärder", "sheet Åtgärder")
    assert document.blocks[0].origin == "sheet Åtgärder"
    assert texts(table)[1] == SWEDISH
    assert all(len(row) == len(SWEDISH) for row in table.rows)


def test_a_goal_merged_down_leaves_its_covered_places_merged_up():
    table = read_xlsx(swedish_plan(), "plan.xlsx").tables()[0]

    covered = table.rows[3]
    assert [cell.merged for cell in covered[:3]] == ["up", "up", ""]
    assert covered[0].paragraphs == [] and covered[2].text == "Idrottsdag"
    assert table.rows[2][0].text == "1 Hälsa" and table.rows[2][0].merged == ""
    # written only on its group's first row: an empty cell, not a merged one
    assert (table.rows[5][0].text, table.rows[5][0].merged) == ("", "")


def test_a_title_merged_across_leaves_its_places_merged_left():
    table = read_xlsx(swedish_plan(), "plan.xlsx").tables()[0]

    title = table.rows[0]
    assert title[0].text == "Välfärdsplan för barn och unga 2025–2028"
    assert [cell.merged for cell in title[1:]] == ["left"] * 5


def test_the_empty_row_between_title_and_headings_is_left_out():
    table = read_xlsx(swedish_plan(), "plan.xlsx").tables()[0]

    assert texts(table)[1] == SWEDISH
    assert len(table.rows) == 6


def test_line_breaks_and_dashes_in_a_cell_are_paragraphs_and_bullets():
    cell = read_xlsx(swedish_plan(), "plan.xlsx").tables()[0].rows[2][2]

    assert [(p.text, p.bullet) for p in cell.paragraphs] == [
        ("Simskola", False),
        ("för barn", True),
        ("för unga", True),
    ]


def test_numbers_and_dates_are_the_text_a_person_sees():
    rows = texts(read_xlsx(swedish_plan(), "plan.xlsx").tables()[0])

    assert rows[3][4:] == ["1.3.2025", "25 %"]
    assert rows[4][4:] == ["2024", "12,5"]
    assert rows[5][4] == "2026"


def test_each_non_empty_sheet_is_a_table_in_the_workbooks_order():
    book = openpyxl.Workbook()
    book.active.title = "Ohjeet"
    for name in ("Tyhjä", "Toimenpiteet", "Piilotettu", "Mittarit"):
        book.create_sheet(name)
    book["Ohjeet"]["C5"] = "Täytä taulukko"
    book["Toimenpiteet"].append(["Tavoite", "Toimenpide", "Vastuutaho"])
    book["Piilotettu"].append(["apulista"])
    book["Piilotettu"].sheet_state = "hidden"
    book["Mittarit"]["B2"] = "Mittari"
    book["Mittarit"]["B40"] = "Harrastavien osuus"

    tables = read_xlsx(xlsx(book), "suunnitelma.xlsx").tables()

    names = [(1, "Ohjeet"), (2, "Toimenpiteet"), (3, "Mittarit")]
    assert [(t.number, t.name) for t in tables] == names
    assert texts(tables[0]) == [["Täytä taulukko"]]
    assert texts(tables[2]) == [["Mittari"], ["Harrastavien osuus"]]


def test_a_damaged_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")

    with pytest.raises(ImportRefused) as refused:
        read_xlsx(buffer.getvalue(), "rikki.xlsx")

    assert refused.value.problems[0].message == (
        "Excel-tiedosto on vioittunut: sen välilehtiä ei voi lukea."
    )


CSV_PLAN = (
    "Tavoite{s}Toimenpide{s}Vastuutaho{s}Aikataulu\n"
    '1 Lapset liikkuvat{s}"Uimakoulu\n- kesällä\n- syksyllä"{s}Liikuntapalvelut, koulut{s}2025\n'
    "{s}Liikuntapäivä{s}Koulut{s}2026\n"
)


@pytest.mark.parametrize("separator", [";", ","])
def test_a_csv_is_one_table_split_at_its_separator(separator):
    text = CSV_PLAN.format(s=separator)
    if separator == ",":
        text = text.replace("Liikuntapalvelut, koulut", '"Liikuntapalvelut, koulut"')

    document = read_csv(text, "suunnitelma.csv")

    assert document.kind == "csv"
    (table,) = document.tables()
    assert texts(table) == [
        ["Tavoite", "Toimenpide", "Vastuutaho", "Aikataulu"],
        ["1 Lapset liikkuvat", "Uimakoulu\nkesällä\nsyksyllä", "Liikuntapalvelut, koulut", "2025"],
        ["", "Liikuntapäivä", "Koulut", "2026"],
    ]
    assert [p.bullet for p in table.rows[1][1].paragraphs] == [False, True, True]


def test_a_csv_with_commas_in_its_texts_is_split_at_its_semicolons():
    text = "Mål;Åtgärd;Ansvarig\nBarn, unga och familjer mår bra;Simskola, idrott;Kommun, skola\n"

    rows = texts(read_csv(text, "plan.csv").tables()[0])

    assert rows[1] == ["Barn, unga och familjer mår bra", "Simskola, idrott", "Kommun, skola"]


def test_a_csv_with_too_many_rows_is_refused(monkeypatch):
    monkeypatch.setattr("lanu.importers.general.sheets.MAX_ROWS", 2)

    with pytest.raises(ImportRefused) as refused:
        read_csv(CSV_PLAN.format(s=";") + ";Kerho;Nuorisopalvelut;2027\n", "suuri.csv")

    assert refused.value.problems[0].message == "Tiedostossa on yli 2 riviä."


def test_a_sheet_of_too_many_places_is_refused(monkeypatch):
    """A few bytes of a sheet can claim a million empty rows between two values."""
    monkeypatch.setattr("lanu.importers.general.office_text.MAX_PLACES", 1000)
    book = openpyxl.Workbook()
    book.active["A1"], book.active["B600"] = "Tavoite", "Toimenpide"

    with pytest.raises(ImportRefused) as refused:
        read_xlsx(xlsx(book), "suuri.xlsx")

    assert "yli 1 000 solua" in refused.value.problems[0].message


def with_merges(raw: bytes, refs: list[str]) -> bytes:
    """The workbook with its first sheet's merged ranges replaced by `refs`, as written:
    openpyxl does not write ranges that overlap (nor does Excel)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
                tag = f'<mergeCells count="{len(refs)}">{merges}</mergeCells>'
                data = data.replace(b"</sheetData>", b"</sheetData>" + tag.encode())
            new.writestr(item, data)
    return out.getvalue()


def test_merged_ranges_covering_places_many_times_over_are_refused_as_damaged():
    book = openpyxl.Workbook()
    for row in range(1, 4):
        book.active.append([f"{row}.{column}" for column in range(1, 4)])
    raw = with_merges(xlsx(book), ["A1:C3", "A1:C2", "A1:B3", "B1:C3"])

    with pytest.raises(ImportRefused) as refused:
        read_xlsx(raw, "rikki.xlsx")

    assert refused.value.problems[0].message.startswith("Excel-tiedosto on vioittunut")
    rows = texts(read_xlsx(with_merges(xlsx(book), ["A1:A2", "B3:C3"]), "ehjä.xlsx").tables()[0])
    assert rows == [["1.1", "1.2", "1.3"], ["", "2.2", "2.3"], ["3.1", "3.2", ""]]
