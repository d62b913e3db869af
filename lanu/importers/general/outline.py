"""The document's headings as a tree, and which of them are the plan's structure.

People write a plan's structure in headings: styled (Heading 1/2/3), numbered ("1.",
"1.1", "I", "A)"; a short numbered line, or one of any length whose number comes next,
as a PDF shows them), or a paragraph such as "Päätavoite I: …" (vocabulary). A table's
title row above its header and a workbook sheet's own name are headings too. Every
table is read with the headings in force above it. Of those:
- a heading above every action table that has no number is a chapter ("Toimenpiteet");
- a level whose every parent has one child of the same title is a label, not a goal;
- sibling headings under which the same goals repeat ("2.1 Kymsote", "2.2 Haminan
  kaupunki", each with Päätavoite I…III) are the plan's organisations when a
  "Päätavoite" paragraph repeats under them or their titles name organisations, and
  headings above them are chapters;
- what is left, outermost first, are goal levels: goal, sub-goal, and a third level.
A "Päätavoite I:" paragraph (a vocabulary word with a number) is a goal level itself,
and headings above it are never goals.
"""

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from . import vocabulary
from .columns import organisation_like
from .document import Document, Paragraph, Table
from .tree import normal

NUMBER = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2})*\.?|[IVXLC]+\.|[IVXLC]+(?=\s+[A-ZÅÄÖ])|[A-ZÅÄÖ][.)])"
    r"\s+(?P<title>\S.*)$"
)
TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|\t)\s*\d+\s*$")
PLAN_TITLE = re.compile(r"suunnitelm|\bplan\b|välfärdsplan|(?<!\d)20\d\d\s*[-–—]\s*20\d\d", re.I)
DEFAULT_SHEET = re.compile(r"^(?:sheet|taul(?:ukko)?|blad|sivu|page|arkki)\s*\d*$", re.I)
HEADING_WORDS = 14  # a longer unstyled paragraph is body text, even when numbered


@dataclass(eq=False)
class Node:
    """A heading, or a "Päätavoite I:" paragraph (`role` set by the vocabulary)."""

    title: str
    number: str  # the numbering's last part ("1.2" -> "2"), "" if none
    depth: int  # how deep: numbering parts if numbered, else the heading's level
    level: int  # the paragraph's heading level (0 for a numbered or vocabulary paragraph)
    parent: "Node | None" = None
    role: str = ""  # "goal" or "subgoal" for a vocabulary paragraph
    label: str = ""  # the vocabulary word as written ("Päätavoite")
    before: list[str] = field(default_factory=list)  # body text before its first table
    after: list[str] = field(default_factory=list)  # body text after a table
    tables: int = 0  # action tables under it, directly or deeper
    full: str = ""  # the whole numbering ("2.3"), if numbered
    in_table: bool = False  # a table's title row, unnumbered


@dataclass
class Place:
    """Where a table is: the headings in force above it, outermost first."""

    headings: list[Node]
    markers: list[Node]  # vocabulary paragraphs in force ("Päätavoite I: …")


def split_number(text: str) -> tuple[str, str]:
    """ "1.2 Lapset" -> ("1.2", "Lapset"); ("", text) when the text has no numbering."""
    found = NUMBER.match(text.strip())
    if not found:
        return "", text.strip()
    return found["number"].rstrip(".)"), found["title"].strip()


def last_part(number: str) -> str:
    return number.rstrip(".").split(".")[-1] if number else ""


def heading_of(paragraph: Paragraph, follows: AbstractSet[str] = frozenset()) -> Node | None:
    """The paragraph as a heading: styled, or a short numbered line, or a numbered line of
    any length whose number comes next in the outline (`follows`: "2.3" after "2.2", as
    a PDF shows a long heading); None for body text."""
    text = paragraph.text.strip()
    if not text or paragraph.bullet or TOC_LINE.search(text):
        return None
    number, title = split_number(text)
    number = paragraph.number.strip().rstrip(".)") or number
    if paragraph.level:
        depth = number.count(".") + 1 if number else paragraph.level
        return Node(title, last_part(number), depth, paragraph.level, full=number)
    short = len(title.split()) <= HEADING_WORDS and not title.endswith(".")
    if number and (short or number in follows):
        return Node(title, last_part(number), number.count(".") + 1, 0, full=number)
    return None


