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
