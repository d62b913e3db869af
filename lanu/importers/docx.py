"""Word plans (.docx) with action tables like the seed plans.

A Word plan is read by the text importer of its table layout: its paragraphs and
tables are written out in that importer's text form (headings, tab-separated rows,
cells' paragraphs as `<p>` and bullet lists as `<ul> - …</ul>`), so both kinds of
files follow exactly the same rules. The layout is recognised by the tables'
header rows, in Finnish or Swedish, whatever their case and accents:

- organisation tables (org_tables, seed 003): välitavoite / toimenpide / mittari /
  aikataulu / toimija / seuranta (delmål / åtgärd / mätare / tidtabell / aktör /
  uppföljning), under "PÄÄTAVOITE I: …" paragraphs;
- priority tables (priority_tables, seed 004): tavoite / toimenpiteet / vastuutaho /
  mittarit (mål / åtgärder / ansvarig / mätare), under numbered priority headings.

Problems are reported by paragraph or table and row, not by line of the text form.
"""

import html
import io
import re
import unicodedata

import docx as python_docx
from django.utils.translation import gettext as _

from . import org_tables, priority_tables
from .data import ImportRefused, PlanData, Problem, check_plan

# Each column: the canonical header word the text importer knows, and the start of
# the header words it is recognised by (lower case, accents dropped), Finnish and Swedish.
ORG_COLUMNS = {
    "välitavoite": ("valitavoit", "delmal"),
    "toimenpide": ("toimenpi", "atgard"),
    "mittari": ("mittari", "matare", "matning"),
    "aikataulu": ("aikataulu", "tidtabell", "tidplan"),
    "toimija": ("toimija", "toteuttaja", "aktor"),
    "seuranta": ("seuranta", "arviointi", "uppfoljning"),
}
PRIORITY_COLUMNS = {
    "Tavoitteet": ("tavoit", "mal"),
    "Toimenpiteet": ("toimenpi", "atgard"),
    "Vastuutaho": ("vastuu", "ansvar"),
    "Mittarit": ("mittari", "matare"),
}
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")
TOC_ENTRY = re.compile(r"^\d+(?:\.\d+)*\s+.+\t\s*\d+$")
SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """Lower case without accents: how header words are compared."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def column(cell: str, columns: dict[str, tuple[str, ...]]) -> str | None:
    """The canonical word of a header cell, "" for an empty cell, None if unknown."""
    word = plain(cell)
    if not word:
        return ""
    return next((name for name, starts in columns.items() if word.startswith(starts)), None)


def header(cells: list[str]) -> tuple[str, str] | None:
    """(layout, canonical header line) when the row is a known table header."""
    org = [column(cell, ORG_COLUMNS) for cell in cells]
    named = [name for name in org if name]
    if None not in org and named[:2] == ["välitavoite", "toimenpide"] and len(named) >= 4:
        return "org-tables", "\t".join(org)
    priority = [column(cell, PRIORITY_COLUMNS) for cell in cells]
    if priority == list(PRIORITY_COLUMNS):
        return "priority-tables", "\t".join(priority)
    return None


def sniff(raw: bytes, source: str) -> bool:
    return True  # files.file_type() has found word/document.xml


def open_document(raw: bytes, source: str):
    try:
        return python_docx.Document(io.BytesIO(raw))
    except Exception:  # python-docx raises many kinds of errors for broken parts
        message = _("The Word file is damaged: its text cannot be read.")
        raise ImportRefused([Problem(message, file=source)]) from None


def read_bytes(raw: bytes, source: str) -> PlanData:
    document = open_document(raw, source)
    blocks = list(document.iter_inner_content())
    layout = next((found[0] for found in map(table_header, blocks) if found), "")
    if not layout:
        message = _(
            "No action table was found: expected a table with the columns välitavoite / "
            "toimenpide / mittari … or tavoite / toimenpiteet / vastuutaho / mittarit."
        )
        raise ImportRefused([Problem(message, file=source)])
    text = Text(layout)
    for block in blocks:
        text.add(block)
    return read_text(text, layout, source)


def read_text(text: "Text", layout: str, source: str) -> PlanData:
    module = org_tables if layout == "org-tables" else priority_tables
    try:
        data = module.read("\n".join(text.lines), source)
    except ImportRefused as refused:
        raise ImportRefused([text.locate(problem) for problem in refused.problems]) from None
    problems = check_plan(data)
    if problems:
        raise ImportRefused([text.locate(problem) for problem in problems])
    for action in data.actions:
        action.line = None  # lines of the text form mean nothing in a Word file
    return data


def table_header(block) -> tuple[str, str] | None:
    if not isinstance(block, python_docx.table.Table) or not block.rows:
        return None
    return header(row_cells(block.rows[0]))


def row_cells(row) -> list[str]:
    return [" ".join(p.text for p in cell.paragraphs) for cell in unique_cells(row)]


def unique_cells(row) -> list:
    """The row's cells; a merged cell counts once, its other places are empty."""
    seen, cells = set(), []
    for cell in row.cells:
        cells.append(None if id(cell._tc) in seen else cell)
        seen.add(id(cell._tc))
    return cells