def next_numbers(stack: list["Node"]) -> set[str]:
    """The numbers that continue the headings in force: "2.3" after "2.2", "2.2.1" under
    it, "3" after "2"."""
    found = set()
    for node in stack:
        parts = node.full.split(".") if node.full else []
        if parts and all(part.isdigit() for part in parts):
            found.add(".".join([*parts[:-1], str(int(parts[-1]) + 1)]))
            found.add(".".join([*parts, "1"]))
    return found


def marker_of(paragraph: Paragraph) -> Node | None:
    found = vocabulary.heading_level_word(paragraph.text)
    if not found or paragraph.bullet:
        return None
    role, number, title = found
    words = [w for w in paragraph.text.split() if not re.search(r"[\d|]", w)]
    label = words[0].rstrip(":.").capitalize() if words else ""
    return Node(title.strip(), last_part(number), 0, 0, role=role, label=label)


class Outline:
    """Walks the document once: the headings in force at each table, and the text."""

    def __init__(self, document: Document, header_rows: dict[int, int] | None = None):
        """`header_rows`: each action table's header row; a row above it that is one text
        (a title row inside the table) is read as a heading above the table."""
        self.header_rows = header_rows or {}
        self.nodes: list[Node] = []
        self.places: dict[int, Place] = {}  # table number -> its place
        self.stack: list[Node] = []
        self.markers: list[Node] = []
        self.awaiting: Node | None = None  # a marker whose title is the next paragraph
        self.seen_table: set[int] = set()  # nodes (by id) with a table since their heading
        for block in document.blocks:
            if block.table is not None:
                self.sheet(block.table)
                self.title_rows(block.table)
                self.table(block.table.number)
            elif block.paragraph is not None:
                self.paragraph(block.paragraph)

    def paragraph(self, paragraph: Paragraph) -> None:
        text = paragraph.text.strip()
        if not text:
            return
        if self.awaiting is not None:
            self.awaiting.title, self.awaiting = text, None
            return
        marker = marker_of(paragraph)
        if marker is not None:
            self.open_marker(marker)
            return
        node = heading_of(paragraph, next_numbers(self.stack))
        if node is not None:
            self.open_heading(node)
            return
        self.body(text)

    def open_heading(self, node: Node) -> None:
        while self.stack and self.stack[-1].depth >= node.depth:
            self.stack.pop()
        node.parent = self.stack[-1] if self.stack else None
        self.stack.append(node)
        self.markers = []
        self.nodes.append(node)

    def open_marker(self, marker: Node) -> None:
        if marker.role == "goal":
            self.markers = []
        else:
            self.markers = [m for m in self.markers if m.role == "goal"]
        marker.parent = (
            self.markers[-1] if self.markers else (self.stack[-1] if self.stack else None)
        )
        self.markers.append(marker)
        self.nodes.append(marker)
        self.awaiting = marker if not marker.title else None

    def body(self, text: str) -> None:
        node = self.markers[-1] if self.markers else (self.stack[-1] if self.stack else None)
        if node is not None:
            (node.after if id(node) in self.seen_table else node.before).append(text)

    def sheet(self, table: Table) -> None:
        """A sheet's name is a heading over its table ("1 Osallisuus": a workbook with a
        sheet per priority); Excel's own names ("Sheet1", "Taul1") are not."""
        if table.name and not DEFAULT_SHEET.match(table.name.strip()):
            self.stack = []
            node = heading_of(Paragraph(table.name, level=1))
            if node is not None:  # a name like a contents line ("Sisällys....3") is none
                self.open_heading(node)

    def title_rows(self, table: Table) -> None:
        """A table's rows above its header holding one text each ("1.1 Lapset
        vaikuttavat") are headings; one naming the plan or its period is the cover."""
        for row in table.rows[: max(self.header_rows.get(table.number, 0), 0)]:
            texts = [cell.text.strip() for cell in row if cell.text.strip()]
            if len(texts) != 1 or PLAN_TITLE.search(texts[0]):
                continue
            paragraph = Paragraph(" ".join(texts[0].split()))
            if marker_of(paragraph) is not None or heading_of(paragraph) is not None:
                self.paragraph(paragraph)
            else:
                while self.stack and self.stack[-1].in_table:
                    self.stack.pop()  # the title of the table before: this one's sibling
                depth = self.stack[-1].depth + 1 if self.stack else 1
                self.open_heading(Node(paragraph.text, "", depth, 0, in_table=True))

    def table(self, number: int) -> None:
        self.awaiting = None
        self.places[number] = Place(list(self.stack), list(self.markers))
        for node in [*self.stack, *self.markers]:
            self.seen_table.add(id(node))

    def count_action_tables(self, numbers: list[int]) -> None:
        for number in numbers:
            for node in {id(n): n for n in self.chain(self.places[number])}.values():
                node.tables += 1

    def chain(self, place: Place) -> list[Node]:
        return [*place.headings, *place.markers]


