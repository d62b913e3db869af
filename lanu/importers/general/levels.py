"""A row's or a heading's goal level: its number and title, as the document writes them.

"1.1 Lapset vaikuttavat" is numbered 1 (the last part of its numbering); Word's own
numbering or a column of numbers before the goal column number it too. A goal cell's
first paragraph is its title, the rest its description; a heading's text under it is
its description, and text after its tables its notes.
"""

from . import outline
from .cells import Part, continues, join_paragraphs, one_line
from .tables import RowRef
from .tree import Level


def cell_level(row: RowRef, column: int, numbers: int | None, header: str) -> Level:
    """A goal cell's level: its first paragraph the title (lines a line break split
    joined again), the rest its description; its number written in it, in Word's
    numbering, or in the column of numbers before it."""
    parts = joined_lines(row.cells[column])
    number = one_line(row.cells.get(numbers, [])) if numbers is not None else ""
    level = level_of(parts[0].text, number or parts[0].number, header)
    rest = "\n\n".join(part.text for part in parts[1:])
    return Level(level.number, level.title, level.label, rest)


def joined_lines(parts: list[Part]) -> list[Part]:
    """The cell's paragraphs, one that starts in lower case joined to the one before."""
    found: list[Part] = []
    for part in parts:
        if found and continues(part, found[-1]):
            found[-1] = Part(f"{found[-1].text} {part.text}", found[-1].bullet, found[-1].number)
        else:
            found.append(part)
    return found


def level_of(text: str, number: str = "", label: str = "") -> Level:
    """A goal level from a cell or a heading-like row: "1.1 Lapset…" is numbered 1."""
    written, title = outline.split_number(text)
    number = number.strip().rstrip(".)") or written
    return Level(outline.last_part(number), title or text.strip(), label)


def node_level(node: outline.Node) -> Level:
    return Level(
        node.number,
        node.title,
        node.label,
        join_paragraphs(node.before),
        "\n".join(node.after),
    )
