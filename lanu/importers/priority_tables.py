"""Plans of priorities (painopiste), each with an introduction and a table of goals.

The format of the Länsi-Uusimaa welfare area plan 2024-2026 (seed 004): markdown-ish
chapters ("## Johdanto", ...), then the priorities as numbered headings of any depth
("### 1. ...", "## 2. ...") and under each a tab-separated table

    Tavoitteet  Toimenpiteet  Vastuutaho  Mittarit

One row is one goal (tavoite; an empty first cell continues the previous goal). Its
actions are the paragraphs of cell 2 (`<p>...</p>`, or segments separated by two
spaces); the paragraphs of cells 3 (responsible) and 4 (metrics) belong to them one
to one. Tables run across page breaks: a continuation row whose cell begins in lower
case finishes the previous row's last paragraph of that cell.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .data import (
    ActionData,
    GoalData,
    ImportRefused,
    MetricData,
    OrganisationData,
    PlanData,
    Problem,
    SectionData,
    SubGoalData,
)
from .details import organisation_in_title, organisation_named
from .general.organisation_words import kind_of, nominative
from .text import lower_first, strip_formatting

HEADER = re.compile(
    r"^[ \t]*(?:Tavoitteet?\tToimenpiteet?\tVastuutahot?\tMittarit?"
    r"|Mål\tÅtgärd(?:er)?\tAnsvar(?:ig|iga|ar)?\tMätare)[ \t]*$",
    re.I | re.M,
)
COLUMNS = 4
CELL_NAMES = ("goal", "action", "responsible", "metric")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
NUMBERED = re.compile(r"^(\d+)\.\s+(.+)$")
PRIORITIES = re.compile(r"painopiste|tyngdpunkt|fokusområde|prioritet", re.I)
SOURCES = re.compile(r"^(Lähteet|Lähdeluettelo|Viitteet)\s*:?$", re.I)
GAP = re.compile(r"^[\s|:\-–—]*$")  # blank lines and the "--" / "|" remnants of page breaks
FOOTNOTE = re.compile(r"^\s*<sup>(\d+)</sup>")
FOOTNOTE_REF = re.compile(r"<sup>(\d+)</sup>")
LINK = re.compile(r"\[([^\]]+)\]\(#?\)")  # links whose address the conversion lost
EMPHASIS = re.compile(r"(?<!\w)\*(\S(?:[^*]*\S)?)\*(?!\w)")
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.I | re.S)
OPEN_P, CLOSE_P = re.compile(r"<p\b", re.I), re.compile(r"</p>", re.I)
SPACES = re.compile(r"\s{2,}")
PERIOD = re.compile(r"(?:vuosille|för åren)\s+(\d{4})\s*[-–]\s*(\d{4})")
ANY_PERIOD = re.compile(r"\b(20\d\d)\s*[-–]\s*(20\d\d)\b")
DOMAIN = re.compile(r"^([a-z0-9-]+)\.fi$", re.I)
WELFARE_AREA = re.compile(r"hyvinvointialue$", re.I)
REGIONS = {  # the welfare areas' names in the genitive, as in "X hyvinvointialue"
    "Itä-Uudenmaan": "Itä-Uusimaa",
    "Keski-Uudenmaan": "Keski-Uusimaa",
    "Länsi-Uudenmaan": "Länsi-Uusimaa",
    "Vantaan ja Keravan": "Vantaa ja Kerava",
    "Varsinais-Suomen": "Varsinais-Suomi",
    "Satakunnan": "Satakunta",
    "Kanta-Hämeen": "Kanta-Häme",
    "Pirkanmaan": "Pirkanmaa",
    "Päijät-Hämeen": "Päijät-Häme",
    "Kymenlaakson": "Kymenlaakso",
    "Etelä-Karjalan": "Etelä-Karjala",
    "Etelä-Savon": "Etelä-Savo",
    "Pohjois-Savon": "Pohjois-Savo",
    "Pohjois-Karjalan": "Pohjois-Karjala",
    "Keski-Suomen": "Keski-Suomi",
    "Etelä-Pohjanmaan": "Etelä-Pohjanmaa",
    "Pohjanmaan": "Pohjanmaa",
    "Keski-Pohjanmaan": "Keski-Pohjanmaa",
    "Pohjois-Pohjanmaan": "Pohjois-Pohjanmaa",
    "Kainuun": "Kainuu",
    "Lapin": "Lappi",
}


def detect(text: str) -> bool:
    return bool(HEADER.search(text))


def read(text: str, source: str) -> PlanData:
    reader = Reader(source)
    reader.feed(text.splitlines())
    data = reader.plan(text)
    if reader.problems:
        raise ImportRefused(reader.problems)
    return data


# Text -------------------------------------------------------------------------------


def clean(text: str) -> str:
    """Plain text: footnote marks as "[1]", dead links and emphasis marks dropped."""
    text = FOOTNOTE_REF.sub(r"[\1]", text)
    return strip_formatting(EMPHASIS.sub(r"\1", LINK.sub(r"\1", text)))


def continues(text: str) -> bool:
    """Text that starts in lower case finishes a paragraph a page break cut."""
    return text[:1].isalpha() and text[:1].islower()


def paragraphs(cell: str) -> list[str]:
    """The cell's paragraphs: its <p> elements (and any text between them), or its
    segments separated by two or more spaces."""
    if PARAGRAPH.search(cell):
        parts = PARAGRAPH.split(cell)  # text between, paragraph, text between, ...
    else:
        parts = SPACES.split(cell)
    return [text for text in map(clean, parts) if text]


def plan_name(title: list[str]) -> str:
    """The title's lines as one name, each as written: a line after an organisation's
    genitive continues it ("Länsi-Uudenmaan hyvinvointialueen" + "Lasten ja nuorten
    hyvinvointisuunnitelma" -> "… hyvinvointialueen lasten ja nuorten …"), a line in
    lower case or digits continues the line before, and any other is a part of its own
    ("Västra Nylands välfärdsområde – Välfärdsplan för barn och unga")."""
    name = title[0] if title else ""
    for line in title[1:]:
        if ends_in_genitive(name):
            name += " " + lower_first(line)
        elif not line[:1].isupper():
            name += " " + line
        else:
            name += " – " + line
    return name


def ends_in_genitive(text: str) -> bool:
    """Does the text end with an organisation's genitive ("hyvinvointialueen", "stads")?"""
    words = text.split()
    return bool(words) and bool(nominative(words[-1]))


@dataclass
class Block:
    """A paragraph of running text, with the line it starts at."""

    line: int
    lines: list[str] = field(default_factory=list)


def join_blocks(blocks: list[Block], report: list[str], where: str) -> str:
    """The paragraphs as text; a paragraph that a page break cut is joined again."""
    texts: list[str] = []
    message = _("%(where)s: line %(line)d continues the paragraph before it.")
    for block in blocks:
        text = "\n".join(block.lines)
        if texts and continues(text):
            texts[-1] += " " + text
            report.append(message % {"where": where, "line": block.line})
        else:
            texts.append(text)
    return "\n\n".join(texts)


# Rows -------------------------------------------------------------------------------


@dataclass
class Row:
    """One table row: the goal cell and the paragraphs of the other three cells."""

    line: int
    goal: str
    cells: list[list[str]]  # actions, responsibles, metrics


@dataclass
class Table:
    line: int
    goal: "Priority | None"
    rows: int = 0


@dataclass
class Priority:
    """A priority being read: its heading, introduction, notes and table rows."""

    line: int
    number: str
    title: str
    intro: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


@dataclass
class Chapter:
    line: int
    title: str
    blocks: list[Block] = field(default_factory=list)


def section_kind(title: str) -> str:
    if title.lower().startswith("johdanto"):
        return "introduction"
    if "hyvinvoinnin tila" in title.lower():
        return "wellbeing"
    return "other"


def title_lines(lines: list[str]) -> list[int]:
    """Indexes of the title: the headings that open the document, up to the last of them,
    which is the first chapter (the first heading followed by text)."""
    found = []
    for index, line in enumerate(lines):
        if HEADING.match(line):
            found.append(index)
        elif line.strip() and found:
            return found[:-1]
    return found[:-1]


class Reader:
    """Reads the document line by line; collects problems instead of stopping."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.report: list[str] = []
        self.front: list[str] = []
        self.title: list[str] = []
        self.chapters: list[Chapter] = []
        self.priorities: list[Priority] = []
        self.text_at: Chapter | Priority | None = None
        self.in_priorities = False
        self.table: Table | None = None
        self.gap = True

    def problem(self, message: str, line: int | None = None, column: int | None = None):
        self.problems.append(Problem(message, line, column, self.source))

    def feed(self, lines: list[str]) -> None:
        title = set(title_lines(lines))
        for index, line in enumerate(lines):
            heading = HEADING.match(line) if index in title else None  # a title line is one
            if heading:
                self.title.append(clean(heading.group(2)))
            else:
                self.take(index + 1, line)
        self.close_table()

    def take(self, number: int, line: str) -> None:
        heading = HEADING.match(line)
        if heading:
            self.heading(number, clean(heading.group(2)))
        elif HEADER.match(line):
            self.header(number)
        elif GAP.match(line):
            self.gap = True
        elif "\t" in line:
            self.row(number, line)
        elif SOURCES.match(line.strip()):
            self.open_chapter(number, line.strip().rstrip(":"))
        else:
            self.text(number, line)

    # Headings and text

    def heading(self, number: int, title: str) -> None:
        numbered = NUMBERED.match(title)
        if numbered and self.in_priorities:
            self.close_table()
            self.text_at = Priority(number, numbered.group(1), numbered.group(2))
            self.priorities.append(self.text_at)
            self.gap = True
        else:
            self.open_chapter(number, title)
            self.in_priorities = bool(PRIORITIES.search(title))

    def open_chapter(self, number: int, title: str) -> None:
        self.close_table()
        self.in_priorities = False
        self.text_at = Chapter(number, title)
        self.chapters.append(self.text_at)
        self.gap = True

    def text(self, number: int, line: str) -> None:
        at = self.text_at
        if at is None:
            self.front.append(clean(line))
        elif isinstance(at, Priority) and FOOTNOTE.match(line):
            self.priority_note(at, number, line, _("a footnote"))
        elif isinstance(at, Priority) and at.rows:
            self.priority_note(at, number, line, _("text after the table"))
        else:
            self.add_text(at.intro if isinstance(at, Priority) else at.blocks, number, line)

    def add_text(self, blocks: list[Block], number: int, line: str) -> None:
        if self.gap or not blocks:
            blocks.append(Block(number))
        blocks[-1].lines.append(clean(line))
        self.gap = False

    def priority_note(self, priority: Priority, number: int, line: str, what: str) -> None:
        priority.notes.append(clean(line))
        message = _("Line %(line)d: %(what)s, kept in the notes of priority %(number)s.")
        self.report.append(message % {"line": number, "what": what, "number": priority.number})

    # Tables

    def header(self, number: int) -> None:
        self.close_table()
        goal = self.text_at if isinstance(self.text_at, Priority) else None
        if goal is None:
            self.problem(_("A table comes before any priority heading (“### 1. …”)."), number)
        self.table = Table(number, goal)

    def close_table(self) -> None:
        if self.table is not None and not self.table.rows:
            self.problem(_("The table has a header but no rows."), self.table.line)
        self.table = None

    def row(self, number: int, line: str) -> None:
        if self.table is None:
            self.problem(_("A table row outside any table: its header is missing."), number)
            return
        cells = line.split("\t")
        if not self.row_is_whole(number, cells):
            return
        self.table.rows += 1
        if self.table.goal is not None:
            self.table.goal.rows.append(make_row(number, cells))

    def row_is_whole(self, number: int, cells: list[str]) -> bool:
        """Is the row complete: every cell there, and every paragraph closed?"""
        whole = True
        if len(cells) < COLUMNS:
            message = _("The row has %(found)d cells, the table has %(expected)d: cut short?")
            self.problem(message % {"found": len(cells), "expected": COLUMNS}, number, len(cells))
            whole = False
        elif any(cell.strip() for cell in cells[COLUMNS:]):
            message = _("The row has %(found)d cells, the table has %(expected)d.")
            found = {"found": len(cells), "expected": COLUMNS}
            self.problem(message % found, number, COLUMNS + 1)
            whole = False
        for column, cell in enumerate(cells[:COLUMNS], 1):
            if len(OPEN_P.findall(cell)) > len(CLOSE_P.findall(cell)):
                self.problem(_("A paragraph (<p>) of the cell is not finished."), number, column)
                whole = False
        return whole

    # The plan

    def plan(self, text: str) -> PlanData:
        start, end = self.period(text)
        organisation = self.organisation()
        goals, actions = self.goals_and_actions(organisation.name if organisation else "")
        data = PlanData(
            name=self.name(start, end),
            period_start=start,
            period_end=end,
            region=region_of(organisation.name) if organisation else "",
            goal_label="Painopiste",
            subgoal_label="Tavoite",
            action_label="Toimenpide",
            notes="\n".join(self.front),
            source=self.source,
            organisations=[organisation] if organisation else [],
            sections=[self.section(chapter) for chapter in self.chapters],
            goals=goals,
            actions=actions,
        )
        data.report = self.summary(data) + self.report
        return data

    def summary(self, data: PlanData) -> list[str]:
        counts = {
            "goals": len(data.goals),
            "subgoals": len(data.subgoal_keys()),
            "actions": len(data.actions),
            "sections": len(data.sections),
        }
        message = _(
            "%(goals)d priorities, %(subgoals)d goals, %(actions)d actions and "
            "%(sections)d chapters of text were read."
        )
        lines = [message % counts]
        if self.front:
            lines.append(_("The cover page's text is kept in the plan's notes."))
        return lines

    def period(self, text: str) -> tuple[int, int]:
        """The period the document states; (0, 0) leaves it to the person (details.py)."""
        found = PERIOD.search(text) or ANY_PERIOD.search(text)
        return (int(found.group(1)), int(found.group(2))) if found else (0, 0)

    def name(self, start: int, end: int) -> str:
        """The title as the plan's name, with the period if it lacks it; "" if no title."""
        name = plan_name(self.title)
        return name if not name or not start or str(start) in name else f"{name} {start}–{end}"

    def organisation(self) -> OrganisationData | None:
        """The city, municipality or welfare area the cover names, or the title in the
        genitive; None leaves it to the person (details.py): it is not the document's
        structure, so nothing is refused for it."""
        name = organisation_named(self.front) or organisation_in_title(" ".join(self.title))
        if not name:
            return None
        return OrganisationData(name, kind=kind_of(name), aliases=self.aliases(name))

    def aliases(self, name: str) -> list[str]:
        """The acronym of the web address (luvn.fi: LUVN) and the other names on the cover."""
        domains = [DOMAIN.match(line) for line in self.front]
        acronyms = [found.group(1).upper() for found in domains if found]
        others = [line for line in self.front if line != name and not re.search(r"[\d.]", line)]
        return acronyms + others

    def section(self, chapter: Chapter) -> SectionData:
        where = _("Chapter “%s”") % chapter.title
        body = join_blocks(chapter.blocks, self.report, where)
        return SectionData(chapter.title, body, section_kind(chapter.title))

    def goals_and_actions(self, organisation: str) -> tuple[list[GoalData], list[ActionData]]:
        goals, actions = [], []
        for priority in self.priorities:
            goal = self.goal(priority)
            join_page_breaks(priority.rows, self.report)
            actions += self.subgoals(goal, priority.rows, organisation)
            goals.append(goal)
        return goals, actions

    def goal(self, priority: Priority) -> GoalData:
        where = _("Priority %s") % priority.number
        description = join_blocks(priority.intro, self.report, where)
        notes = "\n".join(priority.notes)
        if not priority.rows:
            self.report.append(_("Priority %s has no table of goals.") % priority.number)
        return GoalData(priority.number, priority.title, description, notes)

    def subgoals(self, goal: GoalData, rows: list[Row], organisation: str) -> list[ActionData]:
        actions = []
        for row in rows:
            if row.goal:
                goal.subgoals.append(SubGoalData(str(len(goal.subgoals) + 1), row.goal))
            elif not goal.subgoals:
                message = _("The row continues a goal, but no goal comes before it.")
                self.problem(message, row.line, 1)
                continue
            key = f"{goal.number}.{goal.subgoals[-1].number}"
            actions += self.row_actions(row, key, organisation, goal.subgoals[-1])
        return actions

    def row_actions(self, row: Row, key: str, organisation: str, subgoal) -> list[ActionData]:
        texts, responsibles, metrics = row.cells
        if not texts:
            keep_without_action(row, subgoal, self.report)
            return []
        per_action = zip(
            texts,
            self.aligned(row, 3, responsibles, len(texts)),
            self.aligned(row, 4, metrics, len(texts)),
            strict=True,
        )
        return [
            ActionData(
                organisation,
                [key],
                description=text,
                responsible="\n".join(responsible),
                metrics=[MetricData(metric) for metric in metric_texts],
                line=row.line,
            )
            for text, responsible, metric_texts in per_action
        ]

    def aligned(self, row: Row, column: int, values: list[str], count: int) -> list[list[str]]:
        """For each of the row's `count` actions, its paragraphs of the column."""
        if len(values) == count:
            return [[value] for value in values]
        self.report_misaligned(row, column, len(values), count)
        if len(values) < count:
            return [list(values)] * count
        return [[value] for value in values[: count - 1]] + [values[count - 1 :]]

    def report_misaligned(self, row: Row, column: int, found: int, count: int) -> None:
        if not found:
            return
        if found < count:
            message = _(
                "Line %(line)d, cell %(column)d: %(found)d paragraph(s) for %(count)d actions; "
                "each action gets the whole cell."
            )
        else:
            message = _(
                "Line %(line)d, cell %(column)d: %(found)d paragraphs for %(count)d action(s); "
                "the last action gets the extra ones."
            )
        values = {"line": row.line, "column": column, "found": found, "count": count}
        self.report.append(message % values)


def make_row(number: int, cells: list[str]) -> Row:
    goal = " ".join(paragraphs(cells[0]))
    return Row(number, goal, [paragraphs(cell) for cell in cells[1:COLUMNS]])


def join_page_breaks(rows: list[Row], report: list[str]) -> None:
    """A continuation row's cell that starts in lower case finishes the previous row's
    last paragraph of that cell. A cell it empties takes that paragraph as its own, so
    that the row's actions keep their responsible and metric."""
    for previous, row in zip(rows, rows[1:], strict=False):
        if row.goal:
            continue
        for column, (before, cell) in enumerate(zip(previous.cells, row.cells, strict=True)):
            if before and cell and continues(cell[0]):
                before[-1] += " " + cell.pop(0)
                report_join(report, row, previous, column)
                if not cell and column:
                    cell.append(before[-1])
                    report.append(_("Line %d: the row's actions share that paragraph.") % row.line)


def report_join(report: list[str], row: Row, previous: Row, column: int) -> None:
    message = _(
        "Line %(line)d, cell %(column)d: the first paragraph continues line %(previous)d "
        "across a page break and was joined to it."
    )
    report.append(message % {"line": row.line, "column": column + 2, "previous": previous.line})


def keep_without_action(row: Row, subgoal: SubGoalData, report: list[str]) -> None:
    """Responsibles and metrics of a row with no action go to the goal's notes."""
    texts = [text for cell in row.cells[1:] for text in cell]
    if texts:
        subgoal.notes = "\n".join(filter(None, [subgoal.notes, *texts]))
        message = _("Line %d: a row with no action; its other cells are kept in the goal's notes.")
        report.append(message % row.line)


def region_of(organisation: str) -> str:
    return REGIONS.get(WELFARE_AREA.sub("", organisation).strip(), "")
