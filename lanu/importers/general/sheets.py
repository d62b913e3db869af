"""Excel sheets and CSV tables as a Document: each sheet one table, as a person sees it.

Lanu's own action template is read by spreadsheet.py; this reads every other sheet
(a plan typed into Excel in its own columns) for the general reader. It opens and
bounds workbooks and CSV text the way spreadsheet.py does, with its functions.

What a person sees is what is kept: a number as Excel shows it (2024, not 2024.0;
0,5; a percentage as 25 %), a date as d.m.yyyy, a formula's last computed value. A
merged range keeps its text in its first cell; the places it covers are empty
Cells with `merged` set ("up" below the first cell, "left" beside it). Empty rows
and columns around the table, and empty rows inside it, are left out; hidden sheets
are not read.
"""

import re
from datetime import date, datetime, time
from typing import cast

from django.utils.translation import gettext as _
from openpyxl.utils.cell import range_boundaries

from ..data import ImportRefused, Problem
from ..files import CHUNK
from ..spreadsheet import (
    MAX_COLUMNS,
    MAX_ROWS,
    bounded_rows,
    cell_text,
    csv_rows,
    header_delimiter,
    opened_xlsx,
)
from .document import Block, Cell, Document, Table, paragraphs_of
from .office_text import MAX_PLACES, check_places

MERGE = re.compile(
    rb"<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)"
)


def read_xlsx(raw: bytes, source: str) -> Document:
    """The workbook's visible, non-empty sheets, each one table named by the sheet.

    The places of all its tables are bounded as a Word file's are (`check_places`):
    a few bytes of a sheet can claim a million empty rows between two values."""
    document = Document(source, "xlsx")
    places = 0
    with opened_xlsx(raw, source, data_only=True) as book:
        for worksheet in book.worksheets:
            if worksheet.sheet_state != "visible":
                continue
            rows, ranges = sheet_texts(worksheet, source), merged_ranges(worksheet)
            ends = [len(row) for row in rows] + [last for _f, _r, last, _l in ranges]
            width = max(ends, default=0)
            width = min(width, MAX_COLUMNS)
            places += len(rows) * width
            check_places(places, source)
            cells = merge(rows, ranges, width)
            add_table(document, cells, worksheet.title, f"sheet {worksheet.title}")
    return document


def sheet_texts(worksheet, source: str) -> list[list[str]]:
    """The sheet's rows as the texts shown, without the empty rows and cells at their
    ends (an empty row is one shared empty tuple)."""
    rows: list = []
    for row in bounded_rows(worksheet, source, False):
        texts = [shown(cell) for cell in row]
        while texts and not texts[-1]:
            texts.pop()
        rows.append(texts or ())
    while rows and not rows[-1]:
        rows.pop()
    return rows


def read_csv(text: str, source: str) -> Document:
    """A decoded CSV text as one table, split at the delimiter its rows are split by."""
    document = Document(source, "csv")
    rows = csv_rows(text, header_delimiter(text), source)
    if sum(any(row) for row in rows) > MAX_ROWS:
        message = _("The file has more than %(limit)d rows.") % {"limit": MAX_ROWS}
        raise ImportRefused([Problem(message, file=source)])
    check_places(len(rows) * min(max(map(len, rows), default=0), MAX_COLUMNS), source)
    cells = [[text_cell(cell_text(value)) for value in row[:MAX_COLUMNS]] for row in rows]
    add_table(document, cells, "", "")
    return document


def add_table(document: Document, rows: list[list[Cell]], name: str, origin: str) -> None:
    """Add the rows as the document's next table, if any of them has text."""
    rows = trimmed(rows)
    if rows:
        table = Table(len(document.tables()) + 1, rows, name, origin)
        document.blocks.append(Block(table=table, origin=origin))


# Cells --------------------------------------------------------------------------------


