"""Table cells: their plain text, list items and paragraphs."""

import re

from ..text import strip_formatting

BLOCK = re.compile(
    r"<p\b[^>]*>(?P<p>.*?)</p>|<ul\b[^>]*>(?P<ul>.*?)(?:</ul>|(?=<p\b)|$)",
    re.IGNORECASE | re.DOTALL,
)
MARKER = re.compile(r"(?:^|\s)[-•](?=\s|[A-ZÄÖÅ])")


def clean(text: str) -> str:
    """Text of a cell part: markdown emphasis and escapes and formatting tags dropped."""
    text = text.replace("**", "").replace("\\(", "(").replace("\\)", ")")
    return strip_formatting(text)


def list_items(text: str) -> list[str]:
    """A list's items, when it starts with an item marker ("-" or "•"); else one entry."""
    return MARKER.split(text) if MARKER.match(text) else [text]


def split_cell(cell: str) -> tuple[str, list[str]]:
    """A cell's plain text, and its entries: list items and paragraphs."""
    plain: list[str] = []
    entries: list[str] = []
    position = 0
    for match in BLOCK.finditer(cell):
        plain.append(cell[position : match.start()])
        entries += [match["p"]] if match["p"] is not None else list_items(match["ul"])
        position = match.end()
    plain.append(cell[position:])
    entries = [clean(re.sub(r"^\s*[-•]\s*", "", entry)) for entry in entries]
    return clean(" ".join(plain)), [entry for entry in entries if entry]


def unmarked_lists(cell: str) -> int:
    """How many of the cell's lists have no item markers (and so became one entry)."""
    return sum(1 for m in BLOCK.finditer(cell) if m["ul"] and len(list_items(m["ul"])) == 1)


def cell_text(cell: str, separator: str = "\n") -> str:
    plain, entries = split_cell(cell)
    return separator.join(part for part in [plain, *entries] if part)


def paragraphs(lines: list[str]) -> str:
    return "\n\n".join(text for text in (clean(line) for line in lines) if text)
