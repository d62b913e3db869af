"""What the Word and OpenDocument readers share, written once so both read alike: the
style names that make a heading or a list item, in the languages plans are written
in; how a paragraph's lines become Paragraphs; how list numbers are drawn; and how
tables are named, made even and kept within bounds."""

import re

from django.utils.translation import gettext as _

from ..data import ImportRefused, Problem
from .document import Block, Cell, Paragraph, Table, list_item

MAX_COLUMNS = 1024  # the widest table kept: LibreOffice's own limit (Word's is 63)
MAX_PLACES = 300_000  # table places in a document, about what files.py's caps let through

# Built-in heading styles by name or id: Word keeps the English name ("heading 1") in
# the file whatever its language, but files made by other tools carry the localised
# one ("Otsikko 1", "Rubrik 1"); OpenDocument names them "Heading_20_1".
HEADING_NAME = re.compile(r"(?:heading|otsikko|rubrik) ?([1-9])")
TITLE_NAMES = {"title", "otsikko", "rubrik"}  # Title in English, Finnish and Swedish
LIST_STYLE = re.compile(r"(?:list (?:bullet|number)|luettelo|numeroitu luettelo|punktlista)")


def style_key(name: str) -> str:
    """A style name as compared: lower case, OpenDocument's "_20_" as a space."""
    return " ".join(name.replace("_20_", " ").lower().split())


def named_level(*names: str) -> int:
    """The heading level a built-in heading style has by any of its names; 0 if none."""
    for name in map(style_key, names):
        if name in TITLE_NAMES:
            return 1
        found = HEADING_NAME.fullmatch(name)
        if found:
            return int(found[1])
    return 0


def is_list_style(name: str) -> bool:
    return bool(LIST_STYLE.match(style_key(name)))


def paragraphs_of_lines(
    text: str, level: int = 0, listed: bool = False, number: str = ""
) -> list[Paragraph]:
    """A paragraph's text, its soft line breaks as "\\n", as Paragraphs.

    A heading is one Paragraph whatever its breaks. Otherwise each line is one: the
    first is the list item if the paragraph is one, and a line typed with a list
    mark ("- ", "• ") is a bullet, so a cell's Shift+Enter list reads as a list."""
    if level:
        text = " ".join(text.split())
        return [Paragraph(text, level=level, number=number)] if text else []
    found = []
    for index, line in enumerate(text.split("\n")):
        bullet, line = list_item(line)
        line = " ".join(line.split())
        if line and index == 0 and listed:
            found.append(Paragraph(line, bullet=True, number=number))
        elif line:
            found.append(Paragraph(line, bullet=bullet))
    return found


def bare_number(text: str) -> str:
    """A list or heading number as drawn ("1.2.", "A)"), without its trailing punctuation."""
    return text.strip().rstrip(".):").strip()


def draw(value: int, format_: str) -> str:
    """A counter in a number format (Word's names: OpenDocument's are mapped to them);
    ValueError for formats not drawn here."""
    if format_ == "decimal":
        return str(value)
    if format_ == "none":
        return ""
    if format_ == "decimalZero":
        return f"{value:02d}"
    if format_ in ("upperRoman", "lowerRoman") and 0 < value < 4000:
        roman = to_roman(value)
        return roman if format_ == "upperRoman" else roman.lower()
    if format_ in ("upperLetter", "lowerLetter") and value > 0:
        letters = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Z, AA, BB
        return letters if format_ == "upperLetter" else letters.lower()
    raise ValueError(format_)


ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def to_roman(value: int) -> str:
    digits = []
    for amount, digit in ROMAN:
        count, value = divmod(value, amount)
        digits.append(digit * count)
    return "".join(digits)


def even_rows(rows: list[list[Cell]], width: int = 0) -> list[list[Cell]]:
    """The rows each as wide as the widest (at least `width`), without merges from
    outside the table: a first row continuing a merge from above (as when Word splits
    a table inside a merged cell) or a first column continuing one from the left
    shows an empty cell, and is one."""
    width = max([width, *map(len, rows)])
    for row in rows:
        row += [Cell() for _ in range(width - len(row))]
        if row and row[0].merged == "left":
            row[0].merged = ""
    for cell in rows[0] if rows else ():
        cell.merged = "" if cell.merged == "up" else cell.merged
    return rows


def check_places(places: int, source: str) -> None:
    """Refuse a document whose tables, one cell per place, are too large to keep (a
    few elements can say "a cell spanning a thousand columns" or "this row, a million
    times")."""
    if places > MAX_PLACES:
        message = _("The document's tables are too large: they have over %(limit)s cells.")
        limit = f"{MAX_PLACES:,}".replace(",", " ")
        raise ImportRefused([Problem(message % {"limit": limit}, file=source)])


def table_block(table: Table) -> Block:
    """The body's table as a block, its place ("table 3") kept with the upload, like
    sheets.py's "sheet …"."""
    table.origin = f"table {table.number}"
    return Block(table=table, origin=table.origin)
