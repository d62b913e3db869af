"""The OpenDocument reader: an .odt reads as the same Document as the Word file it was
saved from, and LibreOffice's own ways of writing tables and text are understood."""

import io
import zipfile

import pytest

from conftest import seed
from lanu.importers import files, read_plan
from lanu.importers.data import ImportRefused
from lanu.importers.general import odt, word
from tests import plan_layouts
from tests.plan_documents import (
    PLAN_BODY,
    PLAN_NUMBERS,
    PLAN_TABLES,
    body,
    numbers,
    plan_docx,
    tables,
)
from tests.plan_layouts import convert

ODT_TYPE = "application/vnd.oasis.opendocument.text"
NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'office:version="1.3"'
)


LAYOUTS = {  # each layout of issue 9, written from a seed plan
    "principle": lambda folder: plan_layouts.principle_tables_docx(
        read_plan(seed("002")), folder / "principle.docx"
    ),
    "heading": lambda folder: plan_layouts.heading_tables_docx(
        read_plan(seed("004")), folder / "heading.docx"
    ),
    "merged-sv": lambda folder: plan_layouts.merged_table_docx(
        read_plan(seed("004")), folder / "merged-sv.docx", "sv"
    ),
    "organisation": lambda folder: plan_layouts.organisation_tables_docx(
        read_plan(seed("003")), folder / "organisation.docx"
    ),
}


@pytest.fixture(scope="session")
def copies(tmp_path_factory) -> dict:
    """Each layout's Word file and the test plan's, with their ODT copies saved by
    LibreOffice (in one run), as a municipality's ODT is made."""
    folder = tmp_path_factory.mktemp("odt")
    writers = {"plan": lambda folder: plan_docx(folder / "plan.docx"), **LAYOUTS}
    words = [write(folder) for write in writers.values()]
    return dict(zip(writers, zip(words, convert(words, "odt", folder), strict=True), strict=True))


@pytest.fixture
def plan_odt(copies):
    return copies["plan"][1]


def odt_of(
    text: str, styles: str = "", mimetype: str | None = ODT_TYPE, automatic: str = ""
) -> bytes:
    """An OpenDocument file of this office:text content, office:styles and automatic
    styles."""
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        f' manifest:version="1.3"><manifest:file-entry manifest:full-path="/"'
        f' manifest:media-type="{mimetype or ODT_TYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    body = "spreadsheet" if mimetype and "spreadsheet" in mimetype else "text"
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype, zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr(
            "content.xml",
            f"<office:document-content {NAMESPACES}><office:automatic-styles>{automatic}"
            f"</office:automatic-styles><office:body><office:{body}>{text}"
            f"</office:{body}></office:body></office:document-content>",
        )
        archive.writestr(
            "styles.xml",
            f"<office:document-styles {NAMESPACES}><office:styles>{styles}</office:styles>"
            "</office:document-styles>",
        )
    return stream.getvalue()


