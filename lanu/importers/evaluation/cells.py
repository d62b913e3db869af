"""The cells of a row: joint highlights, and added priorities split by organisation prefix."""

import re

from django.utils.translation import gettext as _

from ..text import strip_formatting
from .data import HighlightData, PriorityData, Reading
from .organisations import match_organisation

BLOCK = re.compile(r"<(p|li)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
LIST_TAGS = re.compile(r"</?(?:ul|ol)\b[^>]*>", re.IGNORECASE)
ITEM_MARKER = re.compile(r"^\s*[-•]\s*")
# A line break lost in conversion: a capitalised word right after a lower-case one.
LOST_BREAK = re.compile(r"(?<=[a-zäöå]) (?=[A-ZÄÖÅ][a-zäöå])")

# Words that may follow the names in a prefix ("Tulsote/hanketuki:"): project support.
QUALIFIERS = ("hanketuki", "haketuki")
NAME = r"[A-ZÄÖÅ][\w.\-]*"
PREFIX = re.compile(
    rf"(?<![\w:/-])(?P<names>{NAME}(?:\s*[/,]\s*{NAME})*)"
    rf"(?:\s*[/,]?\s*(?:{'|'.join(QUALIFIERS)}))?(?:\s+:|:(?=\s|$))"
)
NAMES_IN_PARENTHESES = re.compile(r"\((?P<names>[^()]+)\)\s*$")


def blocks(cell: str) -> list[str]:
    """A cell's paragraphs and list items, and its text outside them, in order (raw)."""
    found, position = [], 0
    for match in BLOCK.finditer(cell):
        found += [cell[position : match.start()], match[2]]
        position = match.end()
    found.append(cell[position:])
    found = [ITEM_MARKER.sub("", LIST_TAGS.sub(" ", part)) for part in found]
    return [part for part in found if strip_formatting(part)]


def highlights(key: str, cell: str, line: int) -> list[HighlightData]:
    """One highlight per paragraph or list item; a plain cell split at its lost line breaks."""
    parts = blocks(cell)
    if len(parts) == 1 and not BLOCK.search(cell):
        parts = LOST_BREAK.split(strip_formatting(parts[0]))
    return [HighlightData(key, strip_formatting(part), line) for part in parts]


def priorities(reading: Reading, key: str, cell: str, line: int) -> list[PriorityData]:
    """The cell's added priorities, split at their organisation prefixes."""
    entries: list[tuple[str, str]] = []  # (prefix, text)
    heading, named = "", True  # a prefix standing alone names the list below it
    for block in blocks(cell):
        leading, prefixed = split_prefixes(strip_formatting(block))
        if leading:
            entries.append((heading or names_at_end(reading, leading), leading))
            named = True
        for prefix, text in prefixed:
            if text:
                entries.append((prefix, text))
            elif not named:
                reading.notes.append(f"{key} {heading}:")
        if prefixed:
            heading, named = ("", True) if prefixed[-1][1] else (prefixed[-1][0], False)
    if not named:  # a prefix with nothing after it
        reading.notes.append(f"{key} {heading}:")
    found = []
    for prefix, text in entries:
        found += attributed(reading, key, prefix, text, line)
    return found


def split_prefixes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first prefix, and each prefix with its text.

    A prefix-like word right after a prefix begins that prefix's text ("Kletu:
    Vaikuttamistyö: …"), so it is no prefix.
    """
    leading, position = "", 0
    prefixed: list[tuple[str, str]] = []
    for match in PREFIX.finditer(text):
        before = text[position : match.start()].strip()
        if prefixed and not before:
            continue
        if prefixed:
            prefixed[-1] = (prefixed[-1][0], before)
        else:
            leading = before
        prefixed.append((match[0].rstrip(" :").strip(), ""))
        position = match.end()
    rest = text[position:].strip()
    if prefixed:
        prefixed[-1] = (prefixed[-1][0], (prefixed[-1][1] + " " + rest).strip())
        return leading, prefixed
    return rest, []


def names_at_end(reading: Reading, text: str) -> str:
    """ "… käytössä (Kotka, Kouvola)": the names in parentheses, when all are organisations."""
    match = NAMES_IN_PARENTHESES.search(text)
    if match and all(
        match_organisation(name, reading.organisations) for name in prefix_names(match["names"])
    ):
        return match["names"].strip()
    return ""


def prefix_names(prefix: str) -> list[str]:
    """The organisation names of a prefix ("HVA, Tulsote/hanketuki" -> HVA, Tulsote)."""
    names = [name.strip() for name in re.split(r"[/,]", prefix)]
    names = [re.sub(rf"\s+(?:{'|'.join(QUALIFIERS)})$", "", name) for name in names]
    return [name for name in names if name and name.casefold() not in QUALIFIERS]


def attributed(reading: Reading, key: str, prefix: str, text: str, line: int) -> list[PriorityData]:
    """One priority per organisation the prefix names, one more for names nobody has."""
    if not prefix:
        message = _(
            "Line %(line)d, sub-goal %(key)s: an added priority names no organisation: “%(text)s”."
        )
        reading.report.append(message % {"line": line, "key": key, "text": text[:60]})
        return [PriorityData(key, text, "", None, line)]
    found: list[PriorityData] = []
    unknown: list[str] = []
    for name in prefix_names(prefix):
        organisation = match_organisation(name, reading.organisations)
        if organisation is None:
            unknown.append(name)
        elif organisation not in [p.organisation for p in found]:
            found.append(PriorityData(key, text, prefix[:100], organisation, line))
    for name in unknown:
        lines = reading.unknown.setdefault(name, [])
        lines += [line] if line not in lines else []
    if unknown:
        found.append(PriorityData(key, text, prefix[:100], None, line))
    return found
