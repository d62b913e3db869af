"""Plans whose actions are tables per organisation (Kymenlaakso 2020–2024, part II).

The document: a title page; a table of contents naming the organisations under
"2 Toimenpiteet"; chapter 1 with the indicators and their explanations; chapter 2
with every organisation's action tables one after another. Each table stands under
a "PÄÄTAVOITE I: title" line and has a header row (välitavoite / toimenpide /
mittari / aikataulu / toimija(t) / seuranta), a row of guiding questions and rows
numbered by sub-goal. Organisation names appear only in the table of contents: a
new organisation's section starts when the numbering cycles back to sub-goal 1 of
the first main goal.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .data import (
    ActionData,
    GoalData,
    ImportRefused,
    IndicatorDescriptionData,
    MetricData,
    OrganisationData,
    PlanData,
    Problem,
    SectionData,
    SubGoalData,
)
from .text import strip_formatting

HEADER = re.compile(r"^\t?välitavoite\ttoimenpide\t", re.IGNORECASE | re.MULTILINE)
CHAPTER = re.compile(r"^(\d+(?:\.\d+)*) \| (.+)$")
GOAL_LINE = re.compile(r"^(PÄÄTAVOITE)\s+([IVXLC]+)\s*:\s*(.*)$", re.IGNORECASE)
PLAN_NAME = re.compile(r"^(\S+)\s.*hyvinvointisuunnitelma\s+(\d{4})\s*[–-]\s*(\d{4})$")
TOC_LINE = re.compile(r"^\d+(?:\.\d+)*\s+.+?(?:\.{2,}\s*\d*|\t\s*\d+)$")
TOC_ACTIONS = re.compile(r"^(\d+)\s+Toimenpiteet\b")
INDICATORS = re.compile(r"indikaattoreiden selitykset", re.IGNORECASE)
INDICATOR = re.compile(r"^(\d+)\.\s+(.+)$")
LINK = re.compile(r"\[(.+)\]\(#\)")
SUBGOAL_CELL = re.compile(r"^\s*(\d+)\s*(.*)$", re.DOTALL)
BLOCK = re.compile(
    r"<p\b[^>]*>(?P<p>.*?)</p>|<ul\b[^>]*>(?P<ul>.*?)(?:</ul>|(?=<p\b)|$)",
    re.IGNORECASE | re.DOTALL,
)
MARKER = re.compile(r"(?:^|\s)[-•](?=\s|[A-ZÄÖÅ])")
REFERENCE = re.compile(
    r"kt?s\.?\s+(?:(?P<previous>edellinen kohta)|kohta\s+(?P<number>\d+)"
    r"|(?P<all>edelliset kohdat)\b.*?)\.?",
    re.IGNORECASE,
)
METRIC_REFERENCE = re.compile(r"kt?s\.?\s+ed(?:ellinen)?\.?", re.IGNORECASE)
START = re.compile(r"\b(20\d\d) alkaen\b|\baloitettu vuo(?:nna|den) (20\d\d)\b", re.IGNORECASE)
END = re.compile(r"\bvuoden (20\d\d) loppuun\b", re.IGNORECASE)
PERMANENCE = (
    ("permanent", re.compile(r"\bpysyv|\bjatkuv", re.IGNORECASE)),
    ("project", re.compile(r"\bhanke|\bhankk", re.IGNORECASE)),
    ("pilot", re.compile(r"\bkokeilu|\bpilot", re.IGNORECASE)),
)
COLUMNS = {
    "välitavoite": "subgoal",
    "toimenpide": "action",
    "mittari": "metrics",
    "aikataulu": "schedule",
    "toimija": "responsible",
    "seuranta": "monitoring",
}
DETAIL_COLUMNS = ("metrics", "schedule", "responsible", "monitoring")
KINDS = (
    ("police", re.compile(r"poliisi", re.IGNORECASE)),
    ("parish", re.compile(r"seurakun", re.IGNORECASE)),
    ("municipality", re.compile(r"kaupunki|\bkun(?:ta|nat)\b", re.IGNORECASE)),
    ("ngo", re.compile(r"järjestö|yhdistys|\bry\b|\bMLL\b", re.IGNORECASE)),
    ("welfare_area", re.compile(r"kymsote|hyvinvointialue|kuntayhtymä", re.IGNORECASE)),
)
ALIASES = {"Kymsote": ["HVA", "Kymenlaakson hyvinvointialue"]}
SECTION_KINDS = (("seurat", "monitoring"), ("vuosikello", "monitoring"))


def detect(text: str) -> bool:
    return bool(HEADER.search(text))


def read(text: str, source: str) -> PlanData:
    return Reader(text, source).read()


@dataclass
class Row:
    line: int
    goal: str
    goal_title: str
    number: str
    title: str
    cells: dict[str, str]

    @property
    def key(self) -> str:
        return f"{self.goal}.{self.number}"


@dataclass
class Table:
    line: int
    goal: tuple[str, str, int] | None  # number, title, line of the PÄÄTAVOITE line
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    questions_seen: bool = False


@dataclass
class OrgSection:
    """One organisation's rows, and what they became while being read."""

    organisation: str
    rows: list[Row]
    by_key: dict[str, ActionData | None] = field(default_factory=dict)
    previous: ActionData | None = None