def test_odt_saved_from_a_word_plan_reads_as_the_word_plan(plan_odt):
    found = odt.read(plan_odt.read_bytes(), "plan.odt")
    assert (found.source, found.kind) == ("plan.odt", "odt")
    assert body(found) == PLAN_BODY
    assert tables(found) == PLAN_TABLES
    assert numbers(found) == PLAN_NUMBERS
    assert [block.origin for block in found.blocks if block.table] == ["table 1", "table 2"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_odt_of_each_plan_layout_reads_as_its_word_file(copies, layout):
    word_path, odt_path = copies[layout]
    from_word = word.read(word_path.read_bytes(), "plan.docx")
    from_odt = odt.read(odt_path.read_bytes(), "plan.odt")
    assert body(from_odt) == body(from_word)
    assert tables(from_odt) == tables(from_word)
    assert numbers(from_odt) == numbers(from_word)
    assert sum(len(table.rows) for table in from_word.tables()) > 10  # a plan, not a stub


def test_odt_is_recognised_by_its_bytes(plan_odt):
    assert files.file_type(plan_odt.read_bytes(), "suunnitelma") == "odt"
    no_mimetype_part = odt_of("<text:p>Teksti</text:p>", mimetype=None)
    assert files.file_type(no_mimetype_part, "suunnitelma.odt") == "odt"


def test_opendocument_spreadsheet_is_not_taken_for_a_text(in_english):
    spreadsheet = odt_of("", mimetype="application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(ImportRefused) as refused:
        files.file_type(spreadsheet, "taulukko.ods")
    assert str(refused.value) == (
        "taulukko.ods: The file is not a Word (.docx) or Excel (.xlsx) file."
    )


def test_odt_of_too_many_elements_is_refused_before_it_is_read(in_english):
    raw = odt_of("<text:p/>" * (files.ODT_ELEMENTS + 1))
    with pytest.raises(ImportRefused) as refused:
        files.file_type(raw, "raskas.odt")
    assert str(refused.value) == (
        "raskas.odt: The OpenDocument file is too complex: it has more than 600 000 elements "
        "(paragraphs, table cells, pieces of text)."
    )


STYLES = (
    '<style:style style:name="Title" style:family="paragraph"/>'
    '<style:style style:name="Otsikko_20_2" style:display-name="Otsikko 2"'
    ' style:family="paragraph"/>'
    '<style:style style:name="Goal" style:family="paragraph" style:default-outline-level="3"/>'
    '<style:style style:name="List_20_Bullet" style:display-name="List Bullet"'
    ' style:family="paragraph"/>'
)
NATIVE_TEXT = """
<text:sequence-decls><text:sequence-decl text:name="Table"/></text:sequence-decls>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
  <text:p>Poistettu teksti</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:p text:style-name="Title">Hyvinvointisuunnitelma</text:p>
<text:h text:outline-level="2">Tavoitteet<text:note text:note-class="footnote">
  <text:note-citation>1</text:note-citation><text:note-body><text:p>Alaviite</text:p>
  </text:note-body></text:note></text:h>
<text:p text:style-name="Otsikko_20_2">Osallisuus</text:p>
<text:p text:style-name="Goal">Kuulluksi tuleminen</text:p>
<text:p>Kolme<text:s/>väliä<text:tab/>ja<text:s text:c="3"/>sarkain<text:line-break/>- toinen
  rivi<office:annotation><text:p>Kommentti</text:p></office:annotation></text:p>
<text:list><text:list-item><text:p>Kohta</text:p><text:list><text:list-item>
  <text:p>Alakohta</text:p></text:list-item></text:list></text:list-item></text:list>
<text:p text:style-name="List_20_Bullet">Luettelotyyli</text:p>
<text:section text:name="Osio"><text:p>Osion <text:span>teksti</text:span></text:p></text:section>
<text:p>Ankkuri<draw:frame><draw:text-box><text:p>Kehyksen teksti</text:p></draw:text-box>
  </draw:frame></text:p>
"""


def test_odt_text_reads_as_written_without_notes_comments_or_deleted_text():
    found = odt.read(odt_of(NATIVE_TEXT, STYLES), "natiivi.odt")
    assert body(found) == [
        (1, "Hyvinvointisuunnitelma", False),
        (2, "Tavoitteet", False),
        (2, "Osallisuus", False),
        (3, "Kuulluksi tuleminen", False),
        (0, "Kolme väliä ja sarkain", False),
        (0, "toinen rivi", True),
        (0, "Kohta", True),
        (0, "Alakohta", True),
        (0, "Luettelotyyli", True),
        (0, "Osion teksti", False),
        (0, "Ankkuri", False),
        (0, "Kehyksen teksti", False),
    ]


OUTLINE = """
<text:outline-style style:name="Outline">
  <text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/>
  <text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/>
  <text:outline-level-style text:level="3" style:num-format=""/>
</text:outline-style>
"""
LIST_STYLES = """
<text:list-style style:name="Roman">
  <text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/>
  <text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")"
    text:start-value="1"/>
</text:list-style>
<text:list-style style:name="Dots">
  <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
</text:list-style>
"""
NUMBERED_TEXT = """
<text:h text:outline-level="1">Johdanto</text:h>
<text:h text:outline-level="2">Tausta</text:h>
<text:h text:outline-level="3">Numeroimaton</text:h>
<text:h text:outline-level="1">Tavoitteet</text:h>
<text:h text:outline-level="2">Osallisuus</text:h>
<text:list text:style-name="Roman" xml:id="goals">
  <text:list-item><text:p>Kuulluksi tuleminen</text:p>
    <text:list><text:list-item><text:p>Nuorisovaltuusto</text:p><text:p>Jatkoa</text:p>
    </text:list-item><text:list-item><text:p>Oppilaskunnat</text:p></text:list-item>
    </text:list></text:list-item>
  <text:list-header><text:p>Välihuomautus</text:p></text:list-header>
</text:list>
<text:list text:style-name="Dots"><text:list-item><text:p>Pallo</text:p></text:list-item>
</text:list>
<text:list text:style-name="Roman" text:continue-list="goals">
  <text:list-item><text:p>Harrastukset</text:p></text:list-item></text:list>
<text:list text:style-name="Roman">
  <text:list-item text:start-value="5"><text:p>Uusi lista viidestä</text:p></text:list-item>
  <text:list-item><text:p><text:number>VI.</text:number>Kuudes</text:p></text:list-item>
</text:list>
"""


def test_odt_numbers_lists_and_outline_headings_as_libreoffice_draws_them():
    found = odt.read(odt_of(NUMBERED_TEXT, OUTLINE, automatic=LIST_STYLES), "numerot.odt")
    paragraphs = [block.paragraph for block in found.blocks]
    assert [(p.text, p.level, p.bullet, p.number) for p in paragraphs] == [
        ("Johdanto", 1, False, "1"),
        ("Tausta", 2, False, "1.1"),
        ("Numeroimaton", 3, False, ""),
        ("Tavoitteet", 1, False, "2"),
        ("Osallisuus", 2, False, "2.1"),
        ("Kuulluksi tuleminen", 0, True, "I"),
        ("Nuorisovaltuusto", 0, True, "a"),
        ("Jatkoa", 0, True, ""),
        ("Oppilaskunnat", 0, True, "b"),
        ("Välihuomautus", 0, False, ""),
        ("Pallo", 0, True, ""),
        ("Harrastukset", 0, True, "II"),
        ("Uusi lista viidestä", 0, True, "V"),
        ("Kuudes", 0, True, "VI"),
    ]


LIBREOFFICE_TABLE = """
<table:table table:name="Taulukko1">
  <table:table-column table:number-columns-repeated="1024"/>
  <table:table-header-rows><table:table-row>
    <table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2">
      <text:p>Tavoite</text:p></table:table-cell>
    <table:covered-table-cell/>
    <table:table-cell><text:p>Toimenpide</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="1021"/>
  </table:table-row></table:table-header-rows>
  <table:table-row>
    <table:covered-table-cell table:number-columns-repeated="2"/>
    <table:table-cell><text:p>Liikunta</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="1021"/>
  </table:table-row>
  <table:table-row table:number-rows-repeated="2">
    <table:table-cell table:number-columns-repeated="2"><text:p>Sama</text:p></table:table-cell>
    <table:table-cell/>
  </table:table-row>
  <table:table-row table:number-rows-repeated="2">
    <table:table-cell table:number-columns-repeated="1024"/></table:table-row>
  <table:table-row><table:table-cell><text:p>Viimeinen</text:p></table:table-cell></table:table-row>
  <table:table-row table:number-rows-repeated="1048569">
    <table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
"""


def test_odt_table_spans_and_repeats_are_written_out_without_trailing_empties():
    table = odt.read(odt_of(LIBREOFFICE_TABLE), "taulukko.odt").tables()[0]
    rows = [[(cell.merged, cell.text) for cell in row] for row in table.rows]
    assert rows == [
        [("", "Tavoite"), ("left", ""), ("", "Toimenpide")],
        [("up", ""), ("left", ""), ("", "Liikunta")],
        [("", "Sama"), ("", "Sama"), ("", "")],
        [("", "Sama"), ("", "Sama"), ("", "")],
        [("", ""), ("", ""), ("", "")],
        [("", ""), ("", ""), ("", "")],
        [("", "Viimeinen"), ("", ""), ("", "")],
    ]


def test_odt_covered_cell_without_its_spanning_cell_is_an_empty_cell():
    stray = (
        "<table:table><table:table-row><table:covered-table-cell/><table:table-cell>"
        "<text:p>Toimenpide</text:p></table:table-cell></table:table-row></table:table>"
    )
    table = odt.read(odt_of(stray), "hajanainen.odt").tables()[0]
    assert [[(cell.merged, cell.text) for cell in row] for row in table.rows] == [
        [("", ""), ("", "Toimenpide")]
    ]


def test_odt_nested_table_text_stays_in_its_cell():
    nested = (
        "<table:table><table:table-row><table:table-cell><text:p>Toimenpide</text:p>"
        "</table:table-cell><table:table-cell><table:table><table:table-row>"
        "<table:table-cell><text:p>2025</text:p></table:table-cell><table:table-cell>"
        "<text:p>80 %</text:p></table:table-cell></table:table-row></table:table>"
        "</table:table-cell></table:table-row></table:table>"
    )
    found = odt.read(odt_of(nested), "sisakkain.odt")
    assert [[cell.text for cell in row] for row in found.tables()[0].rows] == [
        ["Toimenpide", "2025\n80 %"]
    ]


def test_odt_table_too_large_to_keep_is_refused(in_english):
    huge = (
        '<table:table><table:table-row table:number-rows-repeated="400000">'
        "<table:table-cell><text:p>Rivi</text:p></table:table-cell></table:table-row>"
        "</table:table>"
    )
    with pytest.raises(ImportRefused) as refused:
        odt.read(odt_of(huge), "valtava.odt")
    assert str(refused.value) == (
        "valtava.odt: The document's tables are too large: they have over 300 000 cells."
    )


@pytest.mark.parametrize(
    "raw",
    [
        b"PK\x03\x04 not really a zip",
        b"",
        odt_of("", mimetype="application/vnd.oasis.opendocument.spreadsheet"),
        odt_of("<text:p>Katkennut"),
    ],
    ids=["broken zip", "empty", "spreadsheet", "broken XML"],
)
def test_damaged_odt_is_refused_with_one_clear_message(raw, in_english):
    with pytest.raises(ImportRefused) as refused:
        odt.read(raw, "rikki.odt")
    assert str(refused.value) == (
        "rikki.odt: The OpenDocument file is damaged: its text cannot be read."
    )


def test_damaged_odt_is_refused_in_finnish():
    with pytest.raises(ImportRefused) as refused:
        odt.read(b"PK\x03\x04", "rikki.odt")
    assert str(refused.value) == (
        "rikki.odt: OpenDocument-tiedosto on vioittunut: sen tekstiä ei voi lukea."
    )
