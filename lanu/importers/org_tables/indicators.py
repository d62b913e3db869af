"""Chapter 1's explanations of the indicators ("Indikaattoreiden selitykset")."""

import re

from ..data import IndicatorDescriptionData
from .cells import clean
from .document import INDICATORS, Chapter, Reading

INDICATOR = re.compile(r"^(\d+)\.\s+(.+)$")
LINK = re.compile(r"\[(.+)\]\(#\)")


def descriptions(reading: Reading, chapters: list[Chapter]) -> list[IndicatorDescriptionData]:
    chapter = next((c for c in chapters if INDICATORS.search(c.title)), None)
    if chapter is None:
        return []
    found: list[IndicatorDescriptionData] = []
    group = ""
    for line in reading.lines[chapter.start + 1 : chapter.end]:
        group = indicator_line(reading, line.strip(), found, group)
    return found


def indicator_line(reading: Reading, line: str, found: list, group: str) -> str:
    """Read one line of the explanations; return the group in force after it."""
    if not line:
        return group
    numbered = INDICATOR.match(line)
    text, sources = split_sources(numbered[2] if numbered else line)
    if numbered:
        found.append(description(int(numbered[1]), group, text, sources))
    elif len(line) < 80 and not sources and not line.endswith("."):
        return line
    elif found:
        attach(found[-1], text, sources)
    else:
        reading.notes.append(text)
    return group


def description(number: int, group: str, text: str, sources: list[str]) -> IndicatorDescriptionData:
    """A numbered paragraph: “Name: description”."""
    name, _colon, body = text.partition(": ")
    return IndicatorDescriptionData(name.rstrip("."), number, group, body, "; ".join(sources))


def split_sources(body: str) -> tuple[str, list[str]]:
    """An indicator's text and sources: “text | [Source 2019](#) | more text | Source”."""
    parts = [part.strip() for part in body.split(" | ")]
    texts: list[str] = []
    sources: list[str] = []
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