# -- cells ---------------------------------------------------------------------------


def clean(text: str) -> str:
    """Text of a cell part: markdown emphasis and escapes and formatting tags dropped."""
    text = text.replace("**", "").replace("\\(", "(").replace("\\)", ")")
    return strip_formatting(text)


def list_items(text: str) -> list[str]:
    """A list's items, when it starts with an item marker ("-" or "•"); else one entry."""
    return MARKER.split(text) if MARKER.match(text) else [text]


def split_cell(cell: str) -> tuple[str, list[str]]:
    """A cell's plain text, and its entries: list items and paragraphs."""
    plain, entries, position = [], [], 0
    for match in BLOCK.finditer(cell):
        plain.append(cell[position : match.start()])
        entries += [match["p"]] if match["p"] is not None else list_items(match["ul"])
        position = match.end()
    plain.append(cell[position:])
    entries = [clean(re.sub(r"^\s*[-•]\s*", "", entry)) for entry in entries]
    return clean(" ".join(plain)), [entry for entry in entries if entry]


def unmarked_lists(cell: str) -> int:
    return sum(1 for m in BLOCK.finditer(cell) if m["ul"] and len(list_items(m["ul"])) == 1)


def cell_text(cell: str, separator: str = "\n") -> str:
    plain, entries = split_cell(cell)
    return separator.join(part for part in [plain, *entries] if part)


def permanence(schedule: str) -> str:
    if schedule.lower().startswith("tavoit"):  # an aim, not how the work is funded
        return "unknown"
    found = kinds_of_work(schedule)
    return found.pop() if len(found) == 1 else "unknown"


def kinds_of_work(schedule: str) -> set[str]:
    return {kind for kind, pattern in PERMANENCE if pattern.search(schedule)}


def start_date(schedule: str) -> date | None:
    match = START.search(schedule)
    return date(int(match[1] or match[2]), 1, 1) if match else None


def end_date(schedule: str) -> date | None:
    match = END.search(schedule)
    return date(int(match[1]), 12, 31) if match else None


def organisation(name: str) -> OrganisationData:
    kind = next((kind for kind, pattern in KINDS if pattern.search(name)), "other")
    return OrganisationData(name=name, kind=kind, aliases=list(ALIASES.get(name, [])))


def paragraphs(lines: list[str]) -> str:
    return "\n\n".join(text for text in (clean(line) for line in lines) if text)


# -- the reader ----------------------------------------------------------------------


