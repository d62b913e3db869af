"""Values written in a plan's text: the whole country's ("8. ja 9. luokkalaisista, koko
maa: 75,2 %", "hela riket 12,3 procent (2019)", "koko maassa oli 12,3 %") and those of
areas named before a colon ("Kymenlaakso: 1,9 %. Koko maan tilanne: 1,5 %").

The words are data, one vocabulary for Finnish, Swedish and English: COUNTRY_PHRASES
name the whole country, GROUPS the population groups. A country's value follows its
phrase, directly or after a year and a few small words; an area's value follows its
name and a colon. Which names are areas the caller says (`areas`): a name that is none
is returned as unknown, never guessed.

A value's population group is the last one named before it in its own sentence and since
the previous value, written as one Finnish key whatever the language (4.-5. luokka,
8.-9. luokka, lukio, ammatillinen, toinen aste, 4-vuotiaiden huoltajat, 0-6-vuotiaat);
values of different areas written one after the other ("Kotka: 2 %, koko maa: 1 %")
share it. Its year is one written beside the phrase ("koko maa 2019: 41,6 %"), else that
of the next citation in brackets ("(Kouluterveyskysely 2019)", "(2019)"), else the
latest year of the sources not cited in the text.
"""

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from lanu.lib.numbers import finnish_digits
from lanu.lib.text import plain

YEAR = r"(?:19|20)\d\d"
# Thousands separated by a space of any width or by points, or none (lanu.lib.numbers).
NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?!\d)(?:,\d+)?|\d+(?:[.,]\d+)?"

# The whole country, as plans write it before its value.
COUNTRY_PHRASES = [
    r"koko\s+maa(?:n\s+(?:tilanne|keskiarvo|taso|osuus))?",
    r"koko\s+maassa",
    r"koko\s+suomessa",
    r"valtakunnallisesti",
    r"valtakunnallinen\s+(?:keskiarvo|taso|osuus)",
    r"hela\s+landet",
    r"hela\s+riket",
    r"riket",
    r"riksnivå(?:n)?",
    r"(?:the\s+)?whole\s+country",
    r"nationally",
]

# Grades: "4. ja 5.", "8 och 9", "8–9", "4."
GRADES = r"(?P<first>\d{1,2})\.?(?:\s*(?:ja|och|and|[-–])\s*(?P<last>\d{1,2})\.?)?"
# Each group: its key (and the key when only one grade or age is named) and the ways
# plans name it, in Finnish, Swedish and English.
GROUPS: list[tuple[tuple[str, str], list[str]]] = [
    (
        ("{first}.-{last}. luokka", "{first}. luokka"),
        [
            rf"\b{GRADES}\s*(?:luok|lk\b|klass|grade)",
            rf"\b(?:årskurs(?:erna)?|åk|klass(?:erna|en)?|grades?|luokat|luokilla|luokkien)"
            rf"\s*{GRADES}",
        ],
    ),
    (
        ("{first}-{last}-vuotiaat", "{first}-vuotiaat"),
        [
            r"\b(?P<first>\d{1,2})\s*[-–]\s*(?P<last>\d{1,2})\s*-?\s*(?:vuotia|åring|år\b|year)",
            r"\b(?:åldern|ålder|aged?)\s+(?P<first>\d{1,2})\s*[-–]\s*(?P<last>\d{1,2})",
        ],
    ),
    (
        ("{age}-vuotiaiden huoltajat", "{age}-vuotiaiden huoltajat"),
        [
            r"\b(?P<age>\d{1,2})\s*-?\s*vuotiaiden\s+(?:lasten\s+)?huoltaj",
            r"\bvårdnadshavare\s+(?:till|för|åt)\s+(?P<age>\d{1,2})\s*-?\s*åringar",
            r"\bparents\s+of\s+(?P<age>\d{1,2})\s*-?\s*year",
        ],
    ),
    (("lukio", "lukio"), [r"lukio|gymnasi|general\s+upper\s+secondary"]),
    (("ammatillinen", "ammatillinen"), [r"ammatti|ammatillis|yrkes|vocational"]),
    (
        ("toinen aste", "toinen aste"),
        [r"\btoi(?:nen|sen|sella|selta|sessa)\s+aste|\bandra\s+stadi|\bupper\s+secondary"],
    ),
]
GROUP_PATTERNS = [
    (re.compile(pattern, re.IGNORECASE), keys) for keys, patterns in GROUPS for pattern in patterns
]

