"""Table cells as people fill them: paragraphs and bullets, read into an action's parts.

A cell's structure is kept, never run together: in an action cell the first paragraph
that is not a bullet is the action's description and the other paragraphs and bullets
are its items; a metric cell gives one metric per paragraph or bullet; other cells are
their paragraphs, one a line.

The general reader works on `Part`s, copies of a cell's paragraphs, because it changes
them (a paragraph a page break cut is joined again) and the Document stays as read: it
is read again with other choices.
"""

import re
from dataclasses import dataclass

from ..principle_table import metric
from .document import Cell

CUT_END = re.compile(r"(?:[^\W\d_]|[,\-–])\s*$")  # ends in a letter, a comma or a hyphen
NOTHING = re.compile(r"^[\W_]*$")  # "-", "--", "–": a cell that says there is nothing
CAPITALISED = re.compile(r"^[A-ZÅÄÖÜ0-9]")


@dataclass
class Part:
    """One paragraph of a cell, or a list item (`bullet`)."""

    text: str
    bullet: bool = False
    number: str = ""  # Word's numbering of the paragraph ("1.2"), if known


def parts_of(cell: Cell) -> list[Part]:
    """The cell's paragraphs as parts; a cell saying only "-" has none."""
    parts = [Part(p.text.strip(), p.bullet, p.number) for p in cell.paragraphs if p.text.strip()]
    if all(NOTHING.match(part.text) for part in parts):
        return []
    return parts


def text_of(parts: list[Part]) -> str:
    """A cell's text: its paragraphs and items one a line."""
    return "\n".join(part.text for part in parts)


def one_line(parts: list[Part]) -> str:
    return " ".join(part.text for part in parts)


def continues(part: Part, before: Part) -> bool:
    """Does the part finish `before`, a paragraph a page break or a line break cut? It
    starts in lower case, and `before` ends in a word (or a comma or hyphen), not a
    sentence's end or a number ("2024" and "kesä 2025" are two texts)."""
    first = part.text[:1]
    return first.isalpha() and first.islower() and bool(CUT_END.search(before.text))


def description_and_items(parts: list[Part]) -> tuple[str, list[str]]:
    """An action cell: its first paragraph that is not a bullet, and everything else."""
    plain = next((i for i, part in enumerate(parts) if not part.bullet), None)
    if plain is None:
        return "", [part.text for part in parts]
    return parts[plain].text, [part.text for i, part in enumerate(parts) if i != plain]


def actions_by_paragraph(parts: list[Part]) -> list[list[Part]]:
    """An action cell whose paragraphs are actions each: a paragraph with the bullets
    after it is one action."""
    groups: list[list[Part]] = []
    for part in parts:
        if part.bullet and groups:
            groups[-1].append(part)
        else:
            groups.append([part])
    return groups


def plain_paragraphs(parts: list[Part]) -> int:
    return sum(not part.bullet for part in parts)


def metrics_of(parts: list[Part]) -> list:
    """One metric per paragraph or bullet; "*äidinkieli/kansalaisuus" marks a breakdown."""
    return [metric(part.text) for part in parts]


def looks_like_actions(parts: list[Part]) -> bool:
    """Do the cell's bullets look like several actions rather than one action's steps?
    Three or more bullets do; two do when each is a capitalised phrase of some length."""
    bullets = [part.text for part in parts if part.bullet]
    if len(bullets) >= 3:
        return True
    return len(bullets) == 2 and all(
        CAPITALISED.match(text) and len(text.split()) >= 3 for text in bullets
    )


def aligned(parts: list[Part], count: int) -> list[list[Part]]:
    """For each of `count` actions of a row, its paragraphs of another column: one each
    when the numbers agree; the whole cell each when the column has fewer; the last
    action the extra ones when it has more."""
    if len(parts) == count:
        return [[part] for part in parts]
    if len(parts) < count:
        return [list(parts)] * count
    return [[part] for part in parts[: count - 1]] + [parts[count - 1 :]]


def first_words(text: str, words: int = 5) -> str:
    """The start of a text as a person recognises it: “Lasten ja nuorten arvostaminen…”."""
    found = text.split()
    return " ".join(found[:words]) + ("…" if len(found) > words else "")


def join_paragraphs(texts: list[str]) -> str:
    """Body text: paragraphs apart by a blank line; one a page break cut is joined again."""
    found: list[str] = []
    for text in texts:
        if found and continues(Part(text), Part(found[-1])):
            found[-1] += " " + text
        elif not all(ch in "-–—_*|: " for ch in text):
            found.append(text)
    return "\n\n".join(found)


def fitted(text: str, limit: int | None) -> tuple[str, str]:
    """The text cut to fit a field of `limit` characters at a word's end, with "…", and
    the whole text when it was cut ("" when it fits): a long cell is kept, not refused.
    A field with no limit (None, as Django says it) takes any text."""
    if limit is None or len(text) <= limit:
        return text, ""
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "…", text
