"""The document's structure: its chapters, and the running text that opens them."""

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..data import Problem, SectionData
from .cells import paragraphs

CHAPTER = re.compile(r"^(\d+(?:\.\d+)*) \| (.+)$")
GOAL_LINE = re.compile(r"^(PÄÄTAVOITE|HUVUDMÅL)\s+([IVXLC]+)\s*:\s*(.*)$", re.IGNORECASE)
INDICATORS = re.compile(r"indikaattoreiden selitykset", re.IGNORECASE)
SECTION_KINDS = (("seurat", "monitoring"), ("vuosikello", "monitoring"))
COUNTS = ("references", "nothing", "metric_refs", "mixed", "lists")


@dataclass
class Reading:
    """One reading of a document: its lines, and what is collected along the way."""

    lines: list[str]
    source: str
    problems: list[Problem] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    toc_line: int = 1
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))

    def problem(self, message: str, line: int | None = None, column: int | None = None):
        self.problems.append(Problem(message, line, column, self.source))


class Chapter(NamedTuple):
    number: str
    title: str
    start: int  # index of the heading line
    end: int  # index where the chapter ends


def chapters(reading: Reading) -> list[Chapter]:
    lines = reading.lines
    found = [
        (m[1], m[2].strip(), i)
        for i, line in enumerate(lines)
        if (m := CHAPTER.match(line.strip()))
    ]
    ends = [start for _n, _t, start in found[1:]] + [len(lines)]
    return [Chapter(n, t, start, end) for (n, t, start), end in zip(found, ends, strict=False)]


def intro_end(reading: Reading, start: int, end: int) -> int:
    """Where a chapter's running text ends: at its first main goal table, if any."""
    for i in range(start, end):
        if GOAL_LINE.match(reading.lines[i].strip()):
            return i
    return end


def sections(reading: Reading, chapters: list[Chapter]) -> list[SectionData]:
    """Main chapters' texts become sections; sub-chapters' texts become notes."""
    found = []
    for number, title, start, end in chapters:
        body = paragraphs(reading.lines[start + 1 : intro_end(reading, start + 1, end)])
        if "." not in number and body:
            found.append(SectionData(title=title, body=body, kind=section_kind(title)))
        elif "." in number and not INDICATORS.search(title):
            reading.notes.append(f"{number} | {title}\n{body}".strip())
    return found


def section_kind(title: str) -> str:
    return next((kind for word, kind in SECTION_KINDS if word in title.lower()), "other")