# A value: a sign, a number that is no ordinal ("8. ja 9." is a grade), a unit.
VALUE = (
    rf"(?P<sign>[-−–])?\s*(?P<number>{NUMBER})(?-i:(?!\.\s*[a-zåäö\d]))"
    r"\s*(?P<unit>%|‰|prosenttia|procent|per\s*cent)?"
)
# Between the country's phrase and its value: a year, small words ("koko maassa oli").
GAP = rf"(?P<gap>(?:[\s,]+(?:\(?{YEAR}\)?|(?-i:[a-zåäö]+))){{0,4}})"
COUNTRY = rf"\b(?:{'|'.join(COUNTRY_PHRASES)})\b"
NAME = r"(?-i:[A-ZÅÄÖ])[^\W\d_]*(?:[ -][^\W\d_]+){0,3}"
WRITTEN = re.compile(
    rf"(?:(?P<country>{COUNTRY}){GAP}\s*[:=]?|(?P<name>{NAME})\s*:)\s*{VALUE}",
    re.IGNORECASE,
)
COUNTRY_PATTERN = re.compile(COUNTRY, re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖ])")
CITATION = re.compile(rf"\([^()]*?\b({YEAR})\)")
LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Reference:
    """One value: its group ("" for none), year, value and unit, and its area: "" for the
    whole country, else the name of a known area as the caller gave it."""

    group: str
    year: int | None
    value: Decimal
    unit: str
    area: str = ""


@dataclass
class Reading:
    """The values of a text, and the names written like areas that are no known area."""

    values: list[Reference] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def references(text: str, sources: str = "", areas: Collection[str] = ()) -> list[Reference]:
    """The values in the text, in the order written (see read_values)."""
    return read_values(text, sources, areas).values


def read_values(text: str, sources: str = "", areas: Collection[str] = ()) -> Reading:
    """The whole country's values and those of the areas whose names (plain: see
    lanu.lib.text.plain) are in `areas`, in the order written; other names written like
    an area's before a value are returned as unknown."""
    reading = Reading()
    start = 0
    fallback = uncited_year(text, sources)
    for match in WRITTEN.finditer(text):
        area = area_of(match, areas)
        if area is None:
            if not last_group(match.group("name")):  # "Lukiolaiset: 12 %" names no place
                reading.unknown.append(match.group("name").strip())
            continue
        between = text[start : match.start()]
        group = last_group(this_sentence(between)) or shared_group(reading, area, between)
        year = year_written(match) or cited_year(text, match.end()) or fallback
        value = Reference(group, int(year) if year else None, number(match), unit(match), area)
        reading.values.append(value)
        start = match.end()
    return reading


def area_of(match: re.Match, areas: Collection[str]) -> str | None:
    """ "" for the whole country, the known area's name (plain), or None for a name that
    is no known area. A name's last words may be the area's ("Lapsia Kotka")."""
    if match.group("country") is not None:
        return ""
    name = match.group("name")
    if COUNTRY_PATTERN.search(name):
        return ""
    words = plain(name).split()
    found = (" ".join(words[at:]) for at in range(len(words)))
    return next((known for known in found if known in areas), None)


def shared_group(reading: Reading, area: str, between: str) -> str:
    """The previous value's group, if it is another area's written just before this one
    with no words between ("Kotka: 2 %, koko maa: 1 %")."""
    if not reading.values or LETTERS.search(between):
        return ""
    previous = reading.values[-1]
    return previous.group if previous.area != area else ""


def year_written(match: re.Match) -> str | None:
    found = re.search(YEAR, match.group("gap") or "")
    return found.group(0) if found else None


def this_sentence(text: str) -> str:
    """The end of the text from its last sentence break (a full stop and a capital
    letter): "(15–49-vuotiaasta) naista kohti. Koko maa" is not about 15-49-year-olds."""
    breaks = list(SENTENCE_BREAK.finditer(text))
    return text[breaks[-1].end() :] if breaks else text


def last_group(text: str) -> str:
    """The population group named last in the text ("" if none): where two names end at
    the same place (4-vuotiaiden huoltajista), the longer one."""
    matches = [
        (m.end(), m.end() - m.start(), group_key(keys, m))
        for pattern, keys in GROUP_PATTERNS
        for m in pattern.finditer(text)
    ]
    return max(matches)[2] if matches else ""


def group_key(keys: tuple[str, str], match: re.Match) -> str:
    """The group's key from its pattern's numbers: the first key when all are named."""
    named = match.groupdict()
    both, one = keys
    return both.format(**named) if None not in named.values() else one.format(**named)


def cited_year(text: str, after: int) -> str | None:
    """The year of the next citation in brackets: a citation covers the values before it."""
    citation = CITATION.search(text, after)
    return citation.group(1) if citation else None


def uncited_year(text: str, sources: str) -> str | None:
    """The latest year of the sources not cited in the text, else the latest of them all."""
    cited = {match.group(1) for match in CITATION.finditer(text)}
    years = re.findall(rf"\b{YEAR}\b", sources)
    uncited = [year for year in years if year not in cited]
    return max(uncited or years, default=None)


def number(match: re.Match) -> Decimal:
    found = Decimal(finnish_digits(match.group("number")))
    return -found if match.group("sign") else found


def unit(match: re.Match) -> str:
    written = (match.group("unit") or "").lower()
    return "‰" if written == "‰" else "%" if written else ""
