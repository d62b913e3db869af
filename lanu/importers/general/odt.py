"""OpenDocument text files (.odt) as a `Document`, read as the Word reader reads .docx.

The standard library's ElementTree reads content.xml and styles.xml (odfpy was tried:
it returns half a document, silently, when its XML is broken, and holds each element
in three times the memory). The zip's parts are bounded by files.py before any reader
opens them. The body is walked in order:

- text:h is a heading of its outline level; a text:p is one if its style is a
  heading style by name ("Heading 1", "Title") or default outline level;
- every paragraph of a text:list item is a bullet (numbered or not), as are lines
  typed with a list mark; a line break (text:line-break) ends a paragraph, as
  Shift+Enter does in Word; text:s is spaces, text:tab a tab;
- a table has one cell per column: a cell spanning columns or rows
  (number-columns-spanned, number-rows-spanned) covers places that OpenDocument
  writes as table:covered-table-cell, read as merged "left" (right of the spanning
  cell's column) or "up" (below it, in its column);
- repeated cells and rows (number-columns-repeated, number-rows-repeated) are
  written out, except trailing empty ones: LibreOffice repeats an empty cell to
  column 1024 and an empty row to the sheet's end.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from ..data import ImportRefused, Problem
from ..files import BROKEN
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

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
P, H, LIST = TEXT + "p", TEXT + "h", TEXT + "list"
LIST_ITEM, LIST_ITEMS = TEXT + "list-item", {TEXT + "list-item", TEXT + "list-header"}
TABLE, ROW = TABLE_NS + "table", TABLE_NS + "table-row"
CELL, COVERED = TABLE_NS + "table-cell", TABLE_NS + "covered-table-cell"
TEXT_BOX = DRAW + "text-box"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
FORMATS = {
    "1": "decimal",
    "I": "upperRoman",
    "i": "lowerRoman",
    "A": "upperLetter",
    "a": "lowerLetter",
}
XML_SPACE = re.compile(r"[ \t\r\n]+")  # white space in the XML is one space in the text
# Parts of the body that are not its text: declarations, the text of tracked deletions,
# comments and footnotes (a Word file's footnotes and comments are not its body either).
SKIPPED = {
    TEXT + "tracked-changes",
    TEXT + "sequence-decls",
    TEXT + "variable-decls",
    TEXT + "user-field-decls",
    TEXT + "dde-connection-decls",
    TEXT + "note",
    OFFICE + "annotation",
    OFFICE + "forms",
    TEXT + "table-of-content-source",
    TEXT + "alphabetical-index-source",
    TEXT + "illustration-index-source",
    TEXT + "table-index-source",
    TEXT + "object-index-source",
    TEXT + "user-index-source",
    TEXT + "bibliography-source",
    TEXT + "number",  # a list item's number as last drawn: drawn again here
}


def read(raw: bytes, source: str) -> Document:
    """The OpenDocument text as a Document; ImportRefused if it cannot be read."""
    content, styles = open_parts(raw, source)
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:  # a spreadsheet or a presentation, not a text
        raise damaged(source)
    reader = Reader(Styles(content, styles), Numbering(content, styles), source)
    return Document(source, "odt", reader.blocks(body))


def open_parts(raw: bytes, source: str):
    """content.xml and styles.xml (None if the file has none) as element trees."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            content = parsed(archive.read("content.xml"))
            has_styles = "styles.xml" in archive.namelist()
            styles = parsed(archive.read("styles.xml")) if has_styles else None
    except (KeyError, ElementTree.ParseError, *BROKEN):
        raise damaged(source) from None
    return content, styles


def parsed(xml: bytes) -> ElementTree.Element:
    """A part's XML as an element tree. ElementTree fetches no external entity or DTD, and
    Python's expat (2.4.1 or newer) refuses entity expansion bombs; files.check_parts has
    capped the part's size and its number of elements."""
    return ElementTree.fromstring(xml)  # noqa: S314 - safe with expat ≥ 2.4.1, see above


def damaged(source: str) -> ImportRefused:
    message = _("The OpenDocument file is damaged: its text cannot be read.")
    return ImportRefused([Problem(message, file=source)])


