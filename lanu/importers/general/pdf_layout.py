"""A PDF's words read as a person reads them: lines, paragraphs, headings and tables.

pdf.py opens the file and bounds it; here each page becomes its lines outside tables
and its tables' parts (`page_content`), and the pages together become the document's
blocks (`Assembler`). Why each rule is as it is, is said in pdf.py's docstring; the
figures a rule needs (the body text's size, its left margin, the usual gap between
two lines of a paragraph) are measured on the document itself, not assumed.
"""

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .document import BULLET_MARKS, Block, Cell, Paragraph, Table, list_item, paragraphs_of

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
WORD_ATTRS = ["fontname", "size"]
BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
SYMBOL_FONT = re.compile(r"symbol|wingdings|webdings|dingbat|courier", re.I)
# A numbered item or heading: "1.", "1.2", "1.2.", "2)", "IV.", "b)" and a space.
ITEM_START = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|[IVX]{1,4}\.|[a-zA-Z]\))\s")
PAGE_NUMBER = re.compile(
    r"(?:(?:sivu|sida|page|s\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:/|\(|of|av)\s*\d{1,4}\s*\)?)?",
    re.I,
)
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})
# "lasten- ja nuorten": a word ending in a dash before these is not a word broken in two.
CONJUNCTIONS = {"ja", "tai", "sekä", "eli", "och", "eller", "samt", "and", "or"}
DASHES = "-–"
SHORT_WORDS = {  # Finnish, Swedish and English words of up to three letters
    *CONJUNCTIONS,
    *"on ei se ne me te he en et ei kun jos kuin nyt jo vai sen sen mm. ym. vs.".split(),
    *"i på av en ett att som är med för till om de den det vi ni du han hon man".split(),
    *"an the of to in on at by for and or is be as it we".split(),
}
BAND = 0.12  # running headers and footers are in the page's top and bottom 12 %
# The most places a page's ruled lines may make for its tables to be looked for: a
# plan's table page has some hundreds (40 rows of 12 columns: 533); pdfplumber takes
# 0.15 s on 2,500, 2.3 s on 10,000.
MAX_GRID = 2_500


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size of most of its letters
    bold: bool  # every word of it in a bold font
    first_width: float  # its first word's width: would the word have fitted on the line above?
    indent: float  # where its text begins, after a list mark

    @property
    def style(self) -> tuple[float, bool]:
        return round(self.size * 2) / 2, self.bold


@dataclass
class PdfCell:
    """One place of a table as read from one page: its lines, or merged."""

    lines: list[Line] = field(default_factory=list)
    left: float = 0.0  # where its lines start
    right: float = 0.0  # where its lines wrap
    merged: str = ""
    spans_down: bool = False  # a cell reaching over the rows below it
    full: bool = False  # its text reaches its bottom: it may go on on the next page


@dataclass
class TablePart:
    """A table, or the part of it on one page."""

    top: float
    x0: float
    x1: float
    rows: list[list[PdfCell]]


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[Line]  # outside tables, top to bottom
    tables: list[TablePart]


# A page ---------------------------------------------------------------------------------


def page_content(page, number: int) -> PageContent:
    """The page's lines outside tables and its ruled tables."""
    words = [word for word in page.extract_words(extra_attrs=WORD_ATTRS) if word["upright"]]
    parts = []
    for table in page.find_tables(TABLE_SETTINGS) if ruled_places(page) <= MAX_GRID else []:
        if len(table.cells) < 2:  # a frame around text, not a table
            continue
        inside = [word for word in words if within(table.bbox, *middle(word))]
        part = table_part(table, inside)
        if part:
            parts.append(part)
            words = [word for word in words if not within(table.bbox, *middle(word))]
    return PageContent(number, page.width, page.height, lines_of(words), parts)


def ruled_places(page) -> int:
    """How many places the page's lines could rule: the heights of its horizontal lines
    times the places of its vertical ones. pdfplumber's work to find tables grows with
    the square of it: a page drawing a fine grid, or a map, is not read for tables."""
    edges = page.edges
    rows = [edge["top"] for edge in edges if edge["orientation"] == "h"]
    columns = [edge["x0"] for edge in edges if edge["orientation"] == "v"]
    return places_apart(rows) * places_apart(columns)


