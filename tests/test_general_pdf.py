"""PDF copies of Word plans, made by LibreOffice as a published PDF is, read into the
general Document: the headings and paragraphs, and the action tables with their
merged cells and bullets, one table however many pages it runs over."""

import io
import subprocess
from functools import cache

import pdfplumber
import pytest
from docx import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image

from lanu.importers import read_document_of
from lanu.importers.data import ImportRefused
from lanu.importers.general import pdf
from tests.plan_layouts import convert

FINNISH_HEADERS = ["Tavoite", "Toimenpide", "Vastuutaho", "Mittari"]
INTRODUCTION = (
    "Suunnitelma kokoaa kunnan, hyvinvointialueen, seurakuntien ja järjestöjen "
    "toimenpiteet lasten ja nuorten hyvinvoinnin edistämiseksi. Sen toteutumista "
    "seurataan vuosittain, ja lapset ja nuoret osallistuvat sen arviointiin."
)
TABLE_HEADING = (  # a sub-goal heading can be a long sentence
    "2.1 Lapset ja nuoret liikkuvat, harrastavat ja osallistuvat oman kuntansa "
    "toimintaan yhdessä perheidensä, koulujen, seurojen ja järjestöjen kanssa niin, että "
    "jokaisella on mahdollisuus ainakin yhteen mieluisaan harrastukseen"
)
GOALS = ["1 Lapset ja nuoret liikkuvat ja harrastavat", "2 Perheet saavat tukea ajoissa"]
ACTIONS_PER_GOAL = 6
FOOTER = "Esimerkkikunnan hyvinvointisuunnitelma"


def description(goal: int, action: int) -> str:
    return (
        f"Toimenpide {goal}.{action}: lisätään maksuttomia harrastusryhmiä kouluilla "
        "iltapäivisin yhdessä seurojen ja järjestöjen kanssa niin, että jokaisella "
        "lapsella on mahdollisuus ainakin yhteen mieluisaan harrastukseen"
    )


ITEMS = [
    "kartoitetaan lasten toiveet kyselyllä joka syksy",
    "sovitaan seurojen kanssa ryhmien ohjaajista ja tiloista koko lukuvuodeksi",
]
METRICS = ["Harrastavien lasten osuus (%)", "Ryhmien määrä kouluittain"]