def paragraph_text(paragraph, keep_tabs: bool = False) -> str:
    """The paragraph's text, escaped (the text form's tags are structure), one line."""
    parts = []
    for run in paragraph.runs:
        text = html.escape(run.text, quote=False)
        parts.append(f"<sup>{text}</sup>" if run.font.superscript and text.strip() else text)
    text = "".join(parts) or html.escape(paragraph.text, quote=False)
    if keep_tabs and TOC_ENTRY.match(text.strip()):
        return text.strip()
    return SPACE.sub(" ", text).strip()


def is_list(paragraph) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    return numbered or style.startswith("List Bullet") or style.startswith("List Number")


def heading_level(paragraph) -> int:
    style = paragraph.style.name if paragraph.style is not None else ""
    if style == "Title":
        return 1
    found = re.fullmatch(r"Heading (\d)", style)
    return int(found[1]) if found else 0


class Text:
    """The document in the text form of one layout, and where each line came from."""

    def __init__(self, layout: str):
        self.layout = layout
        self.lines: list[str] = []
        self.origins: list[str] = []
        self.paragraphs = self.tables = 0

    def emit(self, line: str, origin: str) -> None:
        self.lines += [line, ""]
        self.origins += [origin, origin]

    def add(self, block) -> None:
        if isinstance(block, python_docx.table.Table):
            self.add_table(block)
        else:
            self.add_paragraph(block)

    def add_paragraph(self, paragraph) -> None:
        self.paragraphs += 1
        text = paragraph_text(paragraph, keep_tabs=True)
        if text:
            origin = _("paragraph %d") % self.paragraphs
            self.emit(self.heading(text, heading_level(paragraph)), origin)

    def heading(self, text: str, level: int) -> str:
        """A heading as the layout's text form writes it."""
        if not level:
            return text
        if self.layout == "priority-tables":
            return "#" * level + " " + text
        numbered = NUMBERED.match(text)
        return f"{numbered[1]} | {numbered[2]}" if numbered else text

    def add_table(self, table) -> None:
        self.tables += 1
        for number, row in enumerate(table.rows, 1):
            origin = _("table %(table)d, row %(row)d") % {"table": self.tables, "row": number}
            found = header(row_cells(row)) if number == 1 else None
            cells = [self.cell(cell) if cell is not None else "" for cell in unique_cells(row)]
            line = found[1] if found else "\t".join(cells)
            self.lines.append(line)
            self.origins.append(origin)

    def cell(self, cell) -> str:
        """A cell's paragraphs: one is plain text; several are <p>s; lists are <ul>s."""
        parts: list[tuple[bool, str]] = []
        for paragraph in cell.paragraphs:
            text = paragraph_text(paragraph)
            if text:
                parts.append((is_list(paragraph), text))
        if len(parts) == 1 and not parts[0][0]:
            return parts[0][1]
        out, items = [], []
        for listed, text in parts + [(False, "")]:
            if listed:
                items.append(text)
                continue
            if items:
                out.append("<ul> " + " ".join(f"- {item}" for item in items) + " </ul>")
                items = []
            if text:
                out.append(f"<p>{text}</p>")
        return " ".join(out)

    def locate(self, problem: Problem) -> Problem:
        """The problem with its paragraph or table row instead of a line of the text form."""
        if problem.line and 0 < problem.line <= len(self.origins):
            origin = self.origins[problem.line - 1]
            return Problem(f"{origin}: {problem.message}", None, problem.column, problem.file)
        return problem