def places_apart(positions: list[float]) -> int:
    """How many places the positions are at, those within 3 points of each other one
    (pdfplumber's own snapping: a border drawn as a thin filled rectangle has two edges)."""
    found, last = 0, None
    for position in sorted(positions):
        found += last is None or position - last > 3
        last = position
    return found


def middle(word: dict) -> tuple[float, float]:
    return (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2


def within(box, x: float, y: float) -> bool:
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def lines_of(words: list[dict]) -> list[Line]:
    """Words grouped into lines: a word whose middle is within a line's height is on it."""
    groups: list[list[dict]] = []
    for word in sorted(words, key=lambda word: word["top"]):
        if groups and middle(word)[1] < max(w["bottom"] for w in groups[-1]):
            groups[-1].append(word)
        else:
            groups.append([word])
    return [make_line(sorted(group, key=lambda word: word["x0"])) for group in groups]


def make_line(words: list[dict]) -> Line:
    """The words as one line: a space where they are apart (a font change inside a
    word makes two pdfplumber words with no gap between them), a list mark as "•"."""
    text, sizes = words[0]["text"], Counter()
    for before, word in zip(words, words[1:], strict=False):
        apart = word["x0"] - before["x1"] > 0.15 * word["size"]
        text += (" " if apart else "") + word["text"]
    for word in words:
        sizes[round(word["size"], 1)] += len(word["text"])
    first = words[0]
    bold = all(BOLD.search(word["fontname"]) for word in words)
    mark = list_mark(words)
    if mark or (private(first["text"][0]) or first["text"][0] in "•▪●◦"):
        text = "• " + text[1:].lstrip()  # Word's bullets are often a symbol font's letter
    return Line(
        text.translate(LIGATURES),
        first["x0"],
        words[-1]["x1"],
        min(word["top"] for word in words),
        max(word["bottom"] for word in words),
        sizes.most_common(1)[0][0],
        bold,
        first["x1"] - first["x0"],
        words[1]["x0"] if mark else first["x0"],
    )


def list_mark(words: list[dict]) -> bool:
    """Whether the line starts with a list mark apart from its text: Word's bullets are
    often a symbol font's private character (Symbol's U+F0B7) or Courier's "o"."""
    first = words[0]["text"]
    if len(words) == 1 or len(first) != 1:
        return False
    return first in BULLET_MARKS or private(first) or bool(SYMBOL_FONT.search(words[0]["fontname"]))


def private(character: str) -> bool:
    return 0xE000 <= ord(character) <= 0xF8FF


# A table on a page ----------------------------------------------------------------------


def table_part(table, words: list[dict]) -> TablePart | None:
    """The table's places, each cell's words read into lines; None if it has no text.

    pdfplumber gives each cell's rectangle; the grid's rows and columns are where the
    cells start, and a place no cell starts at is covered by the cell over it."""
    tops = sorted({box[1] for box in table.cells})
    lefts = sorted({box[0] for box in table.cells})
    starts = {(box[1], box[0]): box for box in table.cells}
    grid = [[starts.get((top, left)) for left in lefts] for top in tops]
    owners = {
        (i, j): grid[i][j] or owner(grid, lefts[j], tops[i], i, j)
        for i in range(len(tops))
        for j in range(len(lefts))
    }
    texts: dict[tuple, list[dict]] = {}
    for word in words:
        x, y = middle(word)
        place = (bisect_right(tops, y) - 1, bisect_right(lefts, x) - 1)
        box = owners.get(place)
        if box and within(box, x, y):
            texts.setdefault(box, []).append(word)
    rows = [
        [place_cell(grid, owners, texts, tops, lefts, i, j) for j in range(len(lefts))]
        for i in range(len(tops))
    ]
    if not texts:
        return None
    return TablePart(table.bbox[1], table.bbox[0], table.bbox[2], rows)


def owner(grid, left: float, top: float, i: int, j: int):
    """The cell covering the place at (left, top): one starting above or left of it."""
    for row in range(i, -1, -1):
        for column in range(j, -1, -1):
            box = grid[row][column]
            if box and within(box, left + 0.5, top + 0.5):
                return box
    return None


def place_cell(grid, owners, texts, tops, lefts, i: int, j: int) -> PdfCell:
    box = grid[i][j]
    if box is None:
        covering = owners[(i, j)]
        if covering is not None:
            return PdfCell(merged="up" if covering[0] == lefts[j] else "left")
        return PdfCell(merged="left" if j else "up" if i else "")
    lines = lines_of(texts.get(box, []))
    padding = min(max(min((line.x0 for line in lines), default=box[0]) - box[0], 0), 12)
    spans = i + 1 < len(tops) and box[3] > tops[i + 1] + 0.5
    full = bool(lines) and box[3] - lines[-1].bottom < lines[-1].size
    return PdfCell(lines, box[0] + padding, box[2] - padding, spans_down=spans, full=full)


# The document ---------------------------------------------------------------------------


@dataclass
class Group:
    """Consecutive lines of one paragraph, or the parts of one table, from `page` on."""

    page: int
    lines: list[Line] = field(default_factory=list)
    parts: list[TablePart] = field(default_factory=list)


class Assembler:
    """The pages' lines and tables as blocks in reading order."""

    def __init__(self, pages: list[PageContent]):
        self.pages = pages
        drop_running_heads(pages)
        body = [line for page in pages for line in page.lines]
        cells = [c.lines for p in pages for t in p.tables for row in t.rows for c in row]
        every = body + [line for lines in cells for line in lines]  # a plan's text is in tables
        self.body_size = common([line.size for line in every], [len(line.text) for line in every])
        self.left = common([round(line.x0) for line in body], [1] * len(body))
        self.body_gap = usual_gap([page.lines for page in pages])
        self.cell_gap = usual_gap(cells)
        self.tops = body_tops(pages)

    def blocks(self) -> list[Block]:
        groups = self.groups()
        levels = heading_levels([g for g in groups if g.lines and self.is_heading(g.lines)])
        blocks, tables = [], 0
        for group in groups:
            origin = f"page {group.page}"
            if group.parts:
                tables += 1
                table = Table(tables, joined_rows(group.parts, self.cell_gap), origin=origin)
                blocks.append(Block(table=table, origin=origin))
            else:
                blocks.append(Block(paragraph=self.paragraph(group, levels), origin=origin))
        return blocks

    def groups(self) -> list[Group]:
        """Paragraphs and tables in reading order: each page's items from the top."""
        groups: list[Group] = []
        previous = None
        for page in self.pages:
            column = (self.left, page.width - self.left)
            items = sorted([*page.lines, *page.tables], key=lambda item: item.top)
            for item in items:
                if isinstance(item, TablePart):
                    self.add_part(groups, previous, item, page.number)
                elif self.goes_on(groups, previous, item, column):
                    groups[-1].lines.append(item)
                else:
                    groups.append(Group(page.number, lines=[item]))
                previous = (page.number, item)
        return groups

    def add_part(self, groups: list[Group], previous, part: TablePart, page: int) -> None:
        before = previous[1] if previous else None
        at_top = part.top <= self.tops[page] + 4  # not below an empty paragraph
        after = isinstance(before, TablePart) and previous[0] == page - 1
        if after and at_top and continues(before, part):
            groups[-1].parts.append(part)
        else:
            groups.append(Group(page, parts=[part]))

    def goes_on(self, groups: list[Group], previous, line: Line, column: tuple) -> bool:
        """Whether the line goes on the paragraph the line before it is in."""
        if not groups or not isinstance(previous[1], Line):
            return False
        heading = self.prominent(line)
        return not starts_paragraph(groups[-1].lines, line, column, self.body_gap, heading)

    def prominent(self, line: Line) -> bool:
        """In a heading's font: larger than the body text's, or bold."""
        return line.size >= self.body_size + 1 or (line.bold and line.size >= self.body_size - 0.5)

    def is_heading(self, lines: list[Line]) -> bool:
        """A paragraph in a larger font (a plan's sub-goal headings can be long
        sentences), or a short bold one that is not a sentence."""
        text = " ".join(line.text for line in lines)
        if not self.prominent(lines[0]) or list_item(text)[0]:
            return False
        if lines[0].size >= self.body_size + 1:
            return len(text) <= 400
        return len(text) <= 200 and not text.endswith(".")

    def paragraph(self, group: Group, levels: dict) -> Paragraph:
        right = self.pages[group.page - 1].width - self.left
        bullet, text = list_item(joined_text(group.lines, right))
        level = levels.get(group.lines[0].style, 0) if self.is_heading(group.lines) else 0
        return Paragraph(text, bullet, level)


def body_tops(pages: list[PageContent]) -> dict[int, float]:
    """Where each page's text begins: the highest first line or table of the pages of
    its size (a page whose first thing is lower has something invisible above it, an
    empty paragraph: a table there is not one going on from the page before)."""
    highest: dict[tuple, float] = {}
    for page in pages:
        first = min((item.top for item in [*page.lines, *page.tables]), default=None)
        size = (round(page.width), round(page.height))
        if first is not None:
            highest[size] = min(highest.get(size, first), first)
    return {page.number: highest.get((round(page.width), round(page.height)), 0) for page in pages}


def common(values: list, weights: list[int]):
    """The value with the most weight (the body text's size: most letters are in it)."""
    found = Counter()
    for value, weight in zip(values, weights, strict=True):
        found[value] += weight
    return found.most_common(1)[0][0] if found else 0


def usual_gap(runs: list[list[Line]]) -> float:
    """The commonest gap between two consecutive lines of the same size: the gap inside
    a paragraph (a paragraph's spacing is larger, and comes once per paragraph)."""
    gaps = Counter()
    for lines in runs:
        for above, line in zip(lines, lines[1:], strict=False):
            gap = line.top - above.bottom
            if above.style == line.style and 0 <= gap < 2 * line.size:
                gaps[round(gap * 2) / 2] += 1
    return gaps.most_common(1)[0][0] if gaps else 2.0


def starts_paragraph(lines: list[Line], line: Line, column: tuple, gap: float, heading=False):
    """Whether `line` starts a paragraph rather than going on the paragraph of `lines`,
    in a column of text from `column` = (left, right).

    A heading's lines go on while the font stays; a body line goes on only when the
    line above was wrapped: its first word would not have fitted there (the space is
    reckoned wide, so that a wrapped line is never taken for a paragraph's end). Nor
    does it go on when it starts with a capital after a line ending well short of the
    edge, not with a comma or "ja": a list typed as lines ("Nykytilan arviointi"
    "Liikuntaneuvontaan osallistuneet") -- unless it is at a list item's indent."""
    above = lines[-1]
    if line.top >= above.bottom - 1 and line.top - above.bottom > gap + 0.3 * line.size:
        return True  # a larger gap (not measured across a page break)
    if ITEM_START.match(line.text) or list_item(line.text)[0] or above.style != line.style:
        return True
    if heading:
        return False
    left, right = column
    wrapped = above.x1 + 0.35 * line.size + line.first_width >= right - 1
    if not wrapped:
        return True
    in_item = lines[0].indent > lines[0].x0 + 2 and abs(line.x0 - lines[0].indent) < 2
    return not in_item and capital_after_short(above, line, right - left, right)


def capital_after_short(above: Line, line: Line, width: float, right: float) -> bool:
    last = above.text.rsplit(" ", 1)[-1].lower()
    goes_on = above.text[-1:] in ",(/&" or last in CONJUNCTIONS
    return line.text[:1].isupper() and not goes_on and right - above.x1 > 0.25 * width


def joined_text(lines: list[Line], right: float) -> str:
    """The lines of a paragraph as one text, with a space between them, but none where
    a word was broken: after a dash ("hyvinvointi-" "alue", "Moniku -" "mallia": the
    commoner reading of a dash ending a line, though "Ankkuritoiminta –" "sopimukset"
    may have had a space), or a word too long for its narrow column broken where the
    column ended ("ennaltaehkäisemisek" "si")."""
    text = lines[0].text
    for above, line in zip(lines, lines[1:], strict=False):
        text += ("" if broken(above, line, right) else " ") + line.text
    return text


def broken(above: Line, line: Line, right: float) -> bool:
    """Whether the line goes on a word the line above broke. A word broken because it
    is wider than its column fills the line above alone; but so may a whole word, so
    only a short piece that is not a word ("si", "a") is taken as the word's end."""
    word = line.text.split(" ", 1)[0]
    if above.text[-1:] in DASHES:
        return word.lower() not in CONJUNCTIONS
    alone = " " not in above.text and above.x1 >= right - 0.5 * above.size
    piece = len(word) <= 3 and word.islower() and word not in SHORT_WORDS
    return alone and piece


def heading_levels(headings: list[Group]) -> dict[tuple[float, bool], int]:
    """Each heading font's level: the largest 1, then smaller; bold before plain."""
    styles = sorted({group.lines[0].style for group in headings}, reverse=True)
    return {style: level for level, style in enumerate(styles, 1)}


# Running headers and footers ------------------------------------------------------------


def drop_running_heads(pages: list[PageContent]) -> None:
    """Leave out page numbers and the lines repeated at the same place on most pages."""
    counts = Counter(key for page in pages for key in {running_key(page, x) for x in page.lines})
    repeated = {key for key, count in counts.items() if count >= max(2, len(pages) / 2)}
    repeated.discard(None)
    for page in pages:
        page.lines = [line for line in page.lines if not running(page, line, repeated)]


def running_key(page: PageContent, line: Line):
    """Where and what the line is, digits aside, if it is at the page's top or bottom."""
    if BAND * page.height < line.top and line.bottom < (1 - BAND) * page.height:
        return None
    return round(line.top), re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def running(page: PageContent, line: Line, repeated: set) -> bool:
    key = running_key(page, line)
    return key is not None and (key in repeated or bool(PAGE_NUMBER.fullmatch(line.text)))


# A table across pages -------------------------------------------------------------------


def continues(before: TablePart, part: TablePart) -> bool:
    """A table at the top of a page goes on the one that ended the page before, if it
    has as many columns in the same place."""
    same = len(before.rows[0]) == len(part.rows[0])
    return same and abs(before.x0 - part.x0) < 5 and abs(before.x1 - part.x1) < 5


def joined_rows(parts: list[TablePart], gap: float) -> list[list[Cell]]:
    """The parts' rows as one table's rows, their cells' lines read into paragraphs."""
    rows = [list(row) for row in parts[0].rows]
    for part in parts[1:]:
        more = without_repeated_header(rows, [list(row) for row in part.rows])
        if more and split_row(rows[-1], more[0]):
            rows[-1] = [joined_cell(a, b) for a, b in zip(rows[-1], more[0], strict=True)]
            more = more[1:]
        elif more:
            more[0] = [continued(a, b) for a, b in zip(rows[-1], more[0], strict=True)]
        rows.extend(more)
    return [[finished(cell, gap) for cell in row] for row in rows]


def texts(row: list[PdfCell]) -> list[str]:
    return [" ".join(line.text for line in cell.lines) for cell in row]


def without_repeated_header(rows: list[list[PdfCell]], more: list[list[PdfCell]]) -> list:
    """The part's rows without the table's first rows repeated at its top (Word repeats
    the rows marked "Repeat as header row" on each page)."""
    for count in (3, 2, 1):
        if len(rows) > count and len(more) >= count:
            head = [texts(row) for row in rows[:count]]
            if any(any(row) for row in head) and head == [texts(row) for row in more[:count]]:
                return more[count:]
    return more


def split_row(last: list[PdfCell], first: list[PdfCell]) -> bool:
    """Whether the part's first row is the rest of the last row before the page break.

    Its text must go on only cells that were full to their bottom; and some of the
    row's cells must be done (a new row would have text in them), or two cells go on
    (a row ending just at the page's end has one cell full, its tallest), or the text
    goes on in the middle of a sentence."""
    pairs = list(zip(last, first, strict=True))
    going_on = [(above, cell) for above, cell in pairs if cell.lines]
    if not going_on or not all(above.full for above, _cell in going_on):
        return False
    done = any(above.lines and not cell.lines and not cell.merged for above, cell in pairs)
    mid_sentence = any(cell.lines[0].text[:1].islower() for _above, cell in going_on)
    return done or len(going_on) > 1 or mid_sentence


def joined_cell(above: PdfCell, rest: PdfCell) -> PdfCell:
    if not rest.lines:
        return above
    lines = above.lines + rest.lines
    return PdfCell(lines, above.left, above.right, above.merged, rest.spans_down, rest.full)


def continued(above: PdfCell, cell: PdfCell) -> PdfCell:
    """An empty cell at a page's top under a merged cell (or one that reaches down)
    is that merged cell going on: Word draws a merged cell anew on each page."""
    if cell.lines or cell.merged:
        return cell
    if above.merged == "up" or (above.lines and cell.spans_down):
        return PdfCell(merged="up")
    return cell


def finished(cell: PdfCell, gap: float) -> Cell:
    if cell.merged:
        return Cell([], cell.merged)
    paragraphs: list[list[Line]] = []
    column = (cell.left, cell.right)
    for line in cell.lines:
        if paragraphs and not starts_paragraph(paragraphs[-1], line, column, gap):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    texts = [joined_text(lines, cell.right) for lines in paragraphs]
    return Cell(paragraphs_of("\n".join(texts)))