def page_number_footer(section, text: str) -> None:
    """The footer every page repeats: the plan's name and the page number (a field)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.text = f"{text}   "
    run = paragraph.add_run()
    for kind, instruction in (("begin", None), (None, "PAGE"), ("end", None)):
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
        run._r.append(element)


def repeat_as_header(row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def finnish_plan(path):
    """A plan as a coordinator writes it in Word: a title and numbered headings, body
    text with a list, and one "Table Grid" action table running over several pages
    (its header row repeated on each, rows breaking across pages), each goal's cell
    merged down over its actions, the actions' items as Word's bullets and a typed
    dash, long cells that wrap; a footer with the page number."""
    word = WordDocument()
    page_number_footer(word.sections[0], FOOTER)
    word.add_heading("Lasten ja nuorten hyvinvointisuunnitelma 2025–2028", 0)
    word.add_heading("1 Johdanto", 1)
    word.add_paragraph(INTRODUCTION)
    word.add_paragraph("Suunnitelman painopisteet ovat:")
    word.add_paragraph("liikkuminen ja harrastukset", style="List Bullet")
    word.add_paragraph("perheiden varhainen tuki", style="List Bullet")
    word.add_heading("2 Toimenpiteet", 1)
    word.add_heading(TABLE_HEADING, 2)
    table = word.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, FINNISH_HEADERS, strict=True):
        cell.text = header
    repeat_as_header(table.rows[0])
    for goal, title in enumerate(GOALS, 1):
        first = len(table.rows)
        for action in range(1, ACTIONS_PER_GOAL + 1):
            add_action_row(table, goal, action)
        table.cell(first, 0).text = title
        table.cell(first, 0).merge(table.cell(len(table.rows) - 1, 0))
    word.add_paragraph("Suunnitelma hyväksyttiin aluevaltuustossa.")
    word.save(path)
    return path


def add_action_row(table, goal: int, action: int) -> None:
    cells = table.add_row().cells
    cells[1].text = description(goal, action)
    for item in ITEMS:
        cells[1].add_paragraph(item, style="List Bullet")
    cells[1].add_paragraph("- arvioidaan kokeilu lukuvuoden lopussa")
    cells[2].text = "Sivistystoimi"
    cells[3].text = METRICS[0]
    cells[3].add_paragraph(METRICS[1])
    for paragraph in cells[3].paragraphs:
        paragraph.style = "List Bullet"


SWEDISH_ROWS = 40


def swedish_plan(path):
    """A Swedish plan whose table has a two-row header (Uppföljning over Mätare and
    Tidtabell; Mål and Åtgärd merged down over both) and goes on to the next page
    without repeating it."""
    word = WordDocument()
    word.add_heading("Välfärdsplan för barn och unga", 1)
    table = word.add_table(rows=2, cols=4)
    table.style = "Table Grid"
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = (
        "Mål",
        "Åtgärd",
        "Uppföljning",
    )
    table.cell(1, 2).text, table.cell(1, 3).text = "Mätare", "Tidtabell"
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    for number in range(1, SWEDISH_ROWS + 1):
        cells = table.add_row().cells
        cells[0].text = f"Mål {number}"
        cells[1].text = f"Simskola för barn i årskurs {number}"
        cells[2].text = "Andel simkunniga"
        cells[3].text = "2026"
    word.save(path)
    return path


def two_tables(path):
    """Two tables of the same columns, the second after a page break: Word leaves the
    break's paragraph, empty, at the top of the new page, above the second table."""
    word = WordDocument()
    for number in (1, 2):
        table = word.add_table(rows=2, cols=3)
        table.style = "Table Grid"
        rows = [["Tavoite", "Toimenpide", "Mittari"], [f"Tavoite {number}", "Kerho", "Kävijät"]]
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
        if number == 1:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    word.save(path)
    return path


def scanned_plan(path, folder):
    """A Word file holding only a picture: its PDF has no text, as a scanned plan."""
    picture = folder / "sivu.png"
    Image.new("RGB", (600, 800), (235, 230, 220)).save(picture)
    word = WordDocument()
    word.add_picture(str(picture), width=Cm(15))
    word.save(path)
    return path


SPACED_GOALS = 8
SPACED_ACTIONS = 2
SPACED_METRICS = ["Harrastavien lasten osuus (%)", "Ryhmien määrä", "Kävijöiden palaute"]


def spaced_goal(goal: int) -> str:
    return (
        f"Tavoite {goal}: lapset ja nuoret liikkuvat, harrastavat ja osallistuvat oman "
        "kuntansa toimintaan yhdessä perheidensä, koulujen ja järjestöjen kanssa"
    )


def spaced_plan(path, repeat_header: bool):
    """A plan whose cells' paragraphs have space after them (Word's 8 pt), its rows and
    its goal cells merged down over their actions tall enough that page breaks cut
    them: between paragraphs, mid-sentence, and in a goal's title."""
    word = WordDocument()
    word.styles["Normal"].font.size = Pt(9)
    table = word.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, FINNISH_HEADERS, strict=True):
        cell.text = header
    if repeat_header:
        repeat_as_header(table.rows[0])
    for goal in range(1, SPACED_GOALS + 1):
        first = len(table.rows)
        for action in range(1, SPACED_ACTIONS + 1):
            cells = table.add_row().cells
            cells[1].text = description(goal, action)
            for item in ITEMS:
                cells[1].add_paragraph(item, style="List Bullet")
            cells[2].text = "Sivistystoimi"
            cells[3].text = SPACED_METRICS[0]
            for metric in SPACED_METRICS[1:]:
                cells[3].add_paragraph(metric)
        table.cell(first, 0).text = spaced_goal(goal)
        table.cell(first, 0).merge(table.cell(len(table.rows) - 1, 0))
    for cell in table._cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(8)
    word.save(path)
    return path


