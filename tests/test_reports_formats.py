"""Every format of the reports, opened as a reader's program opens it: the Word file with
python-docx, the workbook with openpyxl, the PDF's text layer and pages with pdfplumber.
Their text covers every sub-goal, organisation and status of Kymenlaakso's 2023 round,
and every sub-goal and organisation of each seed plan's plan document."""

import io
import re
from functools import cache

import docx
import openpyxl
import pdfplumber
import pytest
from django.utils import translation

from lanu.plans.models import SubGoal
from lanu.reports.content import Order, gather
from lanu.reports.exporters import REPORT_EXPORTERS
from tests.reports_plans import kymenlaakso_2023, seed_plan

pytestmark = pytest.mark.django_db


def rendered(order: Order, format: str) -> bytes:
    with translation.override("fi"):
        return b"".join(REPORT_EXPORTERS.get(format).render(order))


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def xlsx_text(data: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def pdf_text(data: bytes) -> str:
    """The text layer: each page's text, and each table cell's text on its own (the
    lines of cells side by side are interleaved in the page's text)."""
    texts = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            texts.append(page.extract_text() or "")
            for table in page.extract_tables():
                texts += [cell or "" for row in table for cell in row]
    return "\n".join(texts)


def squeezed(text: str) -> str:
    """Text without spaces, line breaks and hyphens: a PDF breaks lines and hyphenates."""
    return re.sub(r"[\s\-\u00ad–]", "", text).casefold()


def missing(expected, text: str) -> list[str]:
    found = squeezed(text)
    return [item for item in expected if squeezed(item) not in found]


READERS = {"docx": docx_text, "xlsx": xlsx_text, "pdf": pdf_text}


RENDERED: dict = {}  # the Kymenlaakso files, rendered once for the module


@pytest.fixture
def kymenlaakso():
    """The Kymenlaakso round's report in every format and what it must say: made in the
    first test's transaction (rolled back after it, as every test's), kept as bytes."""
    if not RENDERED:
        plan = kymenlaakso_2023()
        order = Order(plan, "evaluation", (2023,))
        files = {name: rendered(order, name) for name in REPORT_EXPORTERS.names()}
        subgoals = list(SubGoal.objects.filter(goal__plan=plan).select_related("goal"))
        indicators = plan.plan_indicators.select_related("description")
        RENDERED["files"] = files
        RENDERED["expected"] = {
            "subgoals": [s.title for s in subgoals],
            "organisations": [p.organisation.name for p in plan.participations.all()],
            "levels": list(plan.status_levels.values_list("name", flat=True)) + ["Ei raportoitu"],
            "priorities": list(plan.rounds.get().priorities.values_list("text", flat=True)),
            "indicators": [str(link) for link in indicators],
        }
    return RENDERED["files"], RENDERED["expected"]


@pytest.mark.parametrize("format", ["docx", "xlsx", "pdf", "html"])
def test_the_evaluation_covers_every_subgoal_organisation_and_status(kymenlaakso, format):
    files, expected = kymenlaakso
    text = files[format].decode() if format == "html" else READERS[format](files[format])
    for kind in ("subgoals", "organisations", "levels"):
        assert missing(expected[kind], text) == [], kind
    assert "Toteutumisen arviointi 2023" in text


@pytest.mark.parametrize("format", ["docx", "xlsx"])
def test_the_evaluation_has_every_added_priority(kymenlaakso, format):
    files, expected = kymenlaakso
    assert missing(expected["priorities"], READERS[format](files[format])) == []


def test_the_word_file_has_real_headings_tables_and_its_language(kymenlaakso):
    files, _expected = kymenlaakso
    document = docx.Document(io.BytesIO(files["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Päätavoite I: Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy" in headings
    assert any(p.style.name == "Title" for p in document.paragraphs)
    first_goal = document.tables[2]  # after the status scale and the distribution
    assert first_goal.style.name == "Table Grid"
    assert first_goal.rows[0].cells[0].text == "Välitavoite"
    assert first_goal.rows[1].cells[0].text == "I.1 Lasten ja nuorten arvostaminen"
    assert "Ei raportoitu" in first_goal.rows[1].cells[1].text  # the word beside the colour
    assert document.core_properties.language == "fi-FI"


def test_the_pdf_is_tagged_in_finnish_with_numbered_pages_and_vector_charts(kymenlaakso):
    files, _expected = kymenlaakso
    with pdfplumber.open(io.BytesIO(files["pdf"])) as pdf:
        catalog = pdf.doc.catalog
        assert "StructTreeRoot" in catalog and catalog["Lang"] == b"fi"
        pages = len(pdf.pages)
        last = pdf.pages[-1].extract_text()
        assert f"{pages} / {pages}" in last
        contents = pdf.pages[1].extract_text()
        assert "Päätavoite II" in contents and re.search(r"\.{5,}\s*\d+", contents)
        chart_page = next(
            p for p in pdf.pages[2:] if "Tilanteiden jakauma" in (p.extract_text() or "")
        )
        assert chart_page.rects and not chart_page.images  # drawn, not a picture
        image = pdf.pages[0].to_image(resolution=50).original
        darkest, lightest = image.convert("L").getextrema()
        assert darkest < 100 < lightest  # the cover page has text on it


def test_the_web_page_is_one_file_with_its_style(kymenlaakso):
    files, _expected = kymenlaakso
    page = files["html"].decode()
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fi">' in page
    assert "<style>" in page and "<script" not in page and "<link" not in page


@cache
def seed_orders():
    return {"002": "espoo-2017-2021", "003": "kymenlaakso-asiakirja", "004": "lansi-uusimaa"}


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_each_seed_plans_document_has_its_subgoals_and_organisations(prefix):
    plan = seed_plan(prefix, seed_orders()[prefix])
    order = Order(plan, "plan")
    subgoals = SubGoal.objects.filter(goal__plan=plan, archived=False)
    expected = [s.title for s in subgoals]
    expected += [p.organisation.name for p in plan.participations.select_related("organisation")]
    labels = plan.level_labels
    for format in ("docx", "xlsx", "pdf"):
        text = READERS[format](rendered(order, format))
        assert missing(expected, text) == [], format
        assert labels["goal"] in text and labels["subgoal"] in text, format
    report = gather(order)
    described = [a.description for g in report.goals for o in g.organisations for a in o.actions]
    word = docx_text(rendered(order, "docx"))
    assert missing([d for d in described if d], word) == []


def test_a_municipalitys_word_template_gives_its_styles_header_and_page(tmp_path, settings):
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Kotkan kaupunki – logo"
    template.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(0x00, 0x66, 0x33)
    template.add_paragraph("Tämä teksti poistetaan.")
    path = tmp_path / "pohja.docx"
    template.save(str(path))
    settings.REPORT_DOCX_TEMPLATE = str(path)
    plan = seed_plan("002", "espoo-pohjalla")
    document = docx.Document(io.BytesIO(rendered(Order(plan, "plan"), "docx")))
    assert document.sections[0].header.paragraphs[0].text == "Kotkan kaupunki – logo"
    assert str(document.styles["Heading 1"].font.color.rgb) == "006633"
    texts = [p.text for p in document.paragraphs]
    assert (
        "Tämä teksti poistetaan." not in texts
        and "Periaate 2: Lapsi-, nuori- ja perhelähtöisyys" in texts
    )