def number_of(value, default: int = 1) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default


class Styles:
    """The paragraph styles, by name: which make a heading or a list item."""

    def __init__(self, content, styles):
        self.styles = {}
        # content.xml's automatic styles first: the body's paragraphs use those names
        for part, group in ((content, "automatic-styles"), (styles, "styles")):
            found = part.find(OFFICE + group) if part is not None else None
            for style in found.iterfind(STYLE + "style") if found is not None else ():
                if style.get(STYLE + "family") == "paragraph":
                    self.styles.setdefault(style.get(STYLE + "name"), style)

    def chain(self, name: str | None) -> list:
        """The style and its parents, nearest first (a loop is cut)."""
        style = self.styles.get(name)
        found: list[ElementTree.Element] = []
        while style is not None and all(style is not seen for seen in found):
            found.append(style)
            style = self.styles.get(style.get(STYLE + "parent-style-name"))
        return found

    def heading_level(self, paragraph) -> int:
        """A text:h's outline level (1 if it has none); for a text:p, its nearest
        style's heading name or default outline level; 0 for body text."""
        if paragraph.tag == H:
            return min(number_of(paragraph.get(TEXT + "outline-level")), 10)
        for style in self.chain(paragraph.get(TEXT + "style-name")):
            names = (style.get(STYLE + name) or "" for name in ("display-name", "name"))
            level = named_level(*names)
            outline = style.get(STYLE + "default-outline-level")
            if level or outline:
                return level or number_of(outline, 0)
        return 0

    def is_list(self, paragraph) -> bool:
        """A paragraph in a "List Bullet" style or the like, outside a text:list."""
        return any(
            is_list_style(style.get(STYLE + name) or "")
            for style in self.chain(paragraph.get(TEXT + "style-name"))
            for name in ("display-name", "name")
        )


@dataclass
class ListPlace:
    """Where a text:list is: its list style, depth and the counters it draws from."""

    style: str
    level: int = 1
    counters: dict[int, int] = field(default_factory=dict)


class Numbering:
    """The numbers LibreOffice draws for list items and outline-numbered headings,
    counted in document order.

    A list continues another's counters when it says so (text:continue-list naming
    its xml:id, or text:continue-numbering); otherwise it starts anew. A list item
    counts at its level when it opens with a paragraph (one that opens with a nested
    list only holds it). The level's style gives the format ("1", "I", "A"), how many
    levels are shown ("1.2") and the prefix and suffix."""

    def __init__(self, content, styles) -> None:
        self.list_styles: dict[str, dict[int, object]] = {}
        for part in (content, styles):
            for style in part.iter(TEXT + "list-style") if part is not None else ():
                self.list_styles.setdefault(style.get(STYLE + "name"), levels_of(style))
        outline = None if styles is None else styles.find(f"{OFFICE}styles/{TEXT}outline-style")
        self.outline = levels_of(outline) if outline is not None else {}
        self.headings: dict[int, int] = {}
        self.by_id: dict[str, dict[int, int]] = {}
        self.latest: dict[str, dict[int, int]] = {}

    def start(self, element, outer: ListPlace | None) -> ListPlace:
        """The place of a text:list: in the list around it, or a list of its own."""
        style = element.get(TEXT + "style-name")
        if outer is not None:
            return ListPlace(style or outer.style, outer.level + 1, outer.counters)
        style = style or ""
        if element.get(TEXT + "continue-list") in self.by_id:
            counters = self.by_id[element.get(TEXT + "continue-list")]
        elif element.get(TEXT + "continue-numbering") == "true" and style in self.latest:
            counters = self.latest[style]
        else:
            counters = {}
        self.latest[style] = counters
        if element.get(XML_ID):
            self.by_id[element.get(XML_ID)] = counters
        return ListPlace(style, 1, counters)

    def item(self, place: ListPlace, item) -> str:
        """The number of a list item that opens with a paragraph ("" for a bullet)."""
        levels = self.list_styles.get(place.style, {})
        return count(levels, place.counters, place.level, item.get(TEXT + "start-value"))

    def heading(self, level: int) -> str:
        """The outline number of a text:h outside a list ("" when unnumbered)."""
        return count(self.outline, self.headings, level, None)


