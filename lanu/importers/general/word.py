"""Word files (.docx) as a `Document`: the body's headings, paragraphs and tables in order.

python-docx opens the file (and refuses a damaged one); the body is then walked in its
XML, because python-docx's own objects skip content controls and text boxes, and
compute a row's cells far more slowly than a 500-row plan can wait for:

- a heading's level is its style's (built-in "heading N", or the localised "Otsikko N",
  "Rubrik N"; "Title" is 1), or the outline level of the paragraph or its styles;
- Word's automatic numbering (numbering.xml) is counted as Word counts it, so a
  numbered heading or list item knows its number ("1.2", "IV", "B");
- list paragraphs (numbered, bulleted or in a "List …" style) are bullets, as are
  lines typed with a list mark ("- ", "• ": `document.list_item`);
- a soft line break (Shift+Enter) ends a paragraph: people type lists in cells so;
- a table's rows have one cell per grid column: the extra places of a cell spanning
  columns are merged "left", the places of a vertically merged cell "up"; a nested
  table's text is kept as paragraphs of its cell.
"""

import io
import re

import docx as python_docx
from django.utils.translation import gettext as _
from docx.oxml.ns import qn

from ..data import ImportRefused, Problem
from .document import Block, Cell, Document, Paragraph, Table
from .office_text import (
    MAX_COLUMNS,
    bare_number,
    check_places,
    draw,
    even_rows,
    is_list_style,
    named_level,
    paragraphs_of_lines,
    table_block,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# A paragraph's parts that are not its text as shown: a drawing's fallback copy,
# properties, and tracked deletions and moves' sources (their text is shown elsewhere
# or not at all).
NOT_TEXT = {FALLBACK, qn("w:pPr"), qn("w:rPr"), qn("w:del"), qn("w:moveFrom")}
# Elements whose children are blocks (paragraphs, tables) or a paragraph's content.
WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")}
P, P_PR, TBL = qn("w:p"), qn("w:pPr"), qn("w:tbl")  # named once: each is met per block
BODY_TEXT = 9  # w:outlineLvl of body text: outline levels 0–8 are headings 1–9


def read(raw: bytes, source: str) -> Document:
    """The Word file as a Document; ImportRefused if it cannot be opened."""
    word = open_document(raw, source)
    styles = Styles(word.styles.element)
    reader = Reader(styles, Numbering(numbering_element(word), styles.list_styles), source)
    return Document(source, "docx", reader.blocks(word.element.body))


def open_document(raw: bytes, source: str):
    try:
        return python_docx.Document(io.BytesIO(raw))
    except Exception:  # python-docx raises many kinds of errors for broken parts
        message = _("The Word file is damaged: its text cannot be read.")
        raise ImportRefused([Problem(message, file=source)]) from None


def numbering_element(word):
    try:
        return word.part.numbering_part.element
    except (KeyError, NotImplementedError):  # a file without lists has no numbering part
        return None


def number_of(value, default: int = 0) -> int:
    """An integer attribute, or `default` when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def val(element, path: str) -> str | None:
    """The w:val of the child at `path` ("w:pPr/w:outlineLvl"), None if there is none."""
    found = element.find(path.replace("w:", W)) if element is not None else None
    return found.get(qn("w:val")) if found is not None else None


class Styles:
    """The paragraph styles: what makes a paragraph a heading or a list item."""

    def __init__(self, element):
        self.styles = {}
        self.default = None
        self.list_styles = {}  # a numbering style's id -> its list (numId)
        self.known: dict = {}  # a paragraph style's id -> what it says, worked out once
        for style in element.iterfind(qn("w:style")):
            if style.get(qn("w:type")) == "numbering":
                self.list_styles[style.get(qn("w:styleId"))] = val(style, "w:pPr/w:numPr/w:numId")
            if style.get(qn("w:type")) == "paragraph":
                self.styles[style.get(qn("w:styleId"))] = style
                if style.get(qn("w:default")) in ("1", "true", "on"):
                    self.default = style

    def chain(self, style_id: str | None) -> list:
        """The style and those it is based on, nearest first (a loop is cut)."""
        style = self.styles.get(style_id, self.default)
        found: list = []
        while style is not None and all(style is not seen for seen in found):
            found.append(style)
            style = self.styles.get(val(style, "w:basedOn"))
        return found

    def of(self, style_id: str | None) -> tuple[int, bool, str | None, str | None]:
        """What the paragraph style says, worked out once per style (a plan's thousands
        of paragraphs share a few): its heading level, whether it is a list style, and
        its numbering's numId and ilvl (None where it sets none)."""
        if style_id not in self.known:
            chain = self.chain(style_id)
            numbering = [
                next((v for s in chain if (v := val(s, path)) is not None), None)
                for path in ("w:pPr/w:numPr/w:numId", "w:pPr/w:numPr/w:ilvl")
            ]
            level, listed = self.heading_level(None, chain), self.is_list(chain)
            self.known[style_id] = (level, listed, *numbering)
        return self.known[style_id]

    def heading_level(self, p_pr, chain: list) -> int:
        """1–9 for a heading, 0 for body text: the paragraph's own outline level, else
        its nearest style's heading name or outline level."""
        outline = val(p_pr, "w:outlineLvl")
        for style in chain if outline is None else ():
            level = named_level(val(style, "w:name") or "", style.get(qn("w:styleId")) or "")
            if level:
                return level
            outline = val(style, "w:pPr/w:outlineLvl")
            if outline is not None:
                break
        level = number_of(outline, BODY_TEXT)
        return level + 1 if 0 <= level < BODY_TEXT else 0

    def is_list(self, chain: list) -> bool:
        return any(is_list_style(val(style, "w:name") or "") for style in chain)

    def paragraph_style(self, p_pr) -> tuple[int, bool, str, int]:
        """The paragraph's heading level, whether its style is a list style, and the
        (numId, ilvl) of its automatic numbering (numId "" if none): its own
        properties first, then its style's."""
        style_level, list_style, style_num_id, style_ilvl = self.of(val(p_pr, "w:pStyle"))
        own_outline = val(p_pr, "w:outlineLvl")
        level = style_level if own_outline is None else self.heading_level(p_pr, [])
        num_id, ilvl = val(p_pr, "w:numPr/w:numId"), val(p_pr, "w:numPr/w:ilvl")
        num_id = num_id if num_id is not None else style_num_id
        ilvl = ilvl if ilvl is not None else style_ilvl
        return level, list_style, ("" if num_id in (None, "0") else num_id), number_of(ilvl)


class Numbering:
    """Word's list numbering, counted in document order as Word counts it.

    Lists (w:num) of one definition (w:abstractNum) share their counters, unless a
    list restarts a level (w:startOverride) when it is first used. A level's number
    is drawn from its w:lvlText ("%1.%2.") in its format; a format not drawn here
    (ordinal words, Asian numerals) gives "" rather than a wrong number."""

    def __init__(self, element, list_styles: dict[str, str | None]):
        self.list_styles = list_styles
        self.definitions = {}
        self.lists = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.cache: dict[str, tuple[str, dict]] = {}
        if element is None:
            return
        for abstract in element.iterfind(qn("w:abstractNum")):
            self.definitions[abstract.get(qn("w:abstractNumId"))] = abstract
        for num in element.iterfind(qn("w:num")):
            self.lists[num.get(qn("w:numId"))] = num

    def levels(self, num_id: str) -> tuple[str, dict]:
        if num_id not in self.cache:
            self.cache[num_id] = self.find_levels(num_id)
        return self.cache[num_id]

    def find_levels(self, num_id: str) -> tuple[str, dict]:
        """The list's definition id and its levels (with the list's overrides)."""
        num = self.lists.get(num_id)
        abstract_id = self.definition_id(val(num, "w:abstractNumId"))
        abstract = self.definitions.get(abstract_id)
        levels = {}
        if abstract is not None:
            for lvl in abstract.iterfind(qn("w:lvl")):
                levels[number_of(lvl.get(qn("w:ilvl")))] = lvl
        for override in num.iterfind(qn("w:lvlOverride")) if num is not None else ():
            lvl = override.find(qn("w:lvl"))
            if lvl is not None:
                levels[number_of(override.get(qn("w:ilvl")))] = lvl
        return abstract_id or "", levels

    def definition_id(self, abstract_id: str | None) -> str | None:
        """The definition that holds the levels: one linked to a list style
        (w:numStyleLink) takes them from the style's list."""
        abstract = self.definitions.get(abstract_id)
        link = val(abstract, "w:numStyleLink")
        if link is None:
            return abstract_id
        num = self.lists.get(self.list_styles.get(link))
        found = val(num, "w:abstractNumId")
        return found if found in self.definitions and found != abstract_id else abstract_id

    def count(self, num_id: str, ilvl: int) -> tuple[bool, str]:
        """(is it a bullet, its number text) for the next item at this place."""
        abstract_id, levels = self.levels(num_id)
        lvl = levels.get(ilvl)
        if lvl is None:
            return False, ""
        if val(lvl, "w:numFmt") == "bullet":
            return True, ""
        counters = self.counters.setdefault(abstract_id, {})
        self.restart(num_id, counters)
        start = number_of(val(lvl, "w:start"), 1)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]  # a deeper level starts again under a new item
        return False, self.text(lvl, levels, counters)

    def restart(self, num_id: str, counters: dict[int, int]) -> None:
        """A list that restarts levels (Word's "Restart numbering") does so once."""
        if num_id in self.started:
            return
        self.started.add(num_id)
        num = self.lists.get(num_id)
        for override in num.iterfind(qn("w:lvlOverride")) if num is not None else ():
            if override.find(qn("w:startOverride")) is not None:
                level = number_of(override.get(qn("w:ilvl")))
                start = number_of(val(override, "w:startOverride"), 1)
                counters[level] = start - 1
                for deeper in [each for each in counters if each > level]:
                    del counters[deeper]

    @staticmethod
    def text(lvl, levels: dict, counters: dict[int, int]) -> str:
        """The level's lvlText with each %N drawn, without trailing punctuation."""
        legal = lvl.find(qn("w:isLgl")) is not None

        def drawn(match) -> str:
            level = int(match[1]) - 1
            format_ = "decimal" if legal else val(levels.get(level), "w:numFmt") or "decimal"
            start = number_of(val(levels.get(level), "w:start"), 1)
            return draw(counters.get(level, start), format_)

        try:
            text = re.sub(r"%([1-9])", drawn, val(lvl, "w:lvlText") or "")
        except ValueError:  # a format not drawn here
            return ""
        return bare_number(text)


