"""Organisations named only in a table of contents (seed 003).

A plan that compiles several organisations' tables one after another may name them
nowhere but in its table of contents ("2.1 Kymsote …… 11", "2.2 Haminan kaupunki ……
17"), each organisation's tables starting again from the first goal's first sub-goal.
The entries under one chapter whose titles name organisations are those organisations,
in the order of the sections of tables.
"""

import re

from .columns import organisation_like
from .document import Document

ENTRY = re.compile(r"^(?P<number>\d+(?:\.\d+)+)\.?\s+(?P<title>.+?)\s*(?:\.{2,}|…+|\t)\s*\d+\s*$")


def organisations(document: Document) -> list[str]:
    """The first chapter's entries in the table of contents that name organisations."""
    chapters: dict[str, list[str]] = {}
    for block in document.blocks:
        if block.paragraph is None:
            continue
        found = ENTRY.match(block.paragraph.text.strip())
        if found:
            parent = found["number"].rsplit(".", 1)[0]
            chapters.setdefault(parent, []).append(found["title"].rstrip(". "))
    for titles in chapters.values():
        if len(titles) > 1 and organisation_like(titles):
            return titles
    return []


class Sections:
    """Counts the sections of rows, each starting again from the first sub-goal read."""

    def __init__(self):
        self.count = 0
        self.first = ""  # the first sub-goal's key
        self.moved = False  # whether a section has gone past its first sub-goal

    def at(self, key: str) -> int:
        """The section a row of the sub-goal `key` is in (0, 1, …)."""
        if not self.first:
            self.first = key
        elif key == self.first and self.moved:
            self.count += 1
            self.moved = False
        elif key != self.first:
            self.moved = True
        return self.count