def shown(cell) -> str:
    """The cell's value as Excel shows it (in Finnish or Swedish: a decimal comma)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, time):
        return f"{value.hour}.{value.minute:02d}"
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            return f"{number(value * 100)} %"
        return number(value)
    return cell_text(value)


def number(value: int | float) -> str:
    """2024 for 2024.0; 0,1 for 0.1 (not 0.1000000000000000055…)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:.15g}".replace(".", ",")


def text_cell(text: str) -> Cell:
    return Cell(paragraphs_of(text))


# Merged ranges ------------------------------------------------------------------------


def merged_ranges(worksheet) -> set[tuple[int, int, int, int]]:
    """The sheet's merged ranges as (first column, first row, last column, last row).

    A read-only sheet (read row by row, so that a large one costs little memory) does
    not give them: they are found in the sheet's XML, after its cells, read in chunks
    (files.check_parts has bounded its size and the longest run between two tags).
    `_get_source` is openpyxl's (pinned) own way to open a read-only sheet's XML.
    More ranges than a sheet may have places make it damaged (a ValueError, which
    `opened_xlsx` refuses so)."""
    found: set[tuple[int, int, int, int]] = set()
    tail = b""
    with worksheet._get_source() as stream:
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            cut = max(data.rfind(b"<"), 0)  # a tag cut by the chunk's end is read whole next
            found |= {cell_range(ref) for ref in MERGE.findall(data, 0, cut)}
            tail = data[cut:]
            if len(found) > MAX_PLACES:
                raise ValueError("more merged ranges than places")
    found |= {cell_range(ref) for ref in MERGE.findall(tail)}
    return found


def cell_range(ref: bytes) -> tuple[int, int, int, int]:
    """A merged range's bounds: MERGE finds cell references only ("A1", "A1:B2"), never
    whole columns or rows, so each bound is a number."""
    return cast(tuple[int, int, int, int], range_boundaries(ref.decode().upper()))


def merge(rows: list, ranges: set[tuple[int, int, int, int]], width: int) -> list[list[Cell]]:
    """The rows' texts as cells, `width` a row, the places a merged range covers marked
    as merged.

    Only places within the rows read are marked: a range claiming the whole sheet
    costs no more than the sheet's cells. Ranges overlap only in a damaged file: one
    marking more places than there are is refused as such (a ValueError)."""
    cells = [padded([text_cell(text) for text in row[:width]], width) for row in rows]
    budget = len(cells) * width
    for first_column, first_row, last_column, last_row in ranges:
        for row in range(first_row, min(last_row, len(cells)) + 1):
            columns = range(first_column, min(last_column, width) + 1)
            budget -= len(columns)
            if budget < 0:
                raise ValueError("overlapping merged ranges")
            for column in columns:
                if (row, column) != (first_row, first_column):
                    way = "up" if column == first_column else "left"
                    cells[row - 1][column - 1] = Cell([], way)
    return cells


# The table's extent -------------------------------------------------------------------


def trimmed(rows: list[list[Cell]]) -> list[list[Cell]]:
    """The rows that have text or merged places, as wide as the columns with text,
    every row with one cell per column (the convention of document.py)."""
    kept = [row for row in rows if any(cell.paragraphs or cell.merged for cell in row)]
    kept = trim_rows(kept)
    columns = [n for row in kept for n, cell in enumerate(row) if cell.paragraphs]
    if not columns:
        return []
    first, last = min(columns), max(columns)
    table = [padded(row[first : last + 1], last + 1 - first) for row in kept]
    for row in table:  # a range whose first cell was left out merges into nothing
        if row[0].merged == "left":
            row[0] = Cell()
    table[0] = [Cell() if cell.merged == "up" else cell for cell in table[0]]
    return table


def trim_rows(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Without the rows at the start and end that hold only merged places (a merged
    range reaching past the table's text)."""
    texts = [n for n, row in enumerate(rows) if any(cell.paragraphs for cell in row)]
    return rows[texts[0] : texts[-1] + 1] if texts else []


def padded(row: list[Cell], width: int) -> list[Cell]:
    return row + [Cell() for _n in range(width - len(row))]