class Reader:
    """Walks the body in document order (the order Word numbers lists in)."""

    def __init__(self, styles: Styles, numbering: Numbering, source: str):
        self.styles = styles
        self.numbering = numbering
        self.source = source
        self.tables = 0
        self.places = 0

    def blocks(self, body) -> list[Block]:
        found = []
        for element in block_elements(body):
            if element.tag == TBL:
                self.tables += 1
                found.append(table_block(self.table(element, self.tables)))
            else:
                found += [Block(paragraph=p) for p in self.paragraphs(element)]
        return found

    def paragraphs(self, p) -> list[Paragraph]:
        """The paragraph's lines as Paragraphs, then those of its text boxes."""
        level, list_style, num_id, ilvl = self.styles.paragraph_style(p.find(P_PR))
        listed, number = self.numbering.count(num_id, ilvl) if num_id else (False, "")
        boxes: list = []
        listed = listed or bool(num_id) or list_style
        found = paragraphs_of_lines(paragraph_text(p, boxes), level, listed, number)
        for box in boxes:
            for element in block_elements(box):
                found += self.cell_paragraphs(element)
        return found

    def cell_paragraphs(self, element) -> list[Paragraph]:
        """A cell's paragraph, or a nested table's text as paragraphs (not as a table)."""
        if element.tag != TBL:
            return self.paragraphs(element)
        found = []
        for row in self.table(element, 0).rows:
            for cell in row:
                found += cell.paragraphs
        return found

    def table(self, tbl, number: int) -> Table:
        grid = min(len(tbl.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))), MAX_COLUMNS)
        rows = [self.row(tr) for tr in children(tbl, qn("w:tr"))]
        self.places += max([grid, *map(len, rows)]) * len(rows)
        check_places(self.places, self.source)
        return Table(number, even_rows(rows, grid))

    def row(self, tr) -> list[Cell]:
        """One Cell per grid column the row covers, merged places marked."""
        tr_pr = tr.find(qn("w:trPr"))
        cells = [Cell() for _ in range(min(number_of(val(tr_pr, "w:gridBefore")), MAX_COLUMNS))]
        for tc in children(tr, qn("w:tc")):
            if len(cells) >= MAX_COLUMNS:
                break
            tc_pr = tc.find(qn("w:tcPr"))
            span = min(max(1, number_of(val(tc_pr, "w:gridSpan"), 1)), MAX_COLUMNS)
            merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                cells.append(Cell(merged="up"))
            else:
                found = []
                for element in block_elements(tc):
                    found += self.cell_paragraphs(element)
                cells.append(Cell(found))
            cells += [Cell(merged="left") for _ in range(span - 1)]
        after = min(number_of(val(tr_pr, "w:gridAfter")), MAX_COLUMNS)
        return (cells + [Cell() for _ in range(after)])[:MAX_COLUMNS]


def children(parent, tag: str):
    """The children of this tag, also those inside content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in WRAPPERS:
            yield from children(child, tag)


def block_elements(parent):
    """The paragraphs and tables of a body, cell or text box, in order."""
    for child in parent:
        if child.tag in (P, TBL):
            yield child
        elif child.tag in WRAPPERS:
            yield from block_elements(child)


def paragraph_text(element, boxes: list) -> str:
    """The paragraph's text, soft line breaks as "\\n"; its text boxes are put in
    `boxes` (their text is not the paragraph's). Deleted or moved-away text and field
    codes (w:instrText) are left out; superscript is plain text."""
    parts = []
    for child in element:
        tag = child.tag
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag in (qn("w:tab"), qn("w:ptab")):
            parts.append("\t")
        elif tag == qn("w:br") and child.get(qn("w:type")) in (None, "textWrapping"):
            parts.append("\n")
        elif tag == qn("w:cr"):
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif tag == qn("w:txbxContent"):
            boxes.append(child)
        elif tag not in NOT_TEXT:
            parts.append(paragraph_text(child, boxes))
    return "".join(parts)
