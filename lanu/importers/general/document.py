"""A plan document as its readers see it, whatever the file: headings, paragraphs, tables.

Every file type has a reader (`word.py`, `odt.py`, `pdf.py`, `sheets.py`) that turns
the file into a `Document`; the general reader (`reading.py`) then finds the action
tables, gives each column a role and builds the plan from the document alone. So the
rules of how a plan is laid out are written once, not once per file type.

A Document is plain data: it is kept as JSON with a pending upload (`to_json` and
`from_json`), so the preview, its redraws and the confirmation do not read the file
again.

Conventions every reader keeps:
- blocks are in reading order; tables are numbered 1, 2, … in that order (a
  spreadsheet's sheets are its tables, named by the sheet);
- a table's rows all have the same number of cells, one per grid column;
- a cell covered by a merge keeps its place, empty, with `merged` saying from where:
  "up" for a vertical merge (the value is the cell above's), "left" for a horizontal one;
- a cell's text is its paragraphs; list items (bulleted or numbered, or lines that start
  with "-", "•", "–" or "*") are paragraphs with `bullet` set and the mark removed;
- `origin` says where a block is as a person sees it: "page 3", "sheet Toimenpiteet".
"""

from dataclasses import asdict, dataclass, field


@dataclass
class Paragraph:
    text: str  # one line: runs of white space are one space
    bullet: bool = False  # a list item
    level: int = 0  # a heading's level (1 = Heading 1 / Title); 0 for body text
    number: str = ""  # the list or heading numbering Word computes ("1.2", "I"), if known


@dataclass
class Cell:
    paragraphs: list[Paragraph] = field(default_factory=list)
    merged: str = ""  # "up" or "left" for a place covered by a merged cell

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Table:
    number: int  # 1, 2, … in the document's order
    rows: list[list[Cell]] = field(default_factory=list)
    name: str = ""  # a spreadsheet's sheet name
    origin: str = ""  # e.g. "page 4" for a PDF


@dataclass
class Block:
    """One paragraph of the body or one table: exactly one of the two is set."""

    paragraph: Paragraph | None = None
    table: Table | None = None
    origin: str = ""


@dataclass
class Document:
    source: str  # the file's name
    kind: str  # "docx", "odt", "pdf", "xlsx", "csv"
    blocks: list[Block] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [block.table for block in self.blocks if block.table is not None]

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, value: dict) -> "Document":
        return cls(value["source"], value["kind"], [block_from(b) for b in value["blocks"]])


def block_from(value: dict) -> Block:
    paragraph = value.get("paragraph")
    table = value.get("table")
    return Block(
        Paragraph(**paragraph) if paragraph else None,
        table_from(table) if table else None,
        value.get("origin", ""),
    )


def table_from(value: dict) -> Table:
    rows = [
        [Cell([Paragraph(**p) for p in cell["paragraphs"]], cell["merged"]) for cell in row]
        for row in value["rows"]
    ]
    return Table(value["number"], rows, value.get("name", ""), value.get("origin", ""))


def paragraphs_of(text: str) -> list[Paragraph]:
    """A cell's or line's plain text as paragraphs: one per line, list marks read as
    bullets. What readers of files without paragraph styles (PDF, spreadsheets) use."""
    found = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        bullet, line = list_item(" ".join(line.split()))
        found.append(Paragraph(line, bullet))
    return [p for p in found if p.text]


BULLET_MARKS = "-•–—*▪◦●○·"


def list_item(line: str) -> tuple[bool, str]:
    """(True, the text without its mark) for a line written as a list item ("- Text",
    "• Text"), else (False, the line): the one rule of a typed list mark, so every
    reader sees the same lines as bullets."""
    line = line.strip()
    bullet = line[:1] in BULLET_MARKS and (len(line) == 1 or line[1:2].isspace())
    return bullet, line[1:].strip() if bullet else line