class Reader:
    def __init__(self, text: str, source: str):
        self.lines = text.splitlines()
        self.source = source
        self.problems: list[Problem] = []
        self.report: list[str] = []
        self.notes: list[str] = []
        self.remarks: list[str] = []
        self.toc_line = 1
        self.counts = dict.fromkeys(("references", "nothing", "metric_refs", "mixed", "lists"), 0)

    def problem(self, message: str, line: int | None = None, column: int | None = None):
        self.problems.append(Problem(message, line, column, self.source))

    def read(self) -> PlanData:
        chapters = self.chapters()
        data = self.plan_head(chapters[0][2] if chapters else len(self.lines))
        data.organisations = [organisation(name) for name in self.toc_names()]
        data.indicators = self.indicators(chapters)
        data.sections = self.sections(chapters)
        tables = self.tables(chapters)
        data.goals, data.actions = self.goals_and_actions(tables, data)
        data.notes = "\n\n".join(self.notes + self.remark_block())
        data.report = self.report + self.summary(data)
        if self.problems:
            raise ImportRefused(self.problems)
        return data

    # -- document structure

    def chapters(self) -> list[tuple[str, str, int, int]]:
        """(number, title, index of the heading line, index where the chapter ends)."""
        found = [
            (m[1], m[2].strip(), i)
            for i, line in enumerate(self.lines)
            if (m := CHAPTER.match(line.strip()))
        ]
        ends = [start for _n, _t, start in found[1:]] + [len(self.lines)]
        return [(n, t, start, end) for (n, t, start), end in zip(found, ends, strict=True)]

    def plan_head(self, front_end: int) -> PlanData:
        front = self.lines[:front_end]
        match = next((m for line in front if (m := PLAN_NAME.match(line.strip()))), None)
        if match is None:
            self.problem(_("No plan name with its period (“… 2020–2024”) was found."), 1)
            return PlanData(name="", period_start=0, period_end=0, source=self.source)
        self.keep_front_page(front, match[0])
        return PlanData(
            name=match[0],
            region=match[1].removesuffix("n"),
            period_start=int(match[2]),
            period_end=int(match[3]),
            source=self.source,
        )

    def keep_front_page(self, front: list[str], name: str) -> None:
        squeezed = name.replace("–", "-")
        kept = []
        for line in (clean(raw) for raw in front if not TOC_LINE.match(raw.strip())):
            if line and line.replace("–", "-") not in squeezed and line not in kept:
                kept.append(line)
        if kept:
            self.notes.append(_("Title page and figure captions:") + "\n" + "\n".join(kept))

    def toc_names(self) -> list[str]:
        start = next((i for i, line in enumerate(self.lines) if TOC_ACTIONS.match(line)), None)
        names = self.toc_entries(start) if start is not None else []
        self.toc_line = (start or 0) + 1
        if not names:
            message = _("The table of contents names no organisations under “Toimenpiteet”.")
            self.problem(message, self.toc_line)
        return names

    def toc_entries(self, start: int) -> list[str]:
        number = TOC_ACTIONS.match(self.lines[start])[1]
        entry = re.compile(rf"^{number}\.\d+\s+(.+?)\s*(?:\.{{2,}}\s*\d*|\t\s*\d+)$")
        names = []
        for line in (line.strip() for line in self.lines[start + 1 :]):
            if line and not (match := entry.match(line)):
                break
            names += [match[1]] if line else []
        return names

    # -- chapter 1: indicators

    def indicators(self, chapters) -> list[IndicatorDescriptionData]:
        chapter = next((c for c in chapters if INDICATORS.search(c[1])), None)
        if chapter is None:
            return []
        found, group = [], ""
        for line in self.lines[chapter[2] + 1 : chapter[3]]:
            group = self.indicator_line(line.strip(), found, group)
        return found

    def indicator_line(self, line: str, found: list, group: str) -> str:
        """Read one line of the explanations; return the group in force after it."""
        if not line:
            return group
        numbered = INDICATOR.match(line)
        text, sources = split_sources(numbered[2] if numbered else line)
        if numbered:
            name, _colon, description = text.partition(": ")
            found.append(
                IndicatorDescriptionData(
                    name.rstrip("."), int(numbered[1]), group, description, "; ".join(sources)
                )
            )
        elif len(line) < 80 and not sources and not line.endswith("."):
            return line
        elif found:
            attach(found[-1], text, sources)
        else:
            self.notes.append(text)
        return group

    # -- sections and notes

    def sections(self, chapters) -> list[SectionData]:
        sections = []
        for number, title, start, end in chapters:
            stop = self.intro_end(start + 1, end)
            body = paragraphs(self.lines[start + 1 : stop])
            if "." not in number and body:
                kind = next((k for word, k in SECTION_KINDS if word in title.lower()), "other")
                sections.append(SectionData(title=title, body=body, kind=kind))
            elif "." in number and not INDICATORS.search(title):
                self.notes.append(f"{number} | {title}\n{body}".strip())
        return sections

    def intro_end(self, start: int, end: int) -> int:
        """Where a chapter's running text ends: at its first main goal table, if any."""
        for i in range(start, end):
            if GOAL_LINE.match(self.lines[i].strip()):
                return i
        return end

    def remark_block(self) -> list[str]:
        if not self.remarks:
            return []
        return [
            _("Remarks of rows without an action of their own:") + "\n" + "\n".join(self.remarks)
        ]

    # -- chapter 2: tables

    def tables(self, chapters) -> list[Table]:
        start = self.intro_end(0, len(self.lines))
        start = start if start < len(self.lines) else None
        if start is None:
            self.problem(_("No main goal (“PÄÄTAVOITE I: …”) and action tables were found."), 1)
            return []
        end = next((c[2] for c in chapters if c[2] > start), len(self.lines))
        tables, goal, i = [], None, start
        while i < end:
            i, goal = self.table_line(i, tables, goal)
        for table in tables:
            if not table.rows:
                self.problem(_("The table has a header row but no rows."), table.line)
        return tables

    def table_line(self, i: int, tables: list[Table], goal) -> tuple[int, tuple | None]:
        line = self.lines[i]
        if match := GOAL_LINE.match(line.strip()):
            return self.goal_line(i, match)
        if HEADER.match(line):
            tables.append(self.open_table(i, goal))
        elif "\t" in line and tables:
            self.add_row(tables[-1], i)
        elif "\t" in line:
            self.problem(_("A table row without a header row above it."), i + 1)
        elif line.strip():
            self.notes.append(f"{clean(line)}")
        return i + 1, goal

    def goal_line(self, i: int, match) -> tuple[int, tuple]:
        title, after = match[3].strip(), i + 1
        if not title:
            following = next((j for j in range(i + 1, len(self.lines)) if self.lines[j].strip()), i)
            candidate = self.lines[following]
            if "\t" not in candidate and not GOAL_LINE.match(candidate.strip()):
                title, after = candidate, following + 1
        if not title:
            self.problem(_("The main goal has no title."), i + 1)
        return after, (match[2].upper(), clean(title), i + 1)

    def open_table(self, i: int, goal) -> Table:
        cells = [cell.strip().lower() for cell in self.lines[i].split("\t")]
        columns = [next((n for k, n in COLUMNS.items() if c.startswith(k)), "") for c in cells]
        columns = [
            "number" if not cell else name for cell, name in zip(cells, columns, strict=True)
        ]
        for n, name in enumerate(columns):
            if not name:
                self.problem(_("Unknown column “%s” in the table header.") % cells[n], i + 1, n + 1)
        if goal is None:
            self.problem(_("The table has no main goal (“PÄÄTAVOITE …”) line above it."), i + 1)
        return Table(line=i + 1, goal=goal, columns=columns)

    def add_row(self, table: Table, i: int) -> None:
        cells = self.lines[i].split("\t")
        if not self.cell_count_fits(table, cells, i):
            cells = (cells + [""] * len(table.columns))[: len(table.columns)]
        values = dict(zip(table.columns, cells, strict=True))
        number, title = self.subgoal_cell(values)
        if number is None and not table.rows and not table.questions_seen:
            table.questions_seen = True  # the row of guiding questions under the header
        elif number is None:
            self.problem(_("The row does not start with a sub-goal number."), i + 1, 1)
        elif table.goal:
            goal, goal_title, _line = table.goal
            table.rows.append(Row(i + 1, goal, goal_title, number, title, values))

    def cell_count_fits(self, table: Table, cells: list[str], i: int) -> bool:
        expected = len(table.columns)
        if len(cells) == expected:
            return True
        values = {"found": len(cells), "expected": expected}
        if len(cells) > expected:
            message = _("The row has %(found)d cells, the table header %(expected)d.") % values
            self.problem(message, i + 1, expected + 1)
        elif not any(line.strip() for line in self.lines[i + 1 :]):
            message = (
                _(
                    "The file ends in the middle of this row: it has %(found)d of "
                    "%(expected)d cells."
                )
                % values
            )
            self.problem(message, i + 1, len(cells))
        else:
            message = _("The row has only %(found)d of the table's %(expected)d cells.") % values
            self.problem(message, i + 1, len(cells))
        return False

    @staticmethod
    def subgoal_cell(values: dict[str, str]) -> tuple[str | None, str]:
        if "number" in values:
            number = values["number"].strip()
            return (number if number.isdigit() else None), clean(values.get("subgoal", ""))
        match = SUBGOAL_CELL.match(values.get("subgoal", ""))
        return (match[1], clean(match[2])) if match else (None, "")

    # -- organisations' sections, goals and actions

    def goals_and_actions(self, tables: list[Table], data: PlanData):
        rows = [row for table in tables for row in table.rows]
        sections = self.split_sections(rows, [o.name for o in data.organisations])
        goals = self.goals(sections[0].rows if sections else [])
        for section in sections[1:]:
            self.check_section(section, goals)
        actions = []
        for section in sections:
            actions += self.section_actions(section)
        return goals, actions

    def split_sections(self, rows: list[Row], names: list[str]) -> list[OrgSection]:
        sections = []
        for row in rows:
            if not sections or (row.goal == rows[0].goal and row.number == "1"):
                name = names[len(sections)] if len(sections) < len(names) else "?"
                sections.append(OrgSection(name, []))
            sections[-1].rows.append(row)
        if names and len(sections) != len(names):
            values = {"names": len(names), "sections": len(sections)}
            message = _(
                "The table of contents names %(names)d organisations, but the tables "
                "make %(sections)d sections (each starting again from sub-goal 1)."
            )
            extra = sections[len(names)] if len(sections) > len(names) else None
            self.problem(message % values, extra.rows[0].line if extra else self.toc_line)
        return sections

    def goals(self, rows: list[Row]) -> list[GoalData]:
        goals: dict[str, GoalData] = {}
        for row in rows:
            goal = goals.setdefault(row.goal, GoalData(number=row.goal, title=row.goal_title))
            expected = len(goal.subgoals) + 1
            if row.number != str(expected):
                values = {"found": row.number, "goal": row.goal, "expected": expected}
                message = _(
                    "Sub-goal %(found)s does not fit: main goal %(goal)s continues "
                    "with sub-goal %(expected)d."
                )
                self.problem(message % values, row.line, 1)
            else:
                goal.subgoals.append(SubGoalData(number=row.number, title=row.title))
        return list(goals.values())

    def check_section(self, section: OrgSection, goals: list[GoalData]) -> None:
        keys = [f"{g.number}.{s.number}" for g in goals for s in g.subgoals]
        titles = {f"{g.number}.{s.number}": s.title for g in goals for s in g.subgoals}
        titles |= {g.number: g.title for g in goals}
        position = -1
        for row in section.rows:
            if row.key not in keys or keys.index(row.key) <= position:
                self.problem(self.misfit(row, keys), row.line, 1)
                continue
            position = keys.index(row.key)
            self.compare(section, row.key, row.title, titles[row.key])
            self.compare(section, row.goal, row.goal_title, titles[row.goal])

    @staticmethod
    def misfit(row: Row, keys: list[str]) -> str:
        if row.key in keys:
            return _("Sub-goal %s comes twice or out of order in this organisation's tables.") % (
                row.key
            )
        values = {"key": row.key, "keys": ", ".join(keys)}
        return _("Sub-goal %(key)s does not fit: the plan's sub-goals are %(keys)s.") % values

    def compare(self, section: OrgSection, key: str, title: str, expected: str) -> None:
        if title == expected:
            return
        note = _(
            "%(organisation)s, %(key)s: the title “%(title)s” differs from “%(expected)s”; "
            "the first section's title was kept."
        )
        values = {"organisation": section.organisation, "key": key, "title": title}
        line = note % (values | {"expected": expected})
        if line not in self.report:
            self.report.append(line)

    def section_actions(self, section: OrgSection) -> list[ActionData]:
        actions = []
        for row in section.rows:
            action = self.row_action(section, row)
            section.by_key[row.key] = action
            section.previous = action
            if action is not None and action.line == row.line:
                actions.append(action)
        return actions

    def row_action(self, section: OrgSection, row: Row) -> ActionData | None:
        """The row's own action, the action it refers to, or None when it has none."""
        cells = {name: "" if value.strip() == "-" else value for name, value in row.cells.items()}
        if self.has_nothing(section, row, cells):
            return None
        reference = REFERENCE.fullmatch(clean(cells["action"]))
        if reference and not any(clean(cells.get(name, "")) for name in DETAIL_COLUMNS):
            return self.referred(section, row, reference)
        return self.new_action(section, row, cells)

    def has_nothing(self, section: OrgSection, row: Row, cells: dict[str, str]) -> bool:
        dashes = sum(row.cells.get(name, "").strip() == "-" for name in DETAIL_COLUMNS)
        if clean(cells["action"]) and dashes < len(DETAIL_COLUMNS):
            return False
        self.counts["nothing"] += 1
        remark = " ".join(clean(cells.get(name, "")) for name in ("action", *DETAIL_COLUMNS))
        if remark.strip():
            self.remarks.append(f"{section.organisation}, {row.key}: {remark.strip()}")
        return True

    def referred(self, section: OrgSection, row: Row, reference) -> ActionData | None:
        if reference["all"]:
            targets = [a for k, a in section.by_key.items() if k.startswith(f"{row.goal}.") and a]
            targets = list({id(a): a for a in targets}.values())
            self.remarks.append(f"{section.organisation}, {row.key}: {reference[0]}")
        elif reference["number"]:
            targets = [section.by_key.get(f"{row.goal}.{reference['number']}")]
        else:
            targets = [section.previous]
        if not all(targets) or not targets:
            message = _("“%s” refers to a row that has no action.") % reference[0]
            self.problem(message, row.line, 2)
            return None
        for target in targets:
            target.subgoals.append(row.key)
        self.counts["references"] += 1
        return targets[-1]

    def new_action(self, section: OrgSection, row: Row, cells: dict[str, str]) -> ActionData:
        description, items = split_cell(cells["action"])
        schedule = cell_text(cells.get("schedule", ""), "; ")
        self.counts["lists"] += sum(unmarked_lists(cells.get(n, "")) for n in COLUMNS.values())
        self.counts["mixed"] += len(kinds_of_work(schedule)) > 1
        return ActionData(
            organisation=section.organisation,
            subgoals=[row.key],
            description=description,
            items=items,
            metrics=self.metrics(section, cells.get("metrics", "")),
            schedule=schedule,
            start_date=start_date(schedule),
            end_date=end_date(schedule),
            permanence=permanence(schedule),
            responsible=cell_text(cells.get("responsible", "")),
            monitoring=cell_text(cells.get("monitoring", "")),
            line=row.line,
        )

    def metrics(self, section: OrgSection, cell: str) -> list[MetricData]:
        if METRIC_REFERENCE.fullmatch(clean(cell)) and section.previous:
            self.counts["metric_refs"] += 1
            return [MetricData(m.text, m.by_mother_tongue) for m in section.previous.metrics]
        plain, entries = split_cell(cell)
        return [MetricData(text) for text in [plain, *entries] if text]

    # -- the import report

    def summary(self, data: PlanData) -> list[str]:
        counts = self.counts | {
            "organisations": len(data.organisations),
            "actions": len(data.actions),
            "indicators": len(data.indicators),
        }
        lines = [
            _(
                "%(organisations)d organisations from the table of contents, %(actions)d "
                "actions, %(indicators)d indicator descriptions."
            )
            % counts,
            _(
                "%(references)d rows refer to another row's action (“Ks. edellinen kohta”, "
                "“Kts. kohta 1”): their sub-goal was added to that action."
            )
            % counts,
            _(
                "%(nothing)d rows had nothing (“-” or empty) and made no action; their remarks "
                "are kept in the plan's notes."
            )
            % counts,
            _(
                "Kept as notes: the title page, the chapters 1.1–1.4 (their indicator tables are "
                "not in the text) and the remarks of rows without an action."
            ),
        ]
        return lines + self.optional_lines(counts)

    @staticmethod
    def optional_lines(counts: dict) -> list[str]:
        texts = {
            "metric_refs": _(
                "%(metric_refs)d metric cells say “Kts. ed”: they got the previous row's metrics."
            ),
            "lists": _(
                "%(lists)d lists have no item markers (the line breaks were lost in "
                "conversion): each was kept as one entry."
            ),
            "mixed": _(
                "%(mixed)d schedules name several kinds of work (e.g. “Osa pysyvää, "
                "osa hanke”): their permanence was left unknown."
            ),
        }
        return [text % counts for key, text in texts.items() if counts[key]]


def split_sources(body: str) -> tuple[str, list[str]]:
    """An indicator's text and sources: “text | [Source 2019](#) | more text | Source”."""
    parts = [part.strip() for part in body.split(" | ")]
    texts, sources = [], []
    for n, part in enumerate(parts):
        link = LINK.fullmatch(part)
        if n and (link or n == len(parts) - 1):
            sources.append(clean(link[1] if link else part))
            if n < len(parts) - 1 and texts:
                texts[-1] += f" ({sources[-1]})"
        else:
            texts.append(clean(part))
    return " ".join(texts), sources


def attach(indicator: IndicatorDescriptionData, text: str, sources: list[str]) -> None:
    """An un-numbered paragraph: part of the previous indicator's description."""
    extra = [source for source in sources if source not in indicator.source]
    text += "".join(f" ({source})" for source in extra)
    indicator.description = f"{indicator.description}\n\n{text}".strip()
