"""The Word reader: a .docx as the general reader's Document, as its writer laid it out."""

import io

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from lanu.importers.data import ImportRefused
from lanu.importers.general import word
from lanu.importers.general.document import Document
from tests.plan_documents import (
    PLAN_BODY,
    PLAN_NUMBERS,
    PLAN_TABLES,
    add_list,
    add_num,
    another_list,
    body,
    fill,
    number,
    numbers,
    plan_docx,
    tables,
)


def read(document) -> Document:
    stream = io.BytesIO()
    document.save(stream)
    return word.read(stream.getvalue(), "suunnitelma.docx")


def paragraphs(found: Document) -> list:
    return [block.paragraph for block in found.blocks if block.paragraph is not None]


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Document:
    path = plan_docx(tmp_path_factory.mktemp("word") / "plan.docx")
    return word.read(path.read_bytes(), "plan.docx")


def test_word_plan_reads_as_its_headings_paragraphs_and_tables_in_order(plan):
    assert (plan.source, plan.kind) == ("plan.docx", "docx")
    assert body(plan) == PLAN_BODY


def test_word_tables_keep_merged_places_bullets_and_empty_rows(plan):
    assert tables(plan) == PLAN_TABLES
    assert [block.origin for block in plan.blocks if block.table] == ["table 1", "table 2"]


def test_word_numbering_gives_headings_and_list_items_their_numbers(plan):
    assert numbers(plan) == PLAN_NUMBERS


def test_word_document_is_kept_as_json_unchanged(plan):
    assert Document.from_json(plan.to_json()) == plan


def test_word_numbering_in_roman_numerals_and_letters_restarts_as_word_does():
    document = docx.Document()
    roman = add_list(document, [("upperRoman", "%1."), ("upperLetter", "%2)")])
    for text, level in [("Osallisuus", 0), ("Kuuleminen", 1), ("Vaikuttaminen", 1)]:
        number(document.add_paragraph(text), roman, level)
    for text in ["Hyvinvointi", "Terveys", "Turvallisuus", "Oppiminen"]:
        number(document.add_paragraph(text), roman)
    number(document.add_paragraph("Alatavoite"), roman, 1)
    restarted = another_list(document, roman, restart=True)
    number(document.add_paragraph("Uusi lista"), restarted)
    number(document.add_paragraph("Jatkuu"), roman)
    found = [(p.text, p.number, p.bullet) for p in paragraphs(read(document))]
    assert found == [
        ("Osallisuus", "I", True),
        ("Kuuleminen", "A", True),
        ("Vaikuttaminen", "B", True),
        ("Hyvinvointi", "II", True),
        ("Terveys", "III", True),
        ("Turvallisuus", "IV", True),
        ("Oppiminen", "V", True),
        ("Alatavoite", "A", True),
        ("Uusi lista", "I", True),
        ("Jatkuu", "II", True),
    ]


def test_word_numbering_of_heading_styles_linked_to_a_list_style():
    """Word's multilevel list for headings: the heading styles carry the numbering, through
    a list style (numStyleLink) whose second level is "legal" (all levels in digits)."""
    document = docx.Document()
    levels = add_list(document, [("upperRoman", "%1."), ("decimal", "%1.%2.")])
    numbering = document.part.numbering_part.element
    abstract_id = next(n.abstractNumId.val for n in numbering.num_lst if str(n.numId) == levels)
    second = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[2]')[0]
    second.append(parse_xml(f"<w:isLgl {W}/>"))
    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="numbering" w:styleId="PlanList"><w:name w:val="Plan List"/>'
            f'<w:pPr><w:numPr><w:numId w:val="{levels}"/></w:numPr></w:pPr></w:style>'
        )
    )
    numbering.num_lst[0].addprevious(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="900"><w:numStyleLink w:val="PlanList"/>'
            "</w:abstractNum>"
        )
    )
    linked = add_num(document, 900)
    for style, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
        document.styles[style].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{linked}"/></w:numPr>')
        )
    for text, level in [("Osallisuus", 1), ("Kuuleminen", 2), ("Terveys", 1), ("Liikunta", 2)]:
        document.add_heading(text, level)
    found = [(p.text, p.level, p.number, p.bullet) for p in paragraphs(read(document))]
    assert found == [
        ("Osallisuus", 1, "I", False),
        ("Kuuleminen", 2, "1.1", False),
        ("Terveys", 1, "II", False),
        ("Liikunta", 2, "2.1", False),
    ]


