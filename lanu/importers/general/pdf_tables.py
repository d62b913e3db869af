"""A PDF's ruled tables: the places of a table on one page, and one table from its
parts on several pages. Why each rule is as it is, is said in pdf.py's docstring.
"""

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .document import Cell, paragraphs_of
from .pdf_lines import (
    Line,
    Spacing,
    joined_text,
    lines_of,
    middle,
    starts_paragraph,
    within,
)

# The most places a page's ruled lines may make for its tables to be looked for: a
# plan's table page has some hundreds (40 rows of 12 columns: 533); pdfplumber takes
# 0.15 s on 2,500, 2.3 s on 10,000.
MAX_GRID = 2_500


@dataclass
class PdfCell:
    """One place of a table as read from one page: its lines, or merged."""

    lines: list[Line] = field(default_factory=list)
    left: float = 0.0  # where its lines start
    right: float = 0.0  # where its lines wrap
    merged: str = ""
    spans_down: bool = False  # a cell reaching over the rows below it
    room: float = 0.0  # the space under its last line: a page break may have cut it there


@dataclass
class TablePart:
    """A table, or the part of it on one page."""

    top: float
    bottom: float
    x0: float
    x1: float
    rows: list[list[PdfCell]]
    head_height: float  # of its first two rows: a header and the row that did not fit


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
    x0, top, x1, bottom = table.bbox
    head = (tops[2] if len(tops) > 2 else bottom) - top
    return TablePart(top, bottom, x0, x1, rows, head)


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
    room = box[3] - lines[-1].bottom if lines else box[3] - box[1]
    return PdfCell(lines, box[0] + padding, box[2] - padding, spans_down=spans, room=room)


def continues(before: TablePart, part: TablePart) -> bool:
    """A table at the top of a page goes on the one that ended the page before, if it
    has as many columns in the same place."""
    same = len(before.rows[0]) == len(part.rows[0])
    return same and abs(before.x0 - part.x0) < 5 and abs(before.x1 - part.x1) < 5


def joined_rows(parts: list[TablePart], spacing: Spacing) -> list[list[Cell]]:
    """The parts' rows as one table's rows, their cells' lines read into paragraphs."""
    rows = [list(row) for row in parts[0].rows]
    whole = whole_row_room(parts)
    for part in parts[1:]:
        more = without_repeated_header(rows, [list(row) for row in part.rows])
        if more and split_row(rows, more[0], spacing.gap, whole):
            join_rest(rows, more[0])
            more = more[1:]
        elif more:
            more[0] = [continued(a, b) for a, b in zip(rows[-1], more[0], strict=True)]
        rows.extend(more)
    return [[finished(cell, spacing) for cell in row] for row in rows]


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


def split_row(
    rows: list[list[PdfCell]], first: list[PdfCell], gap: float, whole_row_room: float
) -> bool:
    """Whether the part's first row is the rest of the last row before the page break.

    Word and LibreOffice cut a row at the page's end: each cell whose text did not fit
    goes on, its last line on the page before within about two lines of the row's
    bottom (the next line, or the next paragraph with its spacing, did not fit; widow
    control may move one more). A merged cell covering the last row goes on the same
    way. So the text must go on only cells cut near their bottom; and then it goes on
    in the middle of a sentence, or the row's text reaches nearer its bottom than the
    table's whole rows' does (they keep their last paragraph's spacing under it: this
    one was cut), or some of the row's cells are done (a new row would have text in
    them) while those going on are no emptier than they."""
    pairs = [(owner_of(rows, j), cell) for j, cell in enumerate(first)]
    going_on = [(above, cell) for above, cell in pairs if cell.lines]
    if not going_on or not all(cut_near_bottom(above, gap) for above, _cell in going_on):
        return False
    if any(mid_sentence(above, cell) for above, cell in going_on):
        return True
    size = going_on[0][0].lines[-1].size
    if lowest_room(rows[-1]) < whole_row_room - 0.3 * size:
        return True
    least = min(above.room for above, _cell in going_on)
    return any(
        done(above, cell) and above.room >= least - 1
        for above, cell in zip(rows[-1], first, strict=True)
    )


def owner_of(rows: list[list[PdfCell]], column: int) -> PdfCell:
    return rows[owner_row(rows, column)][column]


def owner_row(rows: list[list[PdfCell]], column: int) -> int:
    """The row of the last row's cell in the column, or of the merged cell covering it."""
    for index in range(len(rows) - 1, 0, -1):
        if rows[index][column].merged != "up":
            return index
    return 0


def cut_near_bottom(cell: PdfCell, gap: float) -> bool:
    """Whether the cell's text ends so near its bottom that the next line may not have
    fitted: within two lines (a line's height and the gap between a paragraph's lines)."""
    if not cell.lines:
        return False
    line = cell.lines[-1]
    return cell.room < 2.2 * (line.bottom - line.top + gap)


def mid_sentence(above: PdfCell, cell: PdfCell) -> bool:
    """The text goes on in lower case after a line not ending a sentence."""
    return cell.lines[0].text[:1].islower() and above.lines[-1].text[-1:] not in ".!?"


def lowest_room(row: list[PdfCell]) -> float:
    """The room under the row's lowest text: its tallest cell's."""
    rooms = [cell.room for cell in row if cell.lines and not cell.spans_down]
    return min(rooms, default=float("inf"))


def whole_row_room(parts: list[TablePart]) -> float:
    """The commonest room under a whole row's lowest text: rows not last on their page."""
    rooms = Counter(round(lowest_room(row) * 2) / 2 for part in parts for row in part.rows[:-1])
    rooms.pop(float("inf"), None)
    return rooms.most_common(1)[0][0] if rooms else 0.0


def done(above: PdfCell, cell: PdfCell) -> bool:
    """A cell with text whose place below the page break is empty, and not a merged cell
    drawn again there: if the row goes on, this cell was done."""
    merged = above.spans_down or cell.spans_down or cell.merged
    return bool(above.lines) and not cell.lines and not merged


def join_rest(rows: list[list[PdfCell]], rest: list[PdfCell]) -> None:
    """The row's rest joined to it: each cell's lines to the cell (or the merged cell
    covering it) before the page break."""
    for column, cell in enumerate(rest):
        if not cell.lines:
            continue
        row = rows[owner_row(rows, column)]
        above = row[column]
        row[column] = PdfCell(
            above.lines + cell.lines,
            above.left,
            above.right,
            above.merged,
            cell.spans_down,
            cell.room,
        )


def continued(above: PdfCell, cell: PdfCell) -> PdfCell:
    """An empty cell at a page's top under a merged cell (or one that reaches down)
    is that merged cell going on: Word draws a merged cell anew on each page."""
    if cell.lines or cell.merged:
        return cell
    if above.merged == "up" or (above.lines and cell.spans_down):
        return PdfCell(merged="up")
    return cell


def finished(cell: PdfCell, spacing: Spacing) -> Cell:
    if cell.merged:
        return Cell([], cell.merged)
    paragraphs: list[list[Line]] = []
    column = (cell.left, cell.right)
    for line in cell.lines:
        if paragraphs and not starts_paragraph(paragraphs[-1], line, column, spacing):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    texts = [joined_text(lines, cell.right, spacing) for lines in paragraphs]
    return Cell(paragraphs_of("\n".join(texts)))