@dataclass
class Structure:
    """For each action table: its organisation heading (if any) and its goal levels."""

    organisations: dict[int, Node] = field(default_factory=dict)  # table number -> heading
    levels: dict[int, list[Node]] = field(default_factory=dict)  # table number -> nodes
    labels: set[str] = field(default_factory=set)  # repeated titles read as labels
    organisation_nodes: list[Node] = field(default_factory=list)


def structure(outline: Outline, numbers: list[int]) -> Structure:
    """Which headings above the action tables are organisations and which are goals."""
    found = Structure()
    places = {number: outline.places[number] for number in numbers}
    heads = {number: without_chapters(place.headings, places) for number, place in places.items()}
    siblings = organisation_siblings(heads, places)
    for number, place in places.items():
        chain = heads[number]
        organisation = next((node for node in chain if node in siblings), None)
        if organisation is not None:
            found.organisations[number] = organisation
            chain = chain[chain.index(organisation) + 1 :]
        goal_marker = any(marker.role == "goal" for marker in place.markers)
        found.levels[number] = place.markers if goal_marker else chain + place.markers
    found.organisation_nodes = list({id(n): n for n in siblings}.values())
    found.labels = drop_labels(found.levels)
    return found


def without_chapters(headings: list[Node], places: dict[int, Place]) -> list[Node]:
    """The headings but the unnumbered ones above every action table (chapters)."""
    everywhere = set.intersection(*({id(n) for n in p.headings} for p in places.values()))
    return [node for node in headings if node.number or id(node) not in everywhere]


def organisation_siblings(heads: dict[int, list[Node]], places: dict[int, Place]) -> list[Node]:
    """The outermost sibling headings that are organisations: the same goals repeat under
    them and a "Päätavoite I:" paragraph does or their titles name organisations
    ("Haminan kaupunki"); or their titles name organisations and no heading is under
    them (each organisation's own table with its goal columns). Sub-goals repeated under
    goals ("Varhaiskasvatus" under every priority) do not make the goals organisations."""
    below: dict[int, set[str]] = {}  # node id -> titles of the structure under it
    goals_below: set[int] = set()  # nodes with a goal paragraph under them
    nodes: dict[int, Node] = {}
    for number, chain in heads.items():
        markers = places[number].markers
        for index, node in enumerate(chain):
            nodes[id(node)] = node
            titles = {normal(n.title) for n in [*chain[index + 1 :], *markers]}
            below.setdefault(id(node), set()).update(titles)
            if any(marker.role == "goal" for marker in markers):
                goals_below.add(id(node))
    groups: dict[int, list[Node]] = {}
    for node in nodes.values():
        groups.setdefault(id(node.parent), []).append(node)
    for group in sorted(groups.values(), key=lambda g: min(n.depth for n in g)):
        goals = any(id(n) in goals_below for n in group)
        named = len(group) > 1 and organisation_like([n.title for n in group])
        alone = not any(below.get(id(node)) for node in group)  # no headings under them
        if ((goals or named) and repeats(group, below)) or (named and alone):
            return group
    return []


def repeats(group: list[Node], below: dict[int, set[str]]) -> bool:
    """Do at least two of the headings have mostly the same structure under them (half
    of their titles found under another of them)?"""
    sets = [below[id(node)] for node in group if below.get(id(node))]
    under: dict[str, int] = {}
    for titles in sets:
        for title in titles:
            under[title] = under.get(title, 0) + 1
    alike = sum(1 for titles in sets if sum(under[t] > 1 for t in titles) * 2 >= len(titles))
    return alike >= 2


def drop_labels(levels: dict[int, list[Node]]) -> set[str]:
    """Remove headings that label rather than structure: the same title, alone under
    each of several parents ("Toimenpiteet" under every goal)."""
    children: dict[int, dict[int, Node]] = {}
    for chain in levels.values():
        for node in chain:
            if not node.role:
                children.setdefault(id(node.parent), {})[id(node)] = node
    alone: dict[str, set[int]] = {}
    for kids in children.values():
        if len(kids) == 1:
            node = next(iter(kids.values()))
            alone.setdefault(normal(node.title), set()).add(id(node.parent))
    labels = {title for title, parents in alone.items() if len(parents) > 1}
    for number, chain in levels.items():
        levels[number] = [n for n in chain if n.role or normal(n.title) not in labels]
    return labels
