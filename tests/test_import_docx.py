"""Word plans: a .docx of a seed plan's headings and tables imports like its text.

The Word file goes through the general reader (general/word.py, general/reading.py),
the text through the seed's own importer (priority_tables.py): the same goals,
sub-goals, actions and organisation come out of both."""

import html
import re

import docx
import pytest

from lanu.importers import read_plan
from lanu.importers.data import ImportRefused
from lanu.importers.priority_tables import paragraphs
from lanu.importers.save import save_plan
from lanu.plans.models import Action, Plan

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
TAG = re.compile(r"<(/?)(\w+)[^>]*>")
HEADERS = {
    "fi": ["Tavoitteet", "Toimenpiteet", "Vastuutaho", "Mittarit"],
    "sv": ["MÅL", "åtgärder", "Ansvarig", "Mätare"],
}


def add_runs(paragraph, markup: str) -> None:
    """The line's text as runs; <sup>, <b> and <i> become the runs' formatting."""
    formatting, position = set(), 0
    for match in [*TAG.finditer(markup), None]:
        end = match.start() if match else len(markup)
        text = html.unescape(markup[position:end])
        if text:
            run = paragraph.add_run(text)
            run.font.superscript = "sup" in formatting or None
            run.bold = "b" in formatting or None
            run.italic = "i" in formatting or None
        if match:
            (formatting.discard if match[1] else formatting.add)(match[2].lower())
            position = match.end()


def docx_of_priority_text(text: str, path, language: str = "fi"):
    """The seed 004 text as a Word document: headings, paragraphs and tables."""
    document = docx.Document()
    table = None
    for line in text.splitlines():
        if "\t" in line:
            cells = line.split("\t")
            if cells[:4] == HEADERS["fi"]:
                cells = HEADERS[language]
            table = table or document.add_table(rows=0, cols=len(cells))
            add_row(table, cells)
            continue
        table = None if line.strip() else table
        heading = HEADING.match(line)
        if heading:
            document.add_heading(html.unescape(heading[2]), level=len(heading[1]))
        elif line.strip():
            add_runs(document.add_paragraph(), line.strip())
    document.save(path)
    return path


def add_row(table, cells: list[str]) -> None:
    row = table.add_row()
    for cell, markup in zip(row.cells, cells, strict=False):
        texts = paragraphs(markup)
        cell.paragraphs[0].add_run(texts[0] if texts else "")
        for text in texts[1:]:
            cell.add_paragraph(text)


def structure(data) -> dict:
    return {
        "plan": (data.name, data.period_start, data.period_end, data.region),
        "goals": [
            (
                g.number,
                g.title,
                first_paragraph(g.description),
                [(s.number, s.title) for s in g.subgoals],
            )
            for g in data.goals
        ],
        "organisations": [(o.name, o.kind) for o in data.organisations],
        "actions": [
            (
                a.organisation,
                a.subgoals,
                a.description,
                a.items,
                a.responsible,
                [m.text for m in a.metrics],
            )
            for a in data.actions
        ],
    }


def first_paragraph(text: str) -> str:
    """A goal's introduction as far as both readers know it: the text reader knows a
    footnote ("<sup>1</sup> …") and keeps it in the notes; in the Word file the footnote
    is a paragraph like any other, kept with the introduction."""
    return text.split("\n\n")[0]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_docx_of_seed_004_imports_like_its_text(seed_path, tmp_path, language):
    text = seed_path("004").read_text(encoding="utf-8")
    path = docx_of_priority_text(text, tmp_path / "plan.docx", language)
    from_text, from_word = read_plan(seed_path("004")), read_plan(path)
    assert structure(from_word) == structure(from_text)
    assert len(from_word.actions) == len(from_text.actions) > 20
    # "Lähteet:" is a heading to the text reader, a paragraph of body text in the Word file
    text_sections = [s.title for s in from_text.sections if s.title != "Lähteet"]
    assert [s.title for s in from_word.sections] == text_sections


@pytest.mark.django_db
def test_docx_plan_is_saved_with_its_actions(seed_path, tmp_path):
    text = seed_path("004").read_text(encoding="utf-8")
    plan = save_plan(read_plan(docx_of_priority_text(text, tmp_path / "plan.docx")))
    assert plan.goals.count() == 4
    assert Action.objects.filter(plan=plan).count() == len(read_plan(seed_path("004")).actions)


def test_docx_keeps_markup_as_text(seed_path, tmp_path):
    text = seed_path("004").read_text(encoding="utf-8")
    evil = "&lt;script&gt;alert(1)&lt;/script&gt; Talousneuvolatoimintaa laajennetaan"
    text = text.replace("Talousneuvolatoimintaa laajennetaan", evil, 1)
    data = read_plan(docx_of_priority_text(text, tmp_path / "plan.docx"))
    assert any(a.description.startswith("<script>alert(1)</script> Talous") for a in data.actions)


def test_docx_without_action_tables_is_refused(tmp_path, in_english):
    document = docx.Document()
    document.add_heading("Kirje", level=1)
    document.add_paragraph("Hyvä vastaanottaja, kiitos viestistä.")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "Jotain"
    document.save(tmp_path / "letter.docx")
    with pytest.raises(ImportRefused) as refusal:
        read_plan(tmp_path / "letter.docx")
    assert "letter.docx: 1 table; headers: table 1" in str(refusal.value)
    assert "Jotain; it has no column for the actions" in str(refusal.value)


def test_docx_problem_names_its_table_and_row(seed_path, tmp_path, in_english):
    text = seed_path("004").read_text(encoding="utf-8")
    header = "Tavoitteet\tToimenpiteet\tVastuutaho\tMittarit\n"
    first = text.index(header) + len(header)
    text = text[:first] + "\tOrpo toimenpide\tJoku\tMittari\n" + text[first:]
    with pytest.raises(ImportRefused) as refusal:
        read_plan(docx_of_priority_text(text, tmp_path / "plan.docx"))
    assert "plan.docx: table 1" in str(refusal.value)
    assert "row “Orpo toimenpide”: the action has no goal: “Tavoitteet” is empty" in str(
        refusal.value
    )


@pytest.mark.django_db
def test_refused_docx_writes_nothing(tmp_path, import_refused, in_english):
    docx.Document().save(tmp_path / "empty.docx")
    assert "The document has no tables" in import_refused(tmp_path / "empty.docx")
    assert Plan.objects.count() == 0