def add_style(document, name: str, based_on: str | None = None, outline: int | None = None):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = document.styles[based_on]
    if outline is not None:
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{outline}"/>')
        )
    return style


def test_word_heading_levels_come_from_localised_styles_and_outline_levels():
    document = docx.Document()
    add_style(document, "Otsikko 2")  # a Finnish Word's name of Heading 2
    add_style(document, "Rubrik 3")  # a Swedish Word's name of Heading 3
    add_style(document, "Rubrik")  # Title in Swedish
    add_style(document, "Plan Goal", outline=0)  # the writer's own style: outline level 1
    add_style(document, "Plan Subgoal", based_on="Plan Goal", outline=1)
    add_style(document, "Goal Note", based_on="Heading 1", outline=9)  # body text
    document.add_paragraph("Hyvinvointisuunnitelma", style="Rubrik")
    document.add_paragraph("Lasten hyvinvointi", style="Otsikko 2")
    document.add_paragraph("Barnens välfärd", style="Rubrik 3")
    document.add_paragraph("Osallisuus", style="Plan Goal")
    document.add_paragraph("Kuulluksi tuleminen", style="Plan Subgoal")
    document.add_paragraph("Huomautus tavoitteesta", style="Goal Note")
    document.add_paragraph("Sisällys", style="TOC Heading")  # Heading 1 made body text
    direct = document.add_paragraph("Suora jäsennystaso")
    direct._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="3"/>'))
    found = [(p.text, p.level) for p in paragraphs(read(document))]
    assert found == [
        ("Hyvinvointisuunnitelma", 1),
        ("Lasten hyvinvointi", 2),
        ("Barnens välfärd", 3),
        ("Osallisuus", 1),
        ("Kuulluksi tuleminen", 2),
        ("Huomautus tavoitteesta", 0),
        ("Sisällys", 0),
        ("Suora jäsennystaso", 4),
    ]


def test_word_heading_broken_by_shift_enter_is_one_heading():
    document = docx.Document()
    heading = document.add_heading("Painopiste 1:", level=1)
    heading.runs[0].add_break()
    heading.add_run("Lasten osallisuus")
    assert [(p.text, p.level) for p in paragraphs(read(document))] == [
        ("Painopiste 1: Lasten osallisuus", 1)
    ]


W = nsdecls("w")
CONTENT_CONTROL = (
    f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Ohjausobjektin teksti</w:t></w:r>"
    "</w:p></w:sdtContent></w:sdt>"
)
TEXT_BOX = (
    f'<w:p {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:t>Kuvan vieressä</w:t></w:r>'
    "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx>"
    "<w:txbxContent><w:p><w:r><w:t>Tekstiruudun teksti</w:t></w:r></w:p></w:txbxContent>"
    "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
    "<w:txbxContent><w:p><w:r><w:t>Tekstiruudun teksti</w:t></w:r></w:p></w:txbxContent>"
    "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
)
TRACKED = (
    f"<w:p {W}><w:r><w:t xml:space='preserve'>Tavoite </w:t></w:r><w:del><w:r>"
    "<w:delText>poistettu </w:delText></w:r><w:r><w:tab/></w:r></w:del><w:moveFrom><w:r>"
    "<w:t>siirretty pois</w:t></w:r></w:moveFrom><w:ins><w:r><w:t>lisätty</w:t></w:r>"
    "</w:ins><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE "
    "</w:instrText></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
)