LONG_WORD = "Perehdytyskoulutuksia"
SHORT_SENTENCE = "Tuetaan perheitä."


def arial_table(heading: str):
    """A Word document in Arial 9 pt, its table of two columns headed "Toimenpide" and
    `heading`, as the plans below write it."""
    word = WordDocument()
    word.styles["Normal"].font.name, word.styles["Normal"].font.size = "Arial", Pt(9)
    table = word.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Toimenpide", heading
    return word, table


def long_word_plan(path):
    """Cells with no space between paragraphs, where a sentence wraps before a long
    word: the line above ends well short of the column's edge."""
    word, table = arial_table("Mittari")
    for number in range(1, 4):
        cells = table.add_row().cells
        cells[0].text = f"{SHORT_SENTENCE} {LONG_WORD} järjestetään tarpeen mukaan {number}."
        cells[1].text = METRICS[0]
        cells[1].paragraphs[0].style = "List Bullet"
    narrow(table, Cm(5))
    word.save(path)
    return path


TYPED_METRICS = [
    "Nykytilan arviointi",
    "Liikuntaneuvontaan osallistuneet",
    "Kävijät",
    "Ryhmät",
]


def typed_list_plan(path):
    """A metric cell typed as lines, one paragraph each with no space between them: a
    line ends short before a word too long to have fitted on it, and is a paragraph."""
    word, table = arial_table("Mittari")
    for number in range(1, 4):
        cells = table.add_row().cells
        cells[0].text = f"Liikuntaneuvonta {number}"
        cells[1].text = TYPED_METRICS[0]
        for metric in TYPED_METRICS[1:]:
            cells[1].add_paragraph(metric)
        for paragraph in cells[1].paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
    narrow(table, Cm(4.5))
    word.save(path)
    return path


def narrow(table, width) -> None:
    """Every column of the table as wide as `width`."""
    table.autofit = False
    for column in table.columns:
        column.width = width
        for cell in column.cells:
            cell.width = width


BROKEN_WORD = "Liikuntaneuvontaa järjestetään"
SPACED_DASH = "Ankkuritoiminta – sopimukset tehdään kaikkien kuntien kanssa"


