"""A plan's own texts as the reader sees them: a traffic-light legend coloured again.

Plans colour their indicators green, yellow and red and say what each colour means
in a legend ("● hyvä, ● neutraali, ● huolestuttava"). A document's colours rarely
survive its reading, so the legend's dots came out all black; the word beside each
dot says which colour it had, and the dot is coloured from it. The word stays beside
the dot (colour is never the only sign) and a dot whose word is unknown stays as it is.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MEANINGS = {
    "good": ("hyvä", "hyvää", "bra", "god", "gott", "good"),
    "neutral": ("neutraali", "keskitaso", "neutral", "medel", "average"),
    "worrying": ("huolestuttava", "heikko", "oroande", "dålig", "svag", "worrying", "poor"),
}
COLOUR_OF = {word: meaning for meaning, words in MEANINGS.items() for word in words}
DOT = re.compile(r"[●⬤](\s*)([^\W\d_]+)")


def coloured(match: re.Match) -> str:
    meaning = COLOUR_OF.get(match[2].lower())
    if meaning is None:
        return match[0]
    return f'<span class="legend-dot {meaning}" aria-hidden="true">●</span>{match[1]}{match[2]}'


@register.filter(is_safe=True)
def legend_dots(html: SafeString | str) -> SafeString:
    """HTML (after `linebreaks`; plain text is escaped first) with a legend's dots coloured
    by their word."""
    escaped = str(conditional_escape(html))
    return mark_safe(DOT.sub(coloured, escaped))  # noqa: S308 - escaped; only our spans added