def test_word_content_controls_text_boxes_and_tracked_changes_read_as_shown():
    document = docx.Document()
    body_element = document.element.body
    for xml in (CONTENT_CONTROL, TEXT_BOX, TRACKED):
        body_element.sectPr.addprevious(parse_xml(xml))
    superscript = document.add_paragraph("Päästöt CO")
    superscript.add_run("2").font.superscript = True
    superscript.add_run(" -ekvivalentteina")
    found = [p.text for p in paragraphs(read(document))]
    assert found == [
        "Ohjausobjektin teksti",
        "Kuvan vieressä",
        "Tekstiruudun teksti",
        "Tavoite lisätty",
        "Päästöt CO2 -ekvivalentteina",
    ]


def test_word_nested_table_text_stays_in_its_cell():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    fill(table.cell(0, 0), "Toimenpide")
    inner = table.cell(0, 1).add_table(rows=2, cols=2)
    for (row, column), text in zip(
        [(0, 0), (0, 1), (1, 0), (1, 1)], ["Vuosi", "Tavoite", "2025", "80 %"], strict=True
    ):
        fill(inner.cell(row, column), text)
    found = read(document)
    assert len(found.tables()) == 1
    cell = found.tables()[0].rows[0][1]
    assert cell.text == "Vuosi\nTavoite\n2025\n80 %"


def test_word_cell_merged_across_and_down_keeps_every_place():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 1))
    fill(table.cell(0, 0), "Yhteinen tavoite")
    fill(table.cell(0, 2), "Toimenpide 1")
    fill(table.cell(1, 2), "Toimenpide 2")
    fill(table.cell(2, 0), "Muu")
    rows = [[(cell.merged, cell.text) for cell in row] for row in read(document).tables()[0].rows]
    assert rows == [
        [("", "Yhteinen tavoite"), ("left", ""), ("", "Toimenpide 1")],
        [("up", ""), ("left", ""), ("", "Toimenpide 2")],
        [("", "Muu"), ("", ""), ("", "")],
    ]


def test_word_row_short_of_the_grid_is_filled_to_its_width():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    fill(table.cell(0, 0), "Tavoite")
    row = table.rows[1]._tr
    row.remove(row.tc_lst[-1])  # a row of two cells in a three-column grid
    assert [len(row) for row in read(document).tables()[0].rows] == [3, 3]


def test_word_cell_spanning_past_any_table_is_cut_and_too_many_places_refused(in_english):
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    fill(table.cell(0, 0), "Leveä")
    span = parse_xml(f'<w:gridSpan {W} w:val="1000000000"/>')
    table.cell(0, 0)._tc.get_or_add_tcPr().append(span)
    assert len(read(document).tables()[0].rows[0]) == 1024  # LibreOffice's widest table
    for _ in range(300):
        table.add_row()
    with pytest.raises(ImportRefused) as refused:
        read(document)
    assert str(refused.value) == (
        "suunnitelma.docx: The document's tables are too large: they have over 300 000 cells."
    )


def test_word_table_split_inside_a_merged_cell_starts_with_an_empty_cell():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    fill(table.cell(0, 1), "Toimenpide")
    fill(table.cell(1, 0), "Tavoite")
    continued = parse_xml(f"<w:vMerge {nsdecls('w')}/>")  # what Word leaves when it splits
    table.cell(0, 0)._tc.get_or_add_tcPr().append(continued)
    rows = [[(cell.merged, cell.text) for cell in row] for row in read(document).tables()[0].rows]
    assert rows == [[("", ""), ("", "Toimenpide")], [("", "Tavoite"), ("", "")]]


@pytest.mark.parametrize(
    "raw",
    [b"PK\x03\x04 not really a zip", b"", b"<w:document>plain XML</w:document>"],
    ids=["broken zip", "empty", "not a zip"],
)
def test_damaged_word_file_is_refused_with_one_clear_message(raw, in_english):
    with pytest.raises(ImportRefused) as refused:
        word.read(raw, "rikki.docx")
    assert str(refused.value) == "rikki.docx: The Word file is damaged: its text cannot be read."


def test_damaged_word_file_is_refused_in_finnish():
    with pytest.raises(ImportRefused) as refused:
        word.read(b"PK\x03\x04", "rikki.docx")
    assert str(refused.value) == (
        "rikki.docx: Word-tiedosto on vioittunut: sen tekstiä ei voi lukea."
    )