def levels_of(style) -> dict[int, object]:
    """A list or outline style's level styles by level (1, 2, …)."""
    return {number_of(level.get(TEXT + "level")): level for level in style}


def count(levels: dict, counters: dict[int, int], level: int, start_value) -> str:
    """Count one more at `level` (deeper levels start again) and draw the number."""
    style = levels.get(level)
    start = number_of(style.get(TEXT + "start-value")) if style is not None else 1
    if start_value is not None:
        counters[level] = number_of(start_value)
    else:
        counters[level] = counters[level] + 1 if level in counters else start
    for deeper in [each for each in counters if each > level]:
        del counters[deeper]
    if style is None or style.get(STYLE + "num-format") not in FORMATS:
        return ""  # a bullet, an image or an unnumbered level
    shown = min(number_of(style.get(TEXT + "display-levels")), level)
    parts = []
    for each in range(level - shown + 1, level + 1):
        each_style = levels.get(each)
        format_ = each_style.get(STYLE + "num-format") if each_style is not None else "1"
        each_start = (
            number_of(each_style.get(TEXT + "start-value")) if each_style is not None else 1
        )
        try:
            parts.append(draw(counters.get(each, each_start), FORMATS.get(format_, "decimal")))
        except ValueError:
            return ""
    prefix, suffix = style.get(STYLE + "num-prefix", ""), style.get(STYLE + "num-suffix", "")
    return bare_number(prefix + ".".join(parts) + suffix)