def narrow_columns_plan(path):
    """Narrow columns as people make them: a word wider than its column, which
    LibreOffice breaks where the column ends ("Liikuntaneuvonta" "a"), and a spaced
    dash ending a line ("Ankkuritoiminta –" "sopimukset") in a text that spaces its
    dashes ("Kerhot – leirit")."""
    word, table = arial_table("Vastuutaho")
    for action, responsible in (
        (SPACED_DASH, BROKEN_WORD),
        ("Kerhot – leirit ja retket", "Nuorisotyö"),
        ("Perheet – neuvola ja koulu", "Neuvola"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = action, responsible
    narrow(table, Cm(3.4))
    for cell in table.columns[1].cells:
        cell.width = Cm(2.8)
    table.columns[1].width = Cm(2.8)
    word.save(path)
    return path


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> dict[str, bytes]:
    """The PDF copies of the plans, made by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("pdf")
    words = [
        finnish_plan(folder / "suunnitelma.docx"),
        swedish_plan(folder / "plan.docx"),
        scanned_plan(folder / "skannattu.docx", folder),
        two_tables(folder / "kaksi.docx"),
        spaced_plan(folder / "väli.docx", repeat_header=True),
        spaced_plan(folder / "väli-ilman.docx", repeat_header=False),
        long_word_plan(folder / "pitkä.docx"),
        typed_list_plan(folder / "lista.docx"),
        narrow_columns_plan(folder / "kapea.docx"),
    ]
    return {path.stem: path.read_bytes() for path in convert(words, "pdf", folder)}


OPEN_PASSWORD = (
    '{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"salasana"}}'
)
PERMISSIONS_ONLY = (  # encrypted, but opens without a password (printing etc. restricted)
    '{"RestrictPermissions":{"type":"boolean","value":"true"},'
    '"PermissionPassword":{"type":"string","value":"omistaja"}}'
)


def password_protected(path, folder, options=OPEN_PASSWORD):
    """The Word file as an encrypted PDF."""
    profile = (folder / ".soffice-profile-encrypted").resolve().as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to"]
    command += [f"pdf:writer_pdf_Export:{options}", "--outdir", str(folder), str(path)]
    subprocess.run(command, capture_output=True, timeout=300, check=True)
    return (folder / f"{path.stem}.pdf").read_bytes()


@pytest.fixture(scope="session")
def finnish(pdfs):
    return pdf.read(pdfs["suunnitelma"], "suunnitelma.pdf")


def page_count(raw: bytes) -> int:
    with pdfplumber.open(io.BytesIO(raw)) as document:
        return len(document.pages)


def paragraphs(document) -> list[tuple[str, int, bool]]:
    return [
        (block.paragraph.text, block.paragraph.level, block.paragraph.bullet)
        for block in document.blocks
        if block.paragraph
    ]


def test_the_action_table_over_several_pages_is_one_table(pdfs, finnish):
    assert page_count(pdfs["suunnitelma"]) >= 3  # the table runs over page breaks

    (table,) = finnish.tables()
    assert (table.number, table.origin) == (1, "page 1")
    assert [cell.text for cell in table.rows[0]] == FINNISH_HEADERS
    assert len(table.rows) == 1 + len(GOALS) * ACTIONS_PER_GOAL  # no repeated headers
    assert all(len(row) == 4 for row in table.rows)


def test_rows_broken_by_a_page_break_are_whole_again(finnish):
    rows = finnish.tables()[0].rows[1:]

    descriptions = [row[1].paragraphs[0].text for row in rows]
    expected = [description(g, a) for g in (1, 2) for a in range(1, ACTIONS_PER_GOAL + 1)]
    assert descriptions == expected
    assert all(row[2].text == "Sivistystoimi" for row in rows)


def test_bullets_in_a_cell_are_paragraphs_their_wrapped_lines_joined(finnish):
    for row in finnish.tables()[0].rows[1:]:
        action = [(p.text, p.bullet) for p in row[1].paragraphs[1:]]
        assert action == [
            (ITEMS[0], True),
            (ITEMS[1], True),
            ("arvioidaan kokeilu lukuvuoden lopussa", True),
        ]
        assert [(p.text, p.bullet) for p in row[3].paragraphs] == [(m, True) for m in METRICS]


def test_a_goal_merged_down_over_its_actions_is_merged_up(finnish):
    rows = finnish.tables()[0].rows[1:]

    goals = [row[0] for row in rows]
    first = [0, ACTIONS_PER_GOAL]
    assert [goals[n].text for n in first] == GOALS
    assert all(goals[n].merged == "" for n in first)
    covered = [cell for n, cell in enumerate(goals) if n not in first]
    assert all(cell.merged == "up" and not cell.paragraphs for cell in covered)


def test_headings_and_paragraphs_outside_the_table_in_reading_order(finnish):
    found = paragraphs(finnish)

    assert found == [
        ("Lasten ja nuorten hyvinvointisuunnitelma 2025–2028", 1, False),
        ("1 Johdanto", 2, False),
        (INTRODUCTION, 0, False),
        ("Suunnitelman painopisteet ovat:", 0, False),
        ("liikkuminen ja harrastukset", 0, True),
        ("perheiden varhainen tuki", 0, True),
        ("2 Toimenpiteet", 2, False),
        (TABLE_HEADING, 3, False),
        ("Suunnitelma hyväksyttiin aluevaltuustossa.", 0, False),
    ]
    kinds = ["table" if block.table else "paragraph" for block in finnish.blocks]
    assert kinds.index("table") == len(found) - 1  # between the heading and the last paragraph
    assert finnish.blocks[0].origin == "page 1" and finnish.blocks[-1].origin != "page 1"


def test_the_footer_and_page_numbers_are_not_paragraphs(finnish):
    texts = " ".join(text for text, _level, _bullet in paragraphs(finnish))

    assert FOOTER not in texts
    assert not any(text.strip().isdigit() for text, _l, _b in paragraphs(finnish))


def test_merged_header_cells_and_a_table_going_on_without_its_header(pdfs):
    document = pdf.read(pdfs["plan"], "plan.pdf")

    assert page_count(pdfs["plan"]) >= 2
    (table,) = document.tables()
    head = [[cell.merged or cell.text for cell in row] for row in table.rows[:2]]
    assert head == [["Mål", "Åtgärd", "Uppföljning", "left"], ["up", "up", "Mätare", "Tidtabell"]]
    goals = [row[0].text for row in table.rows[2:]]
    assert goals == [f"Mål {number}" for number in range(1, SWEDISH_ROWS + 1)]
    assert paragraphs(document) == [("Välfärdsplan för barn och unga", 1, False)]


def test_a_table_below_an_empty_paragraph_on_the_next_page_is_a_table_of_its_own(pdfs):
    document = pdf.read(pdfs["kaksi"], "kaksi.pdf")

    assert page_count(pdfs["kaksi"]) == 2
    tables = document.tables()
    assert [(t.number, t.origin) for t in tables] == [(1, "page 1"), (2, "page 2")]
    assert [[c.text for c in t.rows[1]] for t in tables] == [
        ["Tavoite 1", "Kerho", "Kävijät"],
        ["Tavoite 2", "Kerho", "Kävijät"],
    ]


def test_a_scanned_pdf_is_refused_with_what_to_do(pdfs):
    with pytest.raises(ImportRefused) as refused:
        pdf.read(pdfs["skannattu"], "skannattu.pdf")

    (problem,) = refused.value.problems
    assert problem.file == "skannattu.pdf"
    assert problem.message.startswith("PDF-tiedostossa ei ole tekstikerrosta")
    assert "tekstintunnistuksella (OCR)" in problem.message


def test_a_password_protected_pdf_is_refused(tmp_path):
    raw = password_protected(swedish_plan(tmp_path / "salainen.docx"), tmp_path)

    with pytest.raises(ImportRefused) as refused:
        pdf.read(raw, "salainen.pdf")

    assert refused.value.problems[0].message.startswith("PDF-tiedosto on suojattu salasanalla")


def test_a_pdf_encrypted_only_against_changes_is_read_and_bounded(tmp_path, monkeypatch):
    """Its streams are decrypted with the empty password, also for the size check."""
    raw = password_protected(swedish_plan(tmp_path / "rajattu.docx"), tmp_path, PERMISSIONS_ONLY)

    (table,) = pdf.read(raw, "rajattu.pdf").tables()
    assert [cell.text for cell in table.rows[1]] == ["", "", "Mätare", "Tidtabell"]
    monkeypatch.setattr(pdf, "PAGE_CONTENT_BYTES", 1024)
    with pytest.raises(ImportRefused, match="PDF-tiedoston sivu 1 on liian suuri"):
        pdf.read(raw, "rajattu.pdf")


@pytest.mark.parametrize(
    "raw",
    [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"%PDF-1.4\n" + bytes(range(256)) * 40],
)
def test_a_damaged_pdf_is_refused(raw):
    with pytest.raises(ImportRefused) as refused:
        pdf.read(raw, "rikki.pdf")

    assert refused.value.problems[0].message == "PDF-tiedosto on vioittunut: sitä ei voi lukea."


def test_a_pdf_of_too_many_pages_is_refused_before_reading_them(pdfs, monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    monkeypatch.setattr(pdf, "page_content", lambda *args: pytest.fail("a page was read"))

    with pytest.raises(ImportRefused) as refused:
        pdf.read(pdfs["suunnitelma"], "suunnitelma.pdf")

    pages = page_count(pdfs["suunnitelma"])
    assert refused.value.problems[0].message.startswith(
        f"PDF-tiedostossa on {pages} sivua: enintään 2 sivua voidaan lukea."
    )


def test_a_page_whose_content_unpacks_to_too_much_is_refused(pdfs, monkeypatch):
    monkeypatch.setattr(pdf, "PAGE_CONTENT_BYTES", 1024)

    with pytest.raises(ImportRefused) as refused:
        pdf.read(pdfs["suunnitelma"], "suunnitelma.pdf")

    assert refused.value.problems[0].message.startswith("PDF-tiedoston sivu 1 on liian suuri")


@pytest.mark.parametrize("name", ["suunnitelma.pdf", "suunnitelma.docx", "suunnitelma"])
def test_an_upload_starting_with_pdf_is_read_as_a_pdf_whatever_its_name(pdfs, name):
    document = read_document_of(pdfs["suunnitelma"], name)

    assert (document.source, document.kind) == (name, "pdf")
    assert [cell.text for cell in document.tables()[0].rows[0]] == FINNISH_HEADERS


def handmade_pdf(content: bytes) -> bytes:
    """A one-page PDF of the given content stream, with Helvetica as /F1."""
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources "
        + font
        + b" >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def test_a_page_drawing_a_fine_grid_is_not_searched_for_tables():
    """Finding tables takes pdfplumber the square of a page's ruled places: a map or a
    fine grid (here 60 by 60 lines) would take minutes a page; its text is still read."""
    lines = [b"50 %.1f m 550 %.1f l S" % (60 + 11 * n, 60 + 11 * n) for n in range(60)]
    lines += [b"%.1f 60 m %.1f 709 l S" % (60 + 8 * n, 60 + 8 * n) for n in range(60)]
    text = b"BT /F1 6 Tf 62 400 Td (Kartta) Tj ET"
    document = pdf.read(handmade_pdf(b"\n".join([*lines, text])), "kartta.pdf")

    assert document.tables() == []
    assert paragraphs(document) == [("Kartta", 0, False)]


def test_tables_of_too_many_places_are_refused(pdfs, monkeypatch):
    monkeypatch.setattr("lanu.importers.general.office_text.MAX_PLACES", 20)

    with pytest.raises(ImportRefused) as refused:
        pdf.read(pdfs["suunnitelma"], "suunnitelma.pdf")

    assert "Asiakirjan taulukot ovat liian suuria" in refused.value.problems[0].message


def test_a_dense_table_whose_borders_are_thin_rectangles_is_a_table():
    """Word draws a border as a thin filled rectangle: two edges, one line to a reader.
    80 rows of 14 columns on a page is a table, not a grid too fine to search."""
    rows, columns, left, top = 80, 14, 40, 760
    width, height = 38 * columns, 8 * rows
    borders = [b"%d %d %d 1 re f" % (left, top - 8 * n, width) for n in range(rows + 1)]
    borders += [b"%d %d 1 %d re f" % (left + 38 * n, top - height, height) for n in range(15)]
    texts = [
        b"BT /F1 5 Tf %d %d Td (Rivi %d) Tj ET" % (left + 3, top - 8 * n - 6, n + 1)
        for n in range(rows)
    ]
    document = pdf.read(handmade_pdf(b"\n".join(borders + texts)), "tihea.pdf")

    (table,) = document.tables()
    assert [row[0].text for row in table.rows] == [f"Rivi {n}" for n in range(1, rows + 1)]
    assert len(table.rows[0]) == columns


@cache
def cells_by_page(raw: bytes) -> list[list[str]]:
    """Each page's table cells' text, the PDF read once for all the texts looked for."""
    return [
        [
            " ".join(line.text for line in cell.lines)
            for t in page.tables
            for r in t.rows
            for cell in r
        ]
        for page in pdf.read_pages(raw, "leikattu.pdf")
    ]


def cut_by_a_page_break(raw: bytes, text: str) -> bool:
    """Whether a cell's text begins on one page and ends in a cell on the next."""
    pages = cells_by_page(raw)
    begins, ends = " ".join(text.split()[:3]), " ".join(text.split()[-3:])
    return any(
        any(begins in cell and ends not in cell for cell in cells)
        and any(ends in cell and begins not in cell for cell in following)
        for cells, following in zip(pages, pages[1:], strict=False)
    )


def test_rows_and_merged_cells_cut_by_page_breaks_are_whole_in_spaced_cells(pdfs):
    """Cells whose paragraphs have space after them end above the row's bottom when a
    page break cuts them; with or without a repeated header, each row and each goal
    merged down over its actions is read whole."""
    goals = [spaced_goal(goal) for goal in range(1, SPACED_GOALS + 1)]
    actions = [description(g, a) for g in range(1, SPACED_GOALS + 1) for a in (1, 2)]
    copies = [pdfs["väli"], pdfs["väli-ilman"]]
    assert any(cut_by_a_page_break(raw, goal) for raw in copies for goal in goals)
    for raw in copies:
        assert sum(cut_by_a_page_break(raw, action) for action in actions) >= 2

        (table,) = pdf.read(raw, "väli.pdf").tables()

        rows = table.rows[1:]
        assert [[p.text for p in row[1].paragraphs] for row in rows] == [
            [action, *ITEMS] for action in actions
        ]
        assert all([p.text for p in row[3].paragraphs] == SPACED_METRICS for row in rows)
        assert all(row[2].text == "Sivistystoimi" for row in rows)
        assert [row[0].text for row in rows[::SPACED_ACTIONS]] == goals
        # Merged "up", or blank where the goal's last row is alone on a new page (its
        # part of the merged cell is then a cell of its own): read alike, no new goal.
        assert not any(row[0].text for row in rows[1::SPACED_ACTIONS])


def first_lines(raw: bytes) -> list[str]:
    """The first line of each cell on the PDF's first page, as drawn."""
    (page, *_rest) = pdf.read_pages(raw, "rivit.pdf")
    return [cell.lines[0].text for t in page.tables for row in t.rows for cell in row if cell.lines]


def test_a_sentence_wrapped_before_a_long_word_is_one_paragraph(pdfs):
    raw = pdfs["pitkä"]
    assert SHORT_SENTENCE in first_lines(raw)  # the line ends short: the long word did not fit

    (table,) = pdf.read(raw, "pitkä.pdf").tables()

    assert [[p.text for p in row[0].paragraphs] for row in table.rows[1:]] == [
        [f"{SHORT_SENTENCE} {LONG_WORD} järjestetään tarpeen mukaan {number}."]
        for number in range(1, 4)
    ]


def test_lines_typed_one_under_another_are_paragraphs_though_the_next_word_is_long(pdfs):
    """ "Nykytilan arviointi" ends short, and "Liikuntaneuvontaan" would not have fitted
    after it: the document's other typed lines tell that it is a list, not a wrap."""
    raw = pdfs["lista"]
    assert TYPED_METRICS[0] in first_lines(raw)

    (table,) = pdf.read(raw, "lista.pdf").tables()

    assert all([p.text for p in row[1].paragraphs] == TYPED_METRICS for row in table.rows[1:])


def test_a_word_broken_by_a_narrow_column_is_whole_and_a_spaced_dash_keeps_its_space(pdfs):
    raw = pdfs["kapea"]
    assert {"Ankkuritoiminta –", "Liikuntaneuvonta"} <= set(first_lines(raw))  # as drawn

    (table,) = pdf.read(raw, "kapea.pdf").tables()

    assert [cell.text for cell in table.rows[1]] == [SPACED_DASH, BROKEN_WORD]
