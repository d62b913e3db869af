"""A PDF's pages read as a person reads them: lines, paragraphs, headings and tables.

pdf.py opens the file and bounds it; here each page becomes its lines outside tables
and its tables' parts (`page_content`), and the pages together become the document's
blocks (`Assembler`). Text is read by pdf_lines.py's rules, tables by pdf_tables.py's.
Why each rule is as it is, is said in pdf.py's docstring; the figures a rule needs
(the body text's size, its left margin, the usual gap between two lines of a
paragraph) are measured on the document itself, not assumed.
"""

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .document import Block, Paragraph, Table, list_item
from .pdf_lines import (
    Line,
    joined_text,
    lines_of,
    measured_spacing,
    middle,
    starts_paragraph,
    within,
)
from .pdf_tables import MAX_GRID, TablePart, continues, joined_rows, ruled_places, table_part

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
WORD_ATTRS = ["fontname", "size"]
PAGE_NUMBER = re.compile(
    r"(?:(?:sivu|sida|page|s\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:/|\(|of|av)\s*\d{1,4}\s*\)?)?",
    re.I,
)
BAND = 0.12  # running headers and footers are in the page's top and bottom 12 %


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[Line]  # outside tables, top to bottom
    tables: list[TablePart]

    def items(self) -> list[Line | TablePart]:
        """The page's lines and table parts, in no order."""
        return [*self.lines, *self.tables]


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
        cells = [c for p in pages for t in p.tables for row in t.rows for c in row]
        every = body + [line for cell in cells for line in cell.lines]  # a plan's text is in tables
        self.body_size = common([line.size for line in every], [len(line.text) for line in every])
        self.left = common([round(line.x0) for line in body], [1] * len(body))
        self.body = measured_spacing([(p.lines, p.width - self.left) for p in pages])
        self.cells = measured_spacing([(cell.lines, cell.right) for cell in cells])
        self.tops = body_tops(pages)
        self.bottoms = body_bottoms(pages, self.tops)

    def blocks(self) -> list[Block]:
        groups = self.groups()
        levels = heading_levels([g for g in groups if g.lines and self.is_heading(g.lines)])
        blocks, tables = [], 0
        for group in groups:
            origin = f"page {group.page}"
            if group.parts:
                tables += 1
                table = Table(tables, joined_rows(group.parts, self.cells), origin=origin)
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
            items = sorted(page.items(), key=lambda item: item.top)
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
        """The part goes on the table before it, or starts a table."""
        if previous and self.goes_over(previous[1], previous[0], part, page):
            groups[-1].parts.append(part)
        else:
            groups.append(Group(page, parts=[part]))

    def goes_over(self, before, before_page: int, part: TablePart, page: int) -> bool:
        """Whether a table went over the page break into `part`: it ended the page before,
        so near its bottom that the part's first rows did not fit there, and the part
        begins the page (not below an empty paragraph) with the same columns."""
        if not isinstance(before, TablePart) or before_page != page - 1:
            return False
        filled = self.bottoms[before_page] - before.bottom < part.head_height + 24
        at_top = part.top <= self.tops[page] + 4
        return filled and at_top and continues(before, part)

    def goes_on(self, groups: list[Group], previous, line: Line, column: tuple) -> bool:
        """Whether the line goes on the paragraph the line before it is in."""
        if not groups or not isinstance(previous[1], Line):
            return False
        heading = self.prominent(line)
        return not starts_paragraph(groups[-1].lines, line, column, self.body, heading)

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
        bullet, text = list_item(joined_text(group.lines, right, self.body))
        level = levels.get(group.lines[0].style, 0) if self.is_heading(group.lines) else 0
        return Paragraph(text, bullet, level)


def body_tops(pages: list[PageContent]) -> dict[int, float]:
    """Where each page's text begins: the median of where the pages of its size begin
    (not the highest: a cover's logo may be higher). A page whose first thing is lower
    has something invisible above it, an empty paragraph: a table there does not go on
    from the page before."""
    firsts: dict[tuple, list[float]] = {}
    for page in pages:
        first = min((item.top for item in page.items()), default=None)
        if first is not None:
            firsts.setdefault(page_size(page), []).append(first)
    tops = {size: statistics.median_low(found) for size, found in firsts.items()}
    return {page.number: tops.get(page_size(page), 0) for page in pages}


def body_bottoms(pages: list[PageContent], tops: dict[int, float]) -> dict[int, float]:
    """Where each page's text ends: the lowest thing on the pages of its size, or as far
    from the page's bottom as the text begins from its top (Word's margins are alike)
    if that is lower: pages of a few short tables end high."""
    lowest: dict[tuple, float] = {}
    for page in pages:
        for item in page.items():
            lowest[page_size(page)] = max(lowest.get(page_size(page), 0), item.bottom)
    return {
        page.number: max(lowest.get(page_size(page), 0), page.height - tops[page.number])
        for page in pages
    }


def page_size(page: PageContent) -> tuple[int, int]:
    return round(page.width), round(page.height)


def common(values: list, weights: list[int]):
    """The value with the most weight (the body text's size: most letters are in it)."""
    found: Counter = Counter()
    for value, weight in zip(values, weights, strict=True):
        found[value] += weight
    return found.most_common(1)[0][0] if found else 0


def heading_levels(headings: list[Group]) -> dict[tuple[float, bool], int]:
    """Each heading font's level: the largest 1, then smaller; bold before plain."""
    styles = sorted({group.lines[0].style for group in headings}, reverse=True)
    return {style: level for level, style in enumerate(styles, 1)}


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