class Reader:
    """Walks the body in order, numbering the tables."""

    def __init__(self, styles: Styles, numbering: Numbering, source: str):
        self.styles = styles
        self.numbering = numbering
        self.source = source
        self.tables = 0
        self.places = 0

    def blocks(self, body) -> list[Block]:
        found = []
        for element, listed, number in self.block_elements(body):
            if element.tag == TABLE:
                self.tables += 1
                found.append(table_block(Table(self.tables, self.rows(element))))
            else:
                paragraphs = self.paragraphs(element, listed, number)
                found += [Block(paragraph=p) for p in paragraphs]
        return found

    def paragraphs(self, element, listed: bool, number: str | None) -> list[Paragraph]:
        """The paragraph's lines, then those of its text boxes. `number` is its list
        item's; None outside a list (where a text:h may have an outline number)."""
        boxes: list = []
        text = paragraph_text(element, boxes)
        level = self.styles.heading_level(element)
        if number is None:
            number = self.numbering.heading(level) if element.tag == H else ""
        listed = listed or self.styles.is_list(element)
        found = paragraphs_of_lines(text, level, listed, number)
        for box in boxes:
            found += self.cell_paragraphs(box)
        return found

    def cell_paragraphs(self, parent) -> list[Paragraph]:
        """A cell's or text box's paragraphs; a nested table's text as paragraphs."""
        found = []
        for element, listed, number in self.block_elements(parent):
            if element.tag == TABLE:
                for row in self.rows(element):
                    for cell in row:
                        found += cell.paragraphs
            else:
                found += self.paragraphs(element, listed, number)
        return found

    def block_elements(self, parent):
        """(paragraph or table, is it a list item, its number) of a body, cell or text
        box, in order; sections, indexes and frames are looked into."""
        for child in parent:
            if child.tag in (P, H, TABLE):
                yield child, False, None
            elif child.tag == LIST:
                yield from self.list_elements(child, None)
            elif child.tag not in SKIPPED and child.tag != ROW:
                yield from self.block_elements(child)

    def list_elements(self, element, outer: ListPlace | None):
        """A text:list's paragraphs: the first of each item has the item's number."""
        place = self.numbering.start(element, outer)
        for item in element:
            listed, opening = item.tag == LIST_ITEM, True
            for child in item if item.tag in LIST_ITEMS else ():
                if child.tag in (P, H):
                    number = self.numbering.item(place, item) if listed and opening else ""
                    yield child, listed, number
                elif child.tag == LIST:
                    yield from self.list_elements(child, place)
                opening = False

    def rows(self, table) -> list[list[Cell]]:
        """The table's rows, each as wide as the widest."""
        rows: list[list[Cell]] = []
        covering: dict[int, tuple[int, int]] = {}  # column -> (last row, spanning column)
        empty_rows = 0  # repeated empty rows not yet written: dropped at the table's end
        written = 0
        for tr in table_rows(table):
            repeat = number_of(tr.get(TABLE_NS + "number-rows-repeated"))
            cells = self.row(tr, len(rows) + empty_rows, covering)
            if repeat > 1 and not any(cell.merged or cell.paragraphs for cell in cells):
                empty_rows += repeat
                continue
            written += len(cells) * (empty_rows + repeat)
            check_places(self.places + written, self.source)  # before writing them out
            rows += [[Cell() for _ in cells] for _ in range(empty_rows)]
            rows += [cells] + [copied(cells) for _ in range(repeat - 1)]
            empty_rows = 0
        self.places += max(map(len, rows), default=0) * len(rows)
        check_places(self.places, self.source)
        return even_rows(rows)

    def row(self, tr, index: int, covering: dict) -> list[Cell]:
        """One Cell per column; merged places marked by the cells that span them."""
        cells: list[Cell] = []
        empty = 0  # repeated empty cells not yet written: dropped at the row's end
        for tc in row_cells(tr):
            column = len(cells) + empty
            repeat = number_of(tc.get(TABLE_NS + "number-columns-repeated"))
            places = range(column, min(column + repeat, MAX_COLUMNS))
            if tc.tag == COVERED:
                found = [covered(index, place, covering) for place in places]
            else:
                cell = self.cell(tc, index, column, covering)
                if repeat > 1 and not cell.paragraphs:
                    empty += len(places)
                    continue
                found = [cell] + copied([cell] * (len(places) - 1))
            cells += [Cell() for _ in range(empty)] + found
            empty = 0
        return cells

    def cell(self, tc, row: int, column: int, covering: dict) -> Cell:
        """The cell's paragraphs; the places it spans are noted in `covering`."""
        rows = number_of(tc.get(TABLE_NS + "number-rows-spanned"))
        columns = min(number_of(tc.get(TABLE_NS + "number-columns-spanned")), MAX_COLUMNS)
        if rows > 1 or columns > 1:
            for place in range(column, min(column + columns, MAX_COLUMNS)):
                covering[place] = (row + rows - 1, column)
        return Cell(self.cell_paragraphs(tc))


def covered(row: int, column: int, covering: dict) -> Cell:
    """A covered place: "left" right of its spanning cell's column, "up" below it."""
    last, spanning = covering.get(column, (-1, column))
    return Cell(merged="left" if last >= row and column != spanning else "up")


def copied(cells: list[Cell]) -> list[Cell]:
    return [Cell(list(cell.paragraphs), cell.merged) for cell in cells]


def table_rows(table):
    """The table's rows, also those in header-rows and row groups (not a nested table's)."""
    for child in table:
        if child.tag == ROW:
            yield child
        elif isinstance(child.tag, str) and child.tag.startswith(TABLE_NS) and child.tag != TABLE:
            yield from table_rows(child)


def row_cells(tr):
    return [child for child in tr if child.tag in (CELL, COVERED)]


def paragraph_text(element, boxes: list) -> str:
    """The paragraph's text, line breaks as "\\n"; its text boxes go to `boxes`."""
    parts = [XML_SPACE.sub(" ", element.text or "")]
    for child in element:
        if child.tag == TEXT + "s":
            parts.append(" " * min(number_of(child.get(TEXT + "c")), 100))
        elif child.tag == TEXT + "tab":
            parts.append("\t")
        elif child.tag == TEXT + "line-break":
            parts.append("\n")
        elif child.tag == TEXT_BOX:
            boxes.append(child)
        elif child.tag not in SKIPPED:
            parts.append(paragraph_text(child, boxes))
        parts.append(XML_SPACE.sub(" ", child.tail or ""))
    return "".join(parts)
