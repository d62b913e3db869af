"""Helpers shared by the importers of plan documents converted to text."""

import html
import re

TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
FORMATTING_TAGS = {"i", "b", "em", "strong", "sup", "sub", "u", "span", "br", "p", "ul", "ol", "li"}


def strip_formatting(text: str) -> str:
    """Drop the document's own formatting tags; any other markup stays as plain text.

    The result is text, never markup: templates escape it when they show it.
    """
    text = TAG.sub(lambda m: " " if m.group(1).lower() in FORMATTING_TAGS else m.group(0), text)
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def lower_first(text: str) -> str:
    """The text continuing a sentence: its first letter in lower case, unless its first
    word is an acronym or a name written with capitals inside ("LAPE", "McDonald")."""
    word = text.split(" ", 1)[0]
    return text if word.isupper() or word[1:2].isupper() else text[:1].lower() + text[1:]
