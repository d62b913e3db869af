"""Action tables as rows under one set of columns: a table and the tables continuing it.

A table a page break split continues the action table before it (no header of its
own, or the same header, as many columns, under the same headings). Its rows are
read into `Part`s once, a cell a page break cut is joined back to the row before it,
and every row knows where it is as the person sees it (`row_where`).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .cells import Part, continues, first_words, one_line, parts_of, plain_paragraphs
from .document import Cell, Document, Table
from .result import TableFound

LEVEL_ROLES = ("goal", "subgoal", "subgoal2")
SHEET_KINDS = ("xlsx", "csv")
LONG_TEXT = 4  # words: a cell a page break may cut, not a name or a date
NUMBER_ONLY = re.compile(r"^(?:\d+|[IVXLC]+)[.)]?$")


@dataclass
class RowRef:
    """One body row of an action table, as the reader sees it."""

    table: Table
    found: TableFound
    index: int  # 0-based in its table
    cells: dict[int, list[Part]] = field(default_factory=dict)  # column -> its parts
    fresh: set[int] = field(default_factory=set)  # goal columns with a value of their own
    span: str = ""  # the row is one cell across the table: a heading inside it


@dataclass
class Chain:
    """An action table and the tables that continue it, as rows with one set of columns."""

    found: TableFound
    rows: list[RowRef] = field(default_factory=list)
    numbers: set[int] = field(default_factory=set)  # columns numbering a goal column


def table_chains(document: Document, found: list[TableFound], places: dict) -> list[Chain]:
    """The action tables, each with the tables that continue it."""
    chains: list[Chain] = []
    previous: Table | None = None
    for table, table_found in zip(document.tables(), found, strict=True):
        last = chains[-1] if chains else None
        if last is not None and continues_chain(last, table, table_found, previous, places):
            if table_found is not last.found:
                table_found.continues = last.found.number
            add_rows(last, table, table_found)
        elif table_found.is_action_table:
            chains.append(Chain(table_found))
            add_rows(chains[-1], table, table_found)
        previous = table
    return chains


def continues_chain(
    last: Chain, table: Table, found: TableFound, previous: Table | None, places: dict
) -> bool:
    """Does the table go on with the last action table: right after it, under the same
    headings, with as many columns and no header of its own (or the same header)?"""
    if previous is None or not last.rows or last.rows[-1].table is not previous:
        return False
    if places.get(table.number) != places.get(previous.number):
        return False
    same_width = len(found.columns) == len(last.found.columns)
    no_header = found.header_row < 0 and not found.is_action_table
    return same_width and (no_header or found.signature == last.found.signature)


def add_rows(chain: Chain, table: Table, found: TableFound) -> None:
    """The table's body rows under the chain's columns (a continuation has no header)."""
    start = found.body_row if found.is_action_table else 0
    roles = {c.index: c.role for c in chain.found.columns if c.role}
    levels = {i for i, role in roles.items() if role in LEVEL_ROLES}
    for index in range(start, len(table.rows)):
        row = table.rows[index]
        ref = RowRef(table, found, index)
        for column in roles:
            cell = row[column] if column < len(row) else Cell()
            ref.cells[column] = parts_of(cell)
            if column in levels and ref.cells[column] and cell.merged != "up":
                ref.fresh.add(column)
        ref.span = span_text(row)
        if ref.span or any(ref.cells.values()):  # a row of dashes or nothing says nothing
            chain.rows.append(ref)


def span_text(row: list[Cell]) -> str:
    """The text of a row that is one cell across the whole table ("1. Osallisuus")."""
    if len(row) < 2 or not row[0].text.strip():
        return ""
    if all(cell.merged == "left" for cell in row[1:]):
        return one_line(parts_of(row[0]))
    return ""


# Rows --------------------------------------------------------------------------------


def join_page_breaks(chain: Chain, action: int) -> list[int]:
    """A cell a page break cut off the row before it finishes that row's cell: it starts
    in lower case after a text ending in a word, in a row that starts no new goal. Its
    paragraph is joined back when the row's action cell so continues (or is empty), or
    when the cell before is a long text (four words or more): "Uimakoulu" | "kesä 2025"
    under "Liikkuva koulu" | "2024" is a row of its own. A detail cell the join empties
    shares the joined paragraph, so the row's own actions keep it."""
    joined: list[int] = []
    for before, row in zip(chain.rows, chain.rows[1:], strict=False):
        if row.fresh or row.span:
            continue
        whole = cut_off(before, row, action)
        for column, parts in row.cells.items():
            earlier = before.cells.get(column)
            if not (parts and earlier and continues(parts[0], earlier[-1])):
                continue
            if not whole and len(earlier[-1].text.split()) < LONG_TEXT:
                continue
            earlier[-1] = Part(f"{earlier[-1].text} {parts[0].text}", earlier[-1].bullet)
            parts.pop(0)
            joined.append(column)
            if not parts and column != action and row.cells.get(action):
                parts.append(earlier[-1])
    return joined


def cut_off(before: RowRef, row: RowRef, action: int) -> bool:
    """Does the row continue the row before it, cut by a page break?"""
    own = row.cells.get(action)
    if own:
        earlier = before.cells.get(action)
        return bool(earlier and continues(own[0], earlier[-1]))
    return any(
        parts and before.cells.get(column) and continues(parts[0], before.cells[column][-1])
        for column, parts in row.cells.items()
    )


def paragraph_actions(chains: list[Chain]) -> bool:
    """Are the action cells' paragraphs actions each? Yes when, in most rows with several,
    another column has as many paragraphs: a responsible or metric for each."""
    several = lined_up = 0
    for chain in chains:
        roles = {c.index: c.role for c in chain.found.columns if c.role}
        action = next(i for i, role in roles.items() if role == "action")
        details = [i for i, role in roles.items() if role not in (*LEVEL_ROLES, "action")]
        for row in chain.rows:
            count = plain_paragraphs(row.cells.get(action, []))
            if count >= 2:
                several += 1
                lined_up += any(len(row.cells.get(i, [])) == count for i in details)
    return several > 0 and lined_up * 2 > several


def row_where(row: RowRef, document: Document) -> str:
    """The row as a person finds it: “table 3, row “Lasten ja nuorten…””, or by its
    number in a spreadsheet."""
    if document.kind in SHEET_KINDS:
        return _("%(table)s, row %(row)d") % {"table": row.found.where, "row": row.index + 1}
    words = next((one_line(parts_of(c)) for c in row.table.rows[row.index] if c.text.strip()), "")
    return _("%(table)s, row “%(words)s”") % {"table": row.found.where, "words": first_words(words)}


def number_column(chain: Chain, column: int) -> int | None:
    """A column just before a goal column, with no header and only numbers in it ("1",
    "2"): the goal column's numbering, written in a cell of its own."""
    before = column - 1
    if before < 0 or header_of(chain, before).strip() or role_of(chain, before) in LEVEL_ROLES:
        return None
    values = [
        ref.table.rows[ref.index][before].text.strip()
        for ref in chain.rows
        if before < len(ref.table.rows[ref.index])
    ]
    numbers = [value for value in values if value]
    if not numbers or not all(NUMBER_ONLY.match(value) for value in numbers):
        return None
    for ref in chain.rows:
        ref.cells[before] = parts_of(ref.table.rows[ref.index][before])
    chain.numbers.add(before)
    return before


def role_of(chain: Chain, column: int) -> str:
    return next((c.role for c in chain.found.columns if c.index == column), "")


def header_of(chain: Chain, column: int) -> str:
    return next((c.header for c in chain.found.columns if c.index == column), "")
